-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "closedReason" TEXT,
ADD COLUMN     "closesAt" TIMESTAMP(3),
ADD COLUMN     "coolingReason" TEXT,
ADD COLUMN     "coolingSince" TIMESTAMP(3),
ADD COLUMN     "reopensAt" TIMESTAMP(3),
ADD COLUMN     "slowModeReason" TEXT,
ADD COLUMN     "slowModeSeconds" INTEGER,
ADD COLUMN     "slowModeSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ModeratorNote" (
    "id" SERIAL NOT NULL,
    "postId" INTEGER NOT NULL,
    "commentId" INTEGER,
    "authorId" INTEGER,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModeratorNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModeratorNote_postId_id_idx" ON "ModeratorNote"("postId", "id");

-- CreateIndex
CREATE INDEX "ModeratorNote_commentId_idx" ON "ModeratorNote"("commentId");

-- AddForeignKey
ALTER TABLE "ModeratorNote" ADD CONSTRAINT "ModeratorNote_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModeratorNote" ADD CONSTRAINT "ModeratorNote_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModeratorNote" ADD CONSTRAINT "ModeratorNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
