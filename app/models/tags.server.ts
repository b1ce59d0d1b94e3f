// The glossary in the database: tags and their patterns, tagging posts and comments when they
// are written, editors' manual tags, and the background job that re-tags
// everything after the glossary changes. The matching rules themselves are in tagging.server.
import { createHash } from "node:crypto";
import { publishSiteEvent, publishThreadEvent } from "~/lib/live.server";
import { siteCached } from "~/lib/site-cache.server";
import { getModerationRules, watchedWordsIn, type ModerationRules } from "./rules.server";
import { db, write, type Database, type Transaction } from "~/lib/db.server";
import { ForumError, notFound } from "./errors.server";
import { fromDatabase } from "./statuses";
import {
  DEFAULT_GLOSSARY,
  MAX_TAG_DESCRIPTION_LENGTH,
  compileGlossary,
  matchTags,
  parsePatternLines,
  storedPatterns,
  tagNameProblem,
  type CompiledGlossary,
} from "./tagging.server";

/** Posts or comments re-tagged per transaction by the background job. */
export const RETAG_BATCH_SIZE = 200;
/** How often a runner looks at a job another instance is running. */
const RETAG_POLL_MS = 100;
/** A running job whose progress has not moved for this long was left by a stopped instance. */
const RETAG_STALE_MS = 60_000;

/** A post's tag: found by the glossary, added by an editor, or removed by an editor (and never re-added). */
export const POST_TAG_SOURCES = ["auto", "manual", "suppressed"] as const;
export type PostTagSource = (typeof POST_TAG_SOURCES)[number];

export const publishedPost = { status: "published", publishedAt: { not: null } } as const;
export const shownPostTag = { source: { not: "suppressed" } } as const;

const byName = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b);

// ---------------------------------------------------------------------------------------------
// The compiled glossary, rebuilt when the tags change

/**
 * The glossary compiled for matching, with its tags' ids by name (for the rules' "tag" words)
 * and their names by id, in glossary order (for showing a comment's tags).
 */
type Glossary = {
  key: string;
  compiled: CompiledGlossary;
  idByName: Map<string, number>;
  nameById: Map<number, string>;
};

let cached: Glossary | null = null;

/** What changes whenever a tag is added, changed or removed: count, sum of ids, last change. */
async function glossaryKey(client: Database | Transaction): Promise<string> {
  const stats = await client.tag.aggregate({ _count: { _all: true }, _sum: { id: true }, _max: { updatedAt: true } });
  return `${stats._count._all}:${stats._sum.id ?? 0}:${stats._max.updatedAt?.getTime() ?? 0}`;
}

/** The glossary as `client` sees it now: recompiled only when its fingerprint moved. */
async function glossaryAsOf(client: Database | Transaction): Promise<Glossary> {
  const key = await glossaryKey(client);
  if (cached?.key === key) return cached;
  const tags = await client.tag.findMany({ select: { id: true, name: true, patterns: true } });
  const inOrder = [...tags].sort((a, b) => byName(a.name, b.name));
  cached = {
    key,
    compiled: compileGlossary(tags.map((t) => ({ id: t.id, patterns: storedPatterns(t.patterns) }))),
    idByName: new Map(tags.map((t) => [t.name, t.id])),
    nameById: new Map(inOrder.map((t) => [t.id, t.name])),
  };
  return cached;
}

/**
 * The glossary, compiled. Another instance may have changed the tags, so every call asks the
 * database for a fingerprint and recompiles when it moved.
 */
async function currentGlossary(): Promise<CompiledGlossary> {
  return (await glossaryAsOf(db)).compiled;
}

// ---------------------------------------------------------------------------------------------
// Tagging posts and comments

type RuleTagger = (markdown: string) => number[];

/** The moderation rules' "tag" watched words, as a function from a comment's text to tag ids. */
function ruleTagger(rules: ModerationRules, glossary: Glossary): RuleTagger {
  const tagging = rules.watchedWords.filter((w) => w.action === "tag" && w.tag);
  if (tagging.length === 0) return () => [];
  return (markdown) =>
    watchedWordsIn(markdown, tagging).flatMap((w) =>
      glossary.idByName.has(w.tag!) ? [glossary.idByName.get(w.tag!)!] : [],
    );
}

function commentTagIds(markdown: string, glossary: Glossary, rules: ModerationRules): number[] {
  return [...new Set([...matchTags(glossary.compiled, markdown), ...ruleTagger(rules, glossary)(markdown)])];
}

