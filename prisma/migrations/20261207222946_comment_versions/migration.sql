-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "updatedAt" DATETIME;
