-- Full-text search (docs/decisions/0xx-search.md). Written by hand: Prisma does not model FTS5
-- tables or triggers, and the schema engine is told to leave these tables alone
-- (app/lib/search-tables.ts, docs/decisions/0xx-search.md).
--
-- One index of comments and one of posts, over the text their writers wrote (markdown, whose
-- punctuation the tokenizer drops). Contentless: the text stays in its own table, once.
-- Porter stemming over unicode61 words: "strike" finds "strikes" and "striking"; words of two
-- letters (TR) are words, and words under three letters are never stemmed.
-- A comment's index row also carries its thread as one word ("t12"), so a search within a
-- thread is an intersection inside the index, not a walk through every match of the forum.
CREATE VIRTUAL TABLE "CommentSearch" USING fts5(
  "body", "thread",
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE "PostSearch" USING fts5(
  "title", "body",
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Triggers keep the index in step with every way a row is written: the app, imports,
-- moderation (redaction), edits, deletions, `npm run db:rerender`.
CREATE TRIGGER "Comment_search_insert" AFTER INSERT ON "Comment" BEGIN
  INSERT INTO "CommentSearch" ("rowid", "body", "thread") VALUES (new."id", new."bodyMarkdown", 't' || new."postId");
END;
CREATE TRIGGER "Comment_search_update" AFTER UPDATE OF "bodyMarkdown", "postId" ON "Comment" BEGIN
  DELETE FROM "CommentSearch" WHERE "rowid" = old."id";
  INSERT INTO "CommentSearch" ("rowid", "body", "thread") VALUES (new."id", new."bodyMarkdown", 't' || new."postId");
END;
CREATE TRIGGER "Comment_search_delete" AFTER DELETE ON "Comment" BEGIN
  DELETE FROM "CommentSearch" WHERE "rowid" = old."id";
END;
CREATE TRIGGER "Post_search_insert" AFTER INSERT ON "Post" BEGIN
  INSERT INTO "PostSearch" ("rowid", "title", "body") VALUES (new."id", new."title", new."bodyMarkdown");
END;
CREATE TRIGGER "Post_search_update" AFTER UPDATE OF "title", "bodyMarkdown" ON "Post" BEGIN
  DELETE FROM "PostSearch" WHERE "rowid" = old."id";
  INSERT INTO "PostSearch" ("rowid", "title", "body") VALUES (new."id", new."title", new."bodyMarkdown");
END;
CREATE TRIGGER "Post_search_delete" AFTER DELETE ON "Post" BEGIN
  DELETE FROM "PostSearch" WHERE "rowid" = old."id";
END;

-- What was written before.
INSERT INTO "CommentSearch" ("rowid", "body", "thread") SELECT "id", "bodyMarkdown", 't' || "postId" FROM "Comment";
INSERT INTO "PostSearch" ("rowid", "title", "body") SELECT "id", "title", "bodyMarkdown" FROM "Post";
