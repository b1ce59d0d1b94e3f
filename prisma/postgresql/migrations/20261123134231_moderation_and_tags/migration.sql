-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedById" INTEGER;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedById" INTEGER,
ADD COLUMN     "cloak" TEXT,
ADD COLUMN     "holdReason" TEXT;

-- AlterTable
ALTER TABLE "Flag" ADD COLUMN     "outcome" TEXT;

-- AlterTable
ALTER TABLE "ModerationAction" ADD COLUMN     "note" TEXT;

-- CreateTable
CREATE TABLE "RetagJob" (
    "id" SERIAL NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RetagJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");

-- CreateIndex
CREATE INDEX "Flag_voiceRef_idx" ON "Flag"("voiceRef");
