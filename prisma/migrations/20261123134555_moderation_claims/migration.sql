-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "postId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "rootId" INTEGER,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "bodyMarkdown" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "voice" TEXT NOT NULL,
    "displayName" TEXT,
    "voiceCode" TEXT,
    "authorRef" TEXT NOT NULL,
    "userId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'published',
    "holdReason" TEXT,
    "removalReason" TEXT,
    "cloak" TEXT,
    "claimedById" INTEGER,
    "claimedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "deletedAt" DATETIME,
    CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
    CONSTRAINT "Comment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorRef", "bodyHtml", "bodyMarkdown", "claimedAt", "claimedById", "cloak", "createdAt", "deletedAt", "depth", "displayName", "editedAt", "holdReason", "id", "parentId", "postId", "removalReason", "rootId", "status", "userId", "voice", "voiceCode") SELECT "authorRef", "bodyHtml", "bodyMarkdown", "claimedAt", "claimedById", "cloak", "createdAt", "deletedAt", "depth", "displayName", "editedAt", "holdReason", "id", "parentId", "postId", "removalReason", "rootId", "status", "userId", "voice", "voiceCode" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_postId_parentId_id_idx" ON "Comment"("postId", "parentId", "id");
CREATE INDEX "Comment_postId_rootId_idx" ON "Comment"("postId", "rootId");
CREATE INDEX "Comment_authorRef_idx" ON "Comment"("authorRef");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");
CREATE TABLE "new_Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "bodyMarkdown" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "voice" TEXT NOT NULL DEFAULT 'member',
    "displayName" TEXT,
    "voiceCode" TEXT,
    "authorRef" TEXT,
    "userId" INTEGER,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "commentsOpen" BOOLEAN NOT NULL DEFAULT true,
    "suggestedTags" TEXT NOT NULL DEFAULT '',
    "rejectionReason" TEXT,
    "claimedById" INTEGER,
    "claimedAt" DATETIME,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Post_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorRef", "bodyHtml", "bodyMarkdown", "claimedAt", "claimedById", "commentsOpen", "createdAt", "displayName", "excerpt", "id", "pinned", "publishedAt", "rejectionReason", "slug", "status", "suggestedTags", "title", "updatedAt", "userId", "voice", "voiceCode") SELECT "authorRef", "bodyHtml", "bodyMarkdown", "claimedAt", "claimedById", "commentsOpen", "createdAt", "displayName", "excerpt", "id", "pinned", "publishedAt", "rejectionReason", "slug", "status", "suggestedTags", "title", "updatedAt", "userId", "voice", "voiceCode" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");
CREATE INDEX "Post_status_pinned_publishedAt_idx" ON "Post"("status", "pinned", "publishedAt");
CREATE INDEX "Post_publishedAt_idx" ON "Post"("publishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