/**
 * The glossary kept in memory, for tagging new comments and naming posts' and comments' tags. Every
 * comment and every thread needs it, so it is kept until a "site" event (which every change of
 * the glossary sends, on any instance) or SITE_CACHE_MAX_AGE_MS: a tag renamed on another
 * instance shows its new name once that event arrives.
 */
const keptGlossary = siteCached(() => glossaryAsOf(db));

const namings = new WeakMap<object, string>();

/**
 * A short digest of the names the glossary gives its tags: what was shown with a glossary whose
 * naming differs (a tag removed, or one named afresh) may be out of date.
 */
export async function glossaryNaming(): Promise<string> {
  const glossary = await keptGlossary();
  let naming = namings.get(glossary);
  if (naming === undefined) {
    naming = createHash("sha256")
      .update(JSON.stringify([...glossary.nameById]))
      .digest("base64url")
      .slice(0, 12);
    namings.set(glossary, naming);
  }
  return naming;
}

/**
 * Names posts' and comments' tags from their tag ids (`tagIds`: every id to be named), in
 * glossary order, with the names kept in memory like the glossary: a thousand comments' tags
 * are then not read row by row through the Tag table. An id the kept glossary does not know (a
 * tag made a moment ago on another instance) reads it afresh; a tag removed meanwhile is not shown.
 */
export async function tagNamer(tagIds: Iterable<number>): Promise<(rows: { tagId: number }[]) => string[]> {
  let glossary = await keptGlossary();
  for (const id of tagIds) {
    if (glossary.nameById.has(id)) continue;
    glossary = await keptGlossary.reload();
    break;
  }
  const { nameById } = glossary;
  const rank = new Map([...nameById.keys()].map((id, i) => [id, i]));
  return (rows) => {
    if (rows.length === 0) return [];
    const ids = rows.flatMap((r) => (nameById.has(r.tagId) ? [r.tagId] : []));
    return ids.sort((a, b) => rank.get(a)! - rank.get(b)!).map((id) => nameById.get(id)!);
  };
}

/** The glossary's tags (id and name), in glossary order, as kept in memory: for choosing one. */
export async function glossaryTags(): Promise<{ id: number; name: string }[]> {
  const { nameById } = await keptGlossary();
  return [...nameById].map(([id, name]) => ({ id, name }));
}

/**
 * The tag names of many comments at once, by comment id (none for a comment without tags).
 * Their tags are read in one query by comment id: read as each comment's relation, Prisma is
 * much slower on a big thread.
 */
export async function commentTagNames(commentIds: number[]): Promise<Map<number, string[]>> {
  const rows = commentIds.length
    ? await db.commentTag.findMany({
        where: { commentId: { in: commentIds } },
        select: { commentId: true, tagId: true },
      })
    : [];
  const name = await tagNamer(rows.map((row) => row.tagId));
  const byComment = new Map<number, { tagId: number }[]>();
  for (const row of rows) {
    const tags = byComment.get(row.commentId);
    if (tags) tags.push(row);
    else byComment.set(row.commentId, [row]);
  }
  return new Map([...byComment].map(([commentId, tags]) => [commentId, name(tags)]));
}

/**
 * The tags a new comment's text earns, worked out before its transaction (lexing the markdown
 * is the costly part). `fresh` reads the glossary as it is now, for a comment whose tags named
 * one removed a moment ago on another instance.
 */
export async function tagsForNewComment({
  markdown,
  rules,
  fresh = false,
}: {
  markdown: string;
  rules: ModerationRules;
  fresh?: boolean;
}): Promise<number[]> {
  const glossary = fresh ? await keptGlossary.reload() : await keptGlossary();
  return commentTagIds(markdown, glossary, rules);
}

type Change<K extends string> = Record<K, number> & { add: number[]; remove: number[] };

function commentChange(
  comment: { id: number; bodyMarkdown: string; tags: { tagId: number }[] },
  glossary: CompiledGlossary,
  byRules: RuleTagger = () => [],
): Change<"commentId"> | null {
  const want = new Set([...matchTags(glossary, comment.bodyMarkdown), ...byRules(comment.bodyMarkdown)]);
  const have = new Set(comment.tags.map((t) => t.tagId));
  const add = [...want].filter((id) => !have.has(id));
  const remove = [...have].filter((id) => !want.has(id));
  return add.length || remove.length ? { commentId: comment.id, add, remove } : null;
}

