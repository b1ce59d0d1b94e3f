-- Full-text search (docs/decisions/0xx-search.md). Written by hand: Prisma does not model
-- tsvector columns, and PostgreSQL migrations are diffs between schema files, which never
-- see these columns (prisma/postgresql/migrated-schema.prisma).
--
-- Each comment and post carries its words as a tsvector that PostgreSQL keeps in step with
-- the text on every write (a generated column), under the English stemmer: "strike" finds
-- "strikes" and "striking". A post's title weighs more than its body.
ALTER TABLE "Comment" ADD COLUMN "searchWords" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', "bodyMarkdown")) STORED;
CREATE INDEX "Comment_searchWords_idx" ON "Comment" USING GIN ("searchWords");

ALTER TABLE "Post" ADD COLUMN "searchWords" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "bodyMarkdown"), 'B')
  ) STORED;
CREATE INDEX "Post_searchWords_idx" ON "Post" USING GIN ("searchWords");
