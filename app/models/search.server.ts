// Search over posts and comments (docs/decisions/022-search.md). Prisma models neither engine's
// full-text index, so the matching is raw SQL, one query for the page and its count; what the
// page shows of each result is then read through Prisma with explicit selects.
//   SQLite: the FTS5 indexes CommentSearch and PostSearch (porter stemming over unicode61
//   words), kept by triggers of the migrations.
//   PostgreSQL: the generated tsvector columns "searchWords" (English stemming) with GIN
//   indexes.
// Both rank the best matches the same way, by their words (search-excerpt.ts).
// A search reads at most SEARCH_MATCH_LIMIT matches of each kind, newest first, and counts
// no further; "best match" ranks the newest RANKED_MATCHES of those. So a search costs the
// same in a forum of 100,000 comments as in one of 1,000,000, however common its words.
import { databaseProvider, db } from "~/lib/db.server";
import { textOfHtml } from "~/lib/markdown.server";
import { ForumError, notFound } from "./errors.server";
import { highlighted, highlightedExcerpt, rankByWords, stemsOf } from "./search-excerpt";
import {
  MAX_QUERY_LENGTH,
  MAX_TERMS,
  fts5Query,
  looksForSomething,
  parseSearch,
  wordsSought,
  type SearchQuery,
  type SearchTerm,
} from "./search-query";
import { COMMENT_STATUSES, POST_STATUSES, oneOf } from "./statuses";
import { glossaryTags, shownPostTag, tagNamer } from "./tags.server";
import { voiceFields, voiceFilterOf, voiceLabel, type VoiceFilter } from "./voices.server";

/** Results on one page of a search. */
export const SEARCH_PAGE_SIZE = 20;
/** Matches of each kind a search counts and pages through, newest first. */
export const SEARCH_MATCH_LIMIT = 1000;
/**
 * Matches of each kind "best match first" ranks: the newest this many, by their words. FTS5's
 * own ranking (bm25) counts every match of each word in the whole forum, so its cost grows
 * with the forum; this does not, and it ranks alike on both engines (docs/decisions/022-search.md).
 */
export const RANKED_MATCHES = 200;
/** Characters of a comment read to rank it. */
const RANKED_TEXT_CHARS = 4000;

