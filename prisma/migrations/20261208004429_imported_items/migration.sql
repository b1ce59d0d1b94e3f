-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "importedFrom" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN "importedFrom" TEXT;

-- CreateTable
CREATE TABLE "OldAddress" (
    "path" TEXT NOT NULL PRIMARY KEY,
    "postId" INTEGER NOT NULL,
    CONSTRAINT "OldAddress_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OldAddress_postId_idx" ON "OldAddress"("postId");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_importedFrom_key" ON "Comment"("importedFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Post_importedFrom_key" ON "Post"("importedFrom");
