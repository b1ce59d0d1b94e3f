-- DropIndex
DROP INDEX "CommentTag_tagId_idx";

-- DropIndex
DROP INDEX "Post_publishedAt_idx";

-- DropIndex
DROP INDEX "PostTag_tagId_idx";

-- CreateIndex
CREATE INDEX "CommentTag_tagId_commentId_idx" ON "CommentTag"("tagId", "commentId");

-- CreateIndex
CREATE INDEX "Post_status_publishedAt_idx" ON "Post"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "PostTag_tagId_postId_idx" ON "PostTag"("tagId", "postId");