const postText = (post: { title: string; bodyMarkdown: string }) => `${post.title}\n\n${post.bodyMarkdown}`;

/** Automatic tags follow the text; manual and suppressed ones are the editors' and stay. */
function postChange(
  post: { id: number; title: string; bodyMarkdown: string; tags: { tagId: number; source: string }[] },
  glossary: CompiledGlossary,
): Change<"postId"> | null {
  const want = matchTags(glossary, postText(post));
  const have = new Map(post.tags.map((t) => [t.tagId, t.source]));
  const add = [...want].filter((id) => !have.has(id));
  const remove = post.tags.filter((t) => t.source === "auto" && !want.has(t.tagId)).map((t) => t.tagId);
  return add.length || remove.length ? { postId: post.id, add, remove } : null;
}

/** Tags that still exist among `ids` (one may have been deleted since the glossary was read). */
async function liveTagIds(tx: Transaction, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.tag.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

async function applyCommentChanges(tx: Transaction, changes: Change<"commentId">[]) {
  const live = await liveTagIds(
    tx,
    changes.flatMap((c) => c.add),
  );
  for (const { commentId, add, remove } of changes) {
    if (remove.length) await tx.commentTag.deleteMany({ where: { commentId, tagId: { in: remove } } });
    for (const tagId of add.filter((id) => live.has(id))) {
      await tx.commentTag.upsert({
        where: { commentId_tagId: { commentId, tagId } },
        create: { commentId, tagId },
        update: {},
        select: { tagId: true },
      });
    }
    // The comment's tags show with it: a change of them is a change of the comment.
    await tx.comment.update({ where: { id: commentId }, data: { updatedAt: new Date() }, select: { id: true } });
  }
}

async function applyPostChanges(tx: Transaction, changes: Change<"postId">[]) {
  const live = await liveTagIds(
    tx,
    changes.flatMap((c) => c.add),
  );
  for (const { postId, add, remove } of changes) {
    if (remove.length) await tx.postTag.deleteMany({ where: { postId, tagId: { in: remove }, source: "auto" } });
    for (const tagId of add.filter((id) => live.has(id))) {
      // An editor's choice made meanwhile wins: never overwrite a manual or suppressed row.
      await tx.postTag.upsert({
        where: { postId_tagId: { postId, tagId } },
        create: { postId, tagId, source: "auto" },
        update: {},
        select: { tagId: true },
      });
    }
  }
}

const commentForTagging = { id: true, bodyMarkdown: true, tags: { select: { tagId: true } } } as const;
const postForTagging = {
  id: true,
  title: true,
  bodyMarkdown: true,
  tags: { select: { tagId: true, source: true } },
} as const;

/** Tags a comment by its text, as just written or edited. Writes nothing when its tags are right. */
export async function tagComment(commentId: number): Promise<void> {
  const comment = await db.comment.findUnique({ where: { id: commentId }, select: commentForTagging });
  if (!comment) return;
  const glossary = await glossaryAsOf(db);
  const change = commentChange(comment, glossary.compiled, ruleTagger(await getModerationRules(), glossary));
  if (change) await write((tx) => applyCommentChanges(tx, [change]));
}

/**
 * The automatic tags of posts just written in `tx` (an import's), by their titles and texts:
 * written together, as a batch of posts is.
 */
export async function tagNewPosts(tx: Transaction, posts: { id: number; title: string; bodyMarkdown: string }[]) {
  const glossary = await glossaryAsOf(tx);
  const data = posts.flatMap((post) =>
    [...matchTags(glossary.compiled, postText(post))].map((tagId) => ({ postId: post.id, tagId, source: "auto" })),
  );
  if (data.length) await tx.postTag.createMany({ data });
}

/** Tags a post by its title and text, keeping the editors' manual and suppressed tags. */
export async function tagPost(postId: number): Promise<void> {
  const post = await db.post.findUnique({ where: { id: postId }, select: postForTagging });
  if (!post) return;
  const change = postChange(post, await currentGlossary());
  if (change) await write((tx) => applyPostChanges(tx, [change]));
}

// ---------------------------------------------------------------------------------------------
// The glossary

export type GlossaryEntry = {
  id: number;
  name: string;
  description: string;
  patterns: string[];
  posts: number;
  comments: number;
};

/** Every tag with its description, patterns and how many published posts and comments carry it. */
export async function listGlossary(): Promise<GlossaryEntry[]> {
  const tags = await db.tag.findMany({
    select: {
      id: true,
      name: true,
      description: true,
      patterns: true,
      _count: {
        select: {
          posts: { where: { ...shownPostTag, post: publishedPost } },
          comments: { where: { comment: { status: "published", post: publishedPost } } },
        },
      },
    },
  });
  return tags
    .map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      patterns: storedPatterns(t.patterns),
      posts: t._count.posts,
      comments: t._count.comments,
    }))
    .sort((a, b) => byName(a.name, b.name));
}

