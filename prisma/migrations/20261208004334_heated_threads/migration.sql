-- AlterTable
ALTER TABLE "Post" ADD COLUMN "closedReason" TEXT;
ALTER TABLE "Post" ADD COLUMN "closesAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "coolingReason" TEXT;
ALTER TABLE "Post" ADD COLUMN "coolingSince" DATETIME;
ALTER TABLE "Post" ADD COLUMN "reopensAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "slowModeReason" TEXT;
ALTER TABLE "Post" ADD COLUMN "slowModeSeconds" INTEGER;
ALTER TABLE "Post" ADD COLUMN "slowModeSince" DATETIME;

-- CreateTable
CREATE TABLE "ModeratorNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "postId" INTEGER NOT NULL,
    "commentId" INTEGER,
    "authorId" INTEGER,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModeratorNote_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModeratorNote_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModeratorNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ModeratorNote_postId_id_idx" ON "ModeratorNote"("postId", "id");

-- CreateIndex
CREATE INDEX "ModeratorNote_commentId_idx" ON "ModeratorNote"("commentId");
