// The tables the search migration makes by hand, which schema.prisma does not describe: SQLite's
// full-text indexes (FTS5) and the tables FTS5 keeps beside each. Prisma is told they are
// external, so a migration written from the schema never drops them
// (docs/decisions/022-search.md). No server code: prisma.config.ts reads it too.

/** The FTS5 indexes of comments and posts (prisma/migrations/*_search). */
export const SEARCH_INDEXES = ["CommentSearch", "PostSearch"] as const;

/** Every table of those indexes: each FTS5 table keeps its words in four tables of its own. */
export const SEARCH_TABLES: string[] = SEARCH_INDEXES.flatMap((name) => [
  name,
  ...["config", "data", "docsize", "idx"].map((part) => `${name}_${part}`),
]);
