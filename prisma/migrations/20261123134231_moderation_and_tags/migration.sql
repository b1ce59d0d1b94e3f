-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "claimedById" INTEGER;
ALTER TABLE "Comment" ADD COLUMN "cloak" TEXT;
ALTER TABLE "Comment" ADD COLUMN "holdReason" TEXT;

-- AlterTable
ALTER TABLE "Flag" ADD COLUMN "outcome" TEXT;

-- AlterTable
ALTER TABLE "ModerationAction" ADD COLUMN "note" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "claimedById" INTEGER;

-- CreateTable
CREATE TABLE "RetagJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");

-- CreateIndex
CREATE INDEX "Flag_voiceRef_idx" ON "Flag"("voiceRef");
