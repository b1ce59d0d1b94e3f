-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "formKey" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "formKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Post_formKey_key" ON "Post"("formKey");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_formKey_key" ON "Comment"("formKey");
