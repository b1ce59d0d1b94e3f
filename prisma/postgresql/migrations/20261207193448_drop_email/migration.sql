-- A dropped column's values stay in its rows until they are written again: clear them first.
UPDATE "User" SET "email" = NULL WHERE "email" IS NOT NULL;

-- AlterTable
ALTER TABLE "User" DROP COLUMN "email";