/** One tag for its edit form, patterns one per line. */
export async function getTagForEditing(tagId: number) {
  const tag = await db.tag.findUnique({
    where: { id: tagId },
    select: { id: true, name: true, description: true, patterns: true },
  });
  if (!tag) throw notFound("That tag");
  return {
    id: tag.id,
    name: tag.name,
    description: tag.description,
    patterns: storedPatterns(tag.patterns).join("\n"),
  };
}

export type TagInput = { name: string; description: string; patterns: string };

function checkTagInput(input: TagInput) {
  const name = input.name.trim();
  const nameProblem = tagNameProblem(name);
  if (nameProblem) throw new ForumError(nameProblem, 400, "name");
  const description = input.description.trim().replace(/\s+/g, " ");
  if (description.length === 0)
    throw new ForumError("Describe the tag in a line: readers learn the acronyms from it.", 400, "description");
  if ([...description].length > MAX_TAG_DESCRIPTION_LENGTH)
    throw new ForumError(
      `A description can be at most ${MAX_TAG_DESCRIPTION_LENGTH} characters long.`,
      400,
      "description",
    );
  const { patterns, problem } = parsePatternLines(input.patterns);
  if (problem) throw new ForumError(problem, 400, "patterns");
  return { name, description, patterns: JSON.stringify(patterns) };
}

/** Names are compared lower-cased here rather than by the database's collation, so every engine agrees. */
async function assertNameFree(tx: Transaction, name: string, exceptId: number | null) {
  const tags = await tx.tag.findMany({ select: { id: true, name: true } });
  const clash = tags.find((t) => t.id !== exceptId && t.name.toLowerCase() === name.toLowerCase());
  if (clash) throw new ForumError(`There is already a tag called “${clash.name}”.`, 400, "name");
}

/** Queues a re-tagging of everything, unless one is already waiting to start (it will read the new glossary). */
async function queueRetag(tx: Transaction) {
  const waiting = await tx.retagJob.findFirst({ where: { state: "queued" }, select: { id: true } });
  if (!waiting) await tx.retagJob.create({ data: { state: "queued" }, select: { id: true } });
}

/** Adds a tag to the glossary and queues the re-tagging (start it with `startRetagJobs`). */
export async function createTag(input: TagInput) {
  const data = checkTagInput(input);
  const tag = await write(async (tx) => {
    await assertNameFree(tx, data.name, null);
    const created = await tx.tag.create({ data, select: { id: true, name: true } });
    await queueRetag(tx);
    return created;
  });
  await glossaryChanged();
  return tag;
}

/** Every page lists tags somewhere: cached pages are out of date on every instance. */
function glossaryChanged() {
  return publishSiteEvent();
}

/** Changes a tag's name, description or patterns and queues the re-tagging. */
export async function updateTag({ tagId, ...input }: TagInput & { tagId: number }) {
  const data = checkTagInput(input);
  const tag = await write(async (tx) => {
    const existing = await tx.tag.findUnique({ where: { id: tagId }, select: { id: true } });
    if (!existing) throw notFound("That tag");
    await assertNameFree(tx, data.name, tagId);
    const updated = await tx.tag.update({ where: { id: tagId }, data, select: { id: true, name: true } });
    await queueRetag(tx);
    return updated;
  });
  await glossaryChanged();
  return tag;
}

/** Removes a tag from the glossary, and from every post and comment (the rows cascade). */
export async function deleteTag({ tagId }: { tagId: number }) {
  await write(async (tx) => {
    const deleted = await tx.tag.deleteMany({ where: { id: tagId } });
    if (deleted.count === 0) throw notFound("That tag");
  });
  await glossaryChanged();
}

