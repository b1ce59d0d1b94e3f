-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "position" INTEGER;

-- Each top-level comment's place in its thread: how many of the post's top-level comments came before it.
UPDATE "Comment" SET "position" = (
  SELECT COUNT(*) FROM "Comment" AS "earlier"
  WHERE "earlier"."postId" = "Comment"."postId" AND "earlier"."parentId" IS NULL AND "earlier"."id" < "Comment"."id"
) WHERE "parentId" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_postId_position_key" ON "Comment"("postId", "position");