export const SEARCH_SORTS = ["best", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The statuses a moderator may narrow a search to: those of comments and of posts. */
export const SEARCH_STATUSES = [...new Set([...COMMENT_STATUSES, ...POST_STATUSES])];

export type SearchInput = {
  /** The search as typed. */
  text: string;
  sort: SearchSort;
  page: number;
  /** A tag's name; `tag:name` in the text says the same. */
  tag?: string | null;
  /** A post's slug: search within its thread. */
  post?: string | null;
  /** From the start of this day (UTC) to the end of that one. */
  from?: Date | null;
  to?: Date | null;
  /** A voice as pages show it: "Anonymous ·7F3A", "Grumpy PO ◆K2M9XQ4T", "rosa". */
  voice?: string | null;
  /** Moderators: every item whatever its status, or those of this status. */
  everything?: boolean;
  status?: string | null;
};

export type SearchHit = {
  kind: "comment" | "post";
  id: number;
  post: { slug: string; title: string };
  /** A post's title with the words found marked: escaped HTML. */
  titleHtml: string | null;
  /** A passage of the text around the words found, marked: escaped HTML, <mark> its only tag. */
  excerptHtml: string;
  author: string;
  isAnonymous: boolean;
  date: string;
  tags: string[];
  /** Only in a moderators' search. */
  status: string | null;
};

export type SearchResults = {
  hits: SearchHit[];
  /** Matches, counted up to SEARCH_MATCH_LIMIT; `capped` when there are more. */
  total: number;
  capped: boolean;
  page: number;
  pages: number;
  /** What the reader should know about how the search was read. */
  notes: string[];
  /** The thread searched within, when one was. */
  post: { slug: string; title: string } | null;
  tag: string | null;
};

/** Placeholders in the order values are pushed: SQL must be built left to right. */
function sqlParams() {
  const values: unknown[] = [];
  const param = (value: unknown) => (values.push(value), databaseProvider === "postgresql" ? `$${values.length}` : "?");
  return { values, param };
}
type Param = ReturnType<typeof sqlParams>["param"];

/** Days of a date range as moments: from its first day's start to its last day's end. */
const DAY_MS = 24 * 60 * 60 * 1000;

type Filters = {
  postId: number | null;
  tagId: number | null;
  from: Date | null;
  to: Date | null;
  voice: VoiceFilter | null;
  everything: boolean;
  status: string | null;
};

/** What readers may see: published comments on published posts (as the thread and the feeds show). */
const READERS_SEE_POST = (p: string) => `${p}."status" = 'published' AND ${p}."publishedAt" IS NOT NULL`;
const READERS_SEE_COMMENT = (c: string, p: string) => `${c}."status" = 'published' AND ${READERS_SEE_POST(p)}`;

/** The conditions on the rows of one kind (`row` its alias) that every filter adds. */
function conditions(kind: "comment" | "post", row: string, filters: Filters, param: Param): string[] {
  const where: string[] = [];
  if (!filters.everything) where.push(kind === "comment" ? READERS_SEE_COMMENT(row, "p") : READERS_SEE_POST(row));
  if (filters.status !== null) {
    const statuses: readonly string[] = kind === "comment" ? COMMENT_STATUSES : POST_STATUSES;
    where.push(statuses.includes(filters.status) ? `${row}."status" = ${param(filters.status)}` : "1 = 0");
  }
  if (filters.postId !== null && kind === "post") where.push(`${row}."id" = ${param(filters.postId)}`);
  if (filters.postId !== null && kind === "comment" && databaseProvider === "postgresql")
    where.push(`${row}."postId" = ${param(filters.postId)}`);
  if (filters.tagId !== null)
    where.push(
      kind === "comment"
        ? `EXISTS (SELECT 1 FROM "CommentTag" t WHERE t."commentId" = ${row}."id" AND t."tagId" = ${param(filters.tagId)})`
        : `EXISTS (SELECT 1 FROM "PostTag" t WHERE t."postId" = ${row}."id" AND t."tagId" = ${param(filters.tagId)} AND t."source" <> 'suppressed')`,
    );
  const at = kind === "comment" ? `${row}."createdAt"` : `COALESCE(${row}."publishedAt", ${row}."createdAt")`;
  if (filters.from) where.push(`${at} >= ${param(filters.from)}`);
  if (filters.to) where.push(`${at} < ${param(new Date(filters.to.getTime() + DAY_MS))}`);
  if (filters.voice) {
    const { anonymous, displayName, voiceCode } = filters.voice;
    where.push(anonymous ? `${row}."voice" = 'anonymous'` : `${row}."voice" <> 'anonymous'`);
    if (displayName !== null) where.push(`${row}."displayName" = ${param(displayName)}`);
    if (voiceCode !== null) where.push(`${row}."voiceCode" = ${param(voiceCode)}`);
    else if (!anonymous || displayName !== null) where.push(`${row}."voiceCode" IS NULL`);
  }
  return where;
}

/** PostgreSQL: the search as a tsquery, each term a phrase through websearch_to_tsquery, combined in SQL. */
function tsquery(query: SearchQuery, param: Param): string {
  const term = (t: SearchTerm) => `websearch_to_tsquery('english', ${param(`"${t.words.join(" ")}"`)})`;
  const all = query.all.map((alternatives) => `(${alternatives.map(term).join(" || ")})`).join(" && ");
  return query.none.length === 0 ? all : `(${all}) && !! (${query.none.map(term).join(" || ")})`;
}

/**
 * The matches of one kind, newest first, at most `limit`; `withWords`: with the words that rank
 * them (a comment's text; a post's title and opening), read by `rankByWords`.
 */
function matchesSql(
  kind: "comment" | "post",
  query: SearchQuery,
  filters: Filters,
  param: Param,
  { limit, withWords }: { limit: number; withWords: boolean },
): string {
  const and = (where: string[]) => where.map((w) => `AND ${w}`).join(" ");
  const words =
    kind === "comment"
      ? `NULL AS "title", ${withWords ? `substr(c."bodyMarkdown", 1, ${RANKED_TEXT_CHARS})` : "NULL"} AS "text"`
      : `${withWords ? `p."title"` : "NULL"} AS "title", ${withWords ? `p."excerpt"` : "NULL"} AS "text"`;
  const columns =
    kind === "comment"
      ? `'comment' AS "kind", c."id", c."createdAt" AS "at", ${words}`
      : `'post' AS "kind", p."id", COALESCE(p."publishedAt", p."createdAt") AS "at", ${words}`;
  if (databaseProvider === "postgresql") {
    const q = tsquery(query, param);
    if (kind === "comment") {
      const where = conditions("comment", "c", filters, param);
      return `SELECT ${columns} FROM "Comment" c JOIN "Post" p ON p."id" = c."postId"
        WHERE c."searchWords" @@ (${q}) ${and(where)} ORDER BY c."id" DESC LIMIT ${limit}`;
    }
    const where = conditions("post", "p", filters, param);
    return `SELECT ${columns} FROM "Post" p WHERE p."searchWords" @@ (${q}) ${and(where)} ORDER BY p."id" DESC LIMIT ${limit}`;
  }
  const match = fts5Query(query)!;
  if (kind === "comment") {
    // The thread is a word of the index's own column, so a search within a thread is one walk.
    const matchParam = param(
      filters.postId === null ? `{body} : (${match})` : `{thread} : "t${filters.postId}" AND {body} : (${match})`,
    );
    const where = conditions("comment", "c", filters, param);
    return `SELECT ${columns}
      FROM "CommentSearch" JOIN "Comment" c ON c."id" = "CommentSearch"."rowid" JOIN "Post" p ON p."id" = c."postId"
      WHERE "CommentSearch" MATCH ${matchParam} ${and(where)} ORDER BY "CommentSearch"."rowid" DESC LIMIT ${limit}`;
  }
  const matchParam = param(match);
  const where = conditions("post", "p", filters, param);
  return `SELECT ${columns} FROM "PostSearch" JOIN "Post" p ON p."id" = "PostSearch"."rowid"
    WHERE "PostSearch" MATCH ${matchParam} ${and(where)} ORDER BY "PostSearch"."rowid" DESC LIMIT ${limit}`;
}

type MatchRow = {
  kind: string;
  id: number | bigint;
  at: Date | string;
  title: string | null;
  text: string | null;
  comments: number | bigint;
  posts: number | bigint;
};

/**
 * One page of matches (kind and id, in order), and how many of each kind there are, up to
 * SEARCH_MATCH_LIMIT (and one more, to tell that there are more). Newest first pages through
 * those in SQL; best match first ranks the newest RANKED_MATCHES of each kind by their words
 * (`rankByWords`), and only counts the rest.
 */
async function matchPage(query: SearchQuery, filters: Filters, sort: SearchSort, page: number) {
  const { values, param } = sqlParams();
  const counted = { limit: SEARCH_MATCH_LIMIT + 1, withWords: false };
  const skip = (page - 1) * SEARCH_PAGE_SIZE;
  let sql: string;
  if (sort === "newest") {
    const comments = matchesSql("comment", query, filters, param, counted);
    const posts = matchesSql("post", query, filters, param, counted);
    sql = `SELECT "kind", "id", "at", sum(CASE WHEN "kind" = 'comment' THEN 1 ELSE 0 END) OVER () AS "comments",
        sum(CASE WHEN "kind" = 'post' THEN 1 ELSE 0 END) OVER () AS "posts"
      FROM (SELECT * FROM (${comments}) comments UNION ALL SELECT * FROM (${posts}) posts) matches
      ORDER BY "at" DESC, "id" DESC LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${param(skip)}`;
  } else {
    const counts = `SELECT (SELECT count(*) FROM (${matchesSql("comment", query, filters, param, counted)}) c) AS "comments",
      (SELECT count(*) FROM (${matchesSql("post", query, filters, param, counted)}) p) AS "posts"`;
    const ranked = { limit: RANKED_MATCHES, withWords: true };
    const comments = matchesSql("comment", query, filters, param, ranked);
    const posts = matchesSql("post", query, filters, param, ranked);
    sql = `WITH counted AS (${counts})
      SELECT matches.*, counted."comments", counted."posts"
      FROM (SELECT * FROM (${comments}) comments UNION ALL SELECT * FROM (${posts}) posts) matches, counted`;
  }
  const rows = await db.$queryRawUnsafe<MatchRow[]>(sql, ...values);
  const comments = Number(rows[0]?.comments ?? 0);
  const posts = Number(rows[0]?.posts ?? 0);
  const ordered =
    sort === "newest"
      ? rows
      : rankByWords(
          rows.map((row) => ({ ...row, at: new Date(row.at).getTime(), text: row.text ?? "" })),
          stemsOf(wordsSought(query)),
        ).slice(skip, skip + SEARCH_PAGE_SIZE);
  return {
    matches: ordered.map((row) => ({
      kind: row.kind === "post" ? ("post" as const) : ("comment" as const),
      id: Number(row.id),
    })),
    total: Math.min(comments, SEARCH_MATCH_LIMIT) + Math.min(posts, SEARCH_MATCH_LIMIT),
    capped: comments > SEARCH_MATCH_LIMIT || posts > SEARCH_MATCH_LIMIT,
    /** Matches this order pages through. */
    pageable:
      sort === "newest" ? SEARCH_MATCH_LIMIT : Math.min(comments, RANKED_MATCHES) + Math.min(posts, RANKED_MATCHES),
  };
}

/** What a page shows of the comments and posts found, in the order found. */
async function describeMatches(
  matches: { kind: "comment" | "post"; id: number }[],
  query: SearchQuery,
  withStatus: boolean,
): Promise<SearchHit[]> {
  const ids = (kind: "comment" | "post") => matches.filter((m) => m.kind === kind).map((m) => m.id);
  const [comments, posts] = await Promise.all([
    db.comment.findMany({
      where: { id: { in: ids("comment") } },
      select: {
        id: true,
        bodyHtml: true,
        ...voiceFields,
        createdAt: true,
        status: true,
        post: { select: { slug: true, title: true } },
        tags: { select: { tagId: true } },
      },
    }),
    db.post.findMany({
      where: { id: { in: ids("post") } },
      select: {
        id: true,
        slug: true,
        title: true,
        bodyHtml: true,
        ...voiceFields,
        publishedAt: true,
        createdAt: true,
        status: true,
        tags: { where: shownPostTag, select: { tagId: true } },
      },
    }),
  ]);
  const names = await tagNamer([...comments, ...posts].flatMap((item) => item.tags.map((t) => t.tagId)));
  const stems = stemsOf(wordsSought(query));
  const hits = new Map<string, SearchHit>();
  for (const c of comments)
    hits.set(`comment:${c.id}`, {
      kind: "comment",
      id: c.id,
      post: c.post,
      titleHtml: null,
      excerptHtml: highlightedExcerpt(textOfHtml(c.bodyHtml), stems),
      author: voiceLabel(c),
      isAnonymous: c.voice === "anonymous",
      date: c.createdAt.toISOString(),
      tags: names(c.tags),
      status: withStatus ? c.status : null,
    });
  for (const p of posts)
    hits.set(`post:${p.id}`, {
      kind: "post",
      id: p.id,
      post: { slug: p.slug, title: p.title },
      titleHtml: highlighted(p.title, stems),
      excerptHtml: highlightedExcerpt(textOfHtml(p.bodyHtml), stems),
      author: voiceLabel(p),
      isAnonymous: p.voice === "anonymous",
      date: (p.publishedAt ?? p.createdAt).toISOString(),
      tags: names(p.tags),
      status: withStatus ? p.status : null,
    });
  // A row gone between the two reads (deleted by then) is left out.
  return matches.flatMap((m) => hits.get(`${m.kind}:${m.id}`) ?? []);
}

/** The thread a search is kept within: for readers, a published post. */
async function threadOf(slug: string, everything: boolean) {
  const post = await db.post.findFirst({
    where: everything ? { slug } : { slug, status: "published", publishedAt: { not: null } },
    select: { id: true, slug: true, title: true },
  });
  if (!post) throw notFound("That post");
  return post;
}

/** A tag of the glossary by its name in any case, or null. */
async function tagNamed(asked: string) {
  const tags = await glossaryTags();
  return tags.find((t) => t.name === asked) ?? tags.find((t) => t.name.toLowerCase() === asked.toLowerCase()) ?? null;
}

/** The pages a number of matches fill: no more than SEARCH_MATCH_LIMIT matches are paged through. */
const pagesFor = (total: number) => Math.max(1, Math.ceil(Math.min(total, SEARCH_MATCH_LIMIT) / SEARCH_PAGE_SIZE));

/**
 * A page of the posts and comments that match a search, best match or newest first. Readers
 * (the default) find only what they could read on the forum's pages, and the counts count only
 * that; `everything` (moderators) finds every item, with its status. Any text is a search; a
 * voice given with a secret, or days in the wrong order, are refused (ForumError), as is a
 * thread that is not there (404).
 */
export async function searchForum(input: SearchInput): Promise<SearchResults> {
  const query = parseSearch(input.text);
  const everything = input.everything ?? false;
  const voice = input.voice ? voiceFilterOf(input.voice) : null;
  if (input.from && input.to && input.from > input.to)
    throw new ForumError("The first day is after the last: swap them.", 400, "from");
  const askedTag = query.tag ?? input.tag ?? null;
  const [post, tag] = await Promise.all([
    input.post ? threadOf(input.post, everything) : null,
    askedTag ? tagNamed(askedTag) : null,
  ]);
  const notes: string[] = [];
  if (query.shortened)
    notes.push(
      `Only the first ${MAX_TERMS} words and phrases of a search, in its first ${MAX_QUERY_LENGTH.toLocaleString("en-GB")} characters, are looked for.`,
    );
  const results = { hits: [], total: 0, capped: false, page: 1, pages: 1, notes, post, tag: tag?.name ?? null };
  if (askedTag && !tag) {
    notes.push(`No tag is called “${askedTag}”: the glossary lists them all.`);
    return results;
  }
  if (!looksForSomething(query)) {
    notes.push(
      query.none.length > 0
        ? "A search of excluded words only finds nothing: add a word to look for."
        : "Type a word to look for: the other fields narrow a search down.",
    );
    return results;
  }
  const filters: Filters = {
    postId: post?.id ?? null,
    tagId: tag?.id ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
    voice,
    everything,
    status: everything ? (oneOf(SEARCH_STATUSES, input.status) ?? null) : null,
  };
  let page = Math.min(Math.max(1, input.page), pagesFor(SEARCH_MATCH_LIMIT));
  let found = await matchPage(query, filters, input.sort, page);
  const pagesOf = (f: typeof found) => pagesFor(Math.min(f.total, f.pageable));
  if (found.matches.length === 0 && page > 1) {
    // A page past the last (an old link): the last page instead.
    found = await matchPage(query, filters, input.sort, 1);
    page = pagesOf(found);
    if (page > 1) found = await matchPage(query, filters, input.sort, page);
  }
  if (found.total > found.pageable)
    notes.push(
      `Best match first ranks the newest ${RANKED_MATCHES} posts and the newest ${RANKED_MATCHES} comments found; newest first lists them all.`,
    );
  return {
    ...results,
    hits: await describeMatches(found.matches, query, everything),
    total: found.total,
    capped: found.capped,
    page,
    pages: pagesOf(found),
  };
}