/** Adds the starting glossary to a forum that has no tags yet. Returns how many were added. */
export async function installDefaultGlossary(): Promise<number> {
  const added = await write(async (tx) => {
    if ((await tx.tag.count()) > 0) return 0;
    for (const tag of DEFAULT_GLOSSARY) {
      await tx.tag.create({
        data: { name: tag.name, description: tag.description, patterns: JSON.stringify(tag.patterns) },
        select: { id: true },
      });
    }
    // A forum that had posts before it had a glossary gets them tagged in the background.
    if ((await tx.post.count()) > 0 || (await tx.comment.count()) > 0) await queueRetag(tx);
    return DEFAULT_GLOSSARY.length;
  });
  if (added > 0) await glossaryChanged();
  return added;
}

// ---------------------------------------------------------------------------------------------
// Tag pages

/**
 * The tag's name as stored, for a name in an address: exact, or differing only in case (then
 * the page redirects to the stored spelling). Null when there is no such tag.
 */
export async function canonicalTagName(name: string): Promise<string | null> {
  if (tagNameProblem(name)) return null;
  const exact = await db.tag.findUnique({ where: { name }, select: { name: true } });
  if (exact) return exact.name;
  const all = await db.tag.findMany({ select: { name: true } });
  return all.find((t) => t.name.toLowerCase() === name.toLowerCase())?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// Editors' tags on a post

async function tagByName(name: string) {
  const canonical = await canonicalTagName(name.trim());
  if (!canonical) throw new ForumError(`“${name.trim()}” is not in the glossary: add it there first.`, 400, "tag");
  return db.tag.findUniqueOrThrow({ where: { name: canonical }, select: { id: true, name: true } });
}

async function setPostTagSource(postId: number, name: string, source: PostTagSource) {
  const tag = await tagByName(name);
  await write(async (tx) => {
    const post = await tx.post.findUnique({ where: { id: postId }, select: { id: true } });
    if (!post) throw notFound("That post");
    await tx.postTag.upsert({
      where: { postId_tagId: { postId, tagId: tag.id } },
      create: { postId, tagId: tag.id, source },
      update: { source },
      select: { tagId: true },
    });
  });
  return tag;
}

/** An editor puts a tag on a post; it stays whatever the text says. */
export async function addPostTag({ postId, name }: { postId: number; name: string }) {
  const tag = await setPostTagSource(postId, name, "manual");
  await publishThreadEvent({ postId, kind: "post" });
  return tag;
}

/** An editor takes a tag off a post; automatic tagging never puts it back. */
export async function removePostTag({ postId, name }: { postId: number; name: string }) {
  const tag = await setPostTagSource(postId, name, "suppressed");
  await publishThreadEvent({ postId, kind: "post" });
  return tag;
}

/** A post's tags for the editor's page, and the glossary's other names to add. */
export async function getPostTagsForEditor(postId: number) {
  const [rows, all] = await Promise.all([
    db.postTag.findMany({ where: { postId }, select: { source: true, tag: { select: { name: true } } } }),
    db.tag.findMany({ select: { name: true } }),
  ]);
  const tags = rows
    .map((r) => ({ name: r.tag.name, source: fromDatabase(POST_TAG_SOURCES, r.source, "post tag source") }))
    .sort((a, b) => byName(a.name, b.name));
  const onPost = new Set(rows.filter((r) => r.source !== "suppressed").map((r) => r.tag.name));
  return {
    tags,
    addable: all
      .map((t) => t.name)
      .filter((n) => !onPost.has(n))
      .sort(byName),
  };
}

// ---------------------------------------------------------------------------------------------
// Re-tagging everything in the background

export type RetagProgress = {
  state: string;
  total: number;
  done: number;
  error: string | null;
  finishedAt: string | null;
  waiting: boolean;
} | null;

/** The re-tagging in progress (or waiting to start), else the last one; null if there never was one. */
export async function getRetagProgress(): Promise<RetagProgress> {
  const select = { id: true, state: true, total: true, done: true, error: true, finishedAt: true } as const;
  const active = await db.retagJob.findMany({
    where: { state: { in: ["queued", "running"] } },
    orderBy: { id: "asc" },
    select,
  });
  const job =
    active.find((j) => j.state === "running") ??
    active[0] ??
    (await db.retagJob.findFirst({ orderBy: { id: "desc" }, select }));
  if (!job) return null;
  return {
    state: job.state,
    total: job.total,
    done: job.done,
    error: job.error,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    waiting: active.length > 0,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets requests waiting on this process run between two batches. */
const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

async function claimNextJob(): Promise<number | null> {
  for (;;) {
    const next = await db.retagJob.findFirst({
      where: { state: "queued" },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    if (!next) return null;
    // Instances race for a queued job; the one whose update matches runs it.
    const claimed = await write((tx) =>
      tx.retagJob.updateMany({
        where: { id: next.id, state: "queued" },
        data: { state: "running", done: 0, error: null },
      }),
    );
    if (claimed.count === 1) return next.id;
  }
}

async function runJob(jobId: number) {
  try {
    const [posts, comments] = await Promise.all([db.post.count(), db.comment.count()]);
    let total = posts + comments;
    let done = 0;
    await write((tx) => tx.retagJob.update({ where: { id: jobId }, data: { total, done }, select: { id: true } }));
    // Read once: a change of the glossary from now on queues another run.
    const glossary = await glossaryAsOf(db);
    const progress = async (tx: Transaction, count: number) => {
      done += count;
      total = Math.max(total, done);
      await tx.retagJob.update({ where: { id: jobId }, data: { done, total }, select: { id: true } });
    };
    for (let cursor = 0; ;) {
      const batch = await db.post.findMany({
        where: { id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: RETAG_BATCH_SIZE,
        select: postForTagging,
      });
      if (batch.length === 0) break;
      cursor = batch[batch.length - 1].id;
      const changes = batch.map((p) => postChange(p, glossary.compiled)).filter((c) => c !== null);
      await write(async (tx) => {
        await applyPostChanges(tx, changes);
        await progress(tx, batch.length);
      });
      await yieldToRequests();
    }
    for (let cursor = 0; ;) {
      const batch = await db.comment.findMany({
        where: { id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: RETAG_BATCH_SIZE,
        select: commentForTagging,
      });
      if (batch.length === 0) break;
      cursor = batch[batch.length - 1].id;
      const byRules = ruleTagger(await getModerationRules(), glossary);
      const changes = batch.map((c) => commentChange(c, glossary.compiled, byRules)).filter((c) => c !== null);
      await write(async (tx) => {
        await applyCommentChanges(tx, changes);
        await progress(tx, batch.length);
      });
      await yieldToRequests();
    }
    await write((tx) =>
      tx.retagJob.update({
        where: { id: jobId },
        data: { state: "done", done, total, finishedAt: new Date() },
        select: { id: true },
      }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await write((tx) =>
      tx.retagJob.updateMany({
        where: { id: jobId },
        data: { state: "failed", error: message.slice(0, 500), finishedAt: new Date() },
      }),
    ).catch(() => undefined);
  }
}

/** Runs queued jobs until none is left, waiting for (or taking over) one another instance runs. */
async function drainRetagJobs() {
  let watched: { id: number; done: number; since: number } | null = null;
  for (;;) {
    const claimed = await claimNextJob();
    if (claimed !== null) {
      await runJob(claimed);
      watched = null;
      continue;
    }
    const running = await db.retagJob.findFirst({
      where: { state: "running" },
      orderBy: { id: "asc" },
      select: { id: true, done: true },
    });
    if (!running) return;
    const now = Date.now();
    if (!watched || watched.id !== running.id || watched.done !== running.done) {
      watched = { id: running.id, done: running.done, since: now };
    } else if (now - watched.since > RETAG_STALE_MS) {
      // Its instance stopped (restarted, crashed): queue it again so someone runs it.
      await write((tx) =>
        tx.retagJob.updateMany({
          where: { id: running.id, state: "running", done: running.done },
          data: { state: "queued" },
        }),
      );
      watched = null;
      continue;
    }
    await sleep(RETAG_POLL_MS);
  }
}

let runner: Promise<void> | null = null;
let runAgain = false;

/**
 * Runs every pending re-tagging to completion, here or (waiting) on another instance. Calls
 * while a run is going on join it, and make it look for new jobs once more before it ends.
 */
export function runRetagJobs(): Promise<void> {
  if (runner) {
    runAgain = true;
    return runner;
  }
  const run = (async () => {
    try {
      do {
        runAgain = false;
        await drainRetagJobs();
      } while (runAgain);
      // Tags show on every page: cached pages are out of date on every instance.
      await publishSiteEvent();
    } finally {
      runner = null;
    }
  })();
  runner = run;
  return run;
}

/** Starts `runRetagJobs` without waiting for it: for routes, after the glossary changed. */
export function startRetagJobs(): void {
  runRetagJobs().catch((error: unknown) => {
    console.error("Re-tagging stopped:", error instanceof Error ? error.message : error);
  });
}
