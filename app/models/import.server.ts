// Moving in: writes a blog read from another platform's export (app/lib/import) into the forum.
// Posts and comments are keyed on the source's own ids (`importedFrom`), so an import run again
// adds only what it has not added before. Texts are cleaned and rendered as every other text;
// writers keep their names, marked as imported, and nothing else about them. Imported history
// keeps its dates and is published as it was: no hold rules, no notices to followers.
import { db, insertRows, takeCommentIds, write, type Transaction } from "~/lib/db.server";
import type { SkipReason, SourceComment, SourceForum, SourcePost, SourceText } from "~/lib/import/forum.server";
import { publishSiteEvent } from "~/lib/live.server";
import { markdownFromHtml, renderMarkdown } from "~/lib/markdown.server";
import { ForumError } from "./errors.server";
import { excerptOf, MAX_TITLE_LENGTH, slugify, uniqueSlug } from "./posts.server";
import { getModerationRules } from "./rules.server";
import { MODERATION_ACTIONS, oneOf } from "./statuses";
import { addPostTag, canonicalTagName, createTag, tagNewPosts, tagsForNewComment } from "./tags.server";
import { importedVoice } from "./voices.server";

/** Comments written per transaction: large enough to be quick, small enough not to hold the database long. */
export const IMPORT_BATCH_SIZE = 500;
/** Source ids looked up per query. */
const LOOKUP_CHUNK = 500;

export type ImportReport = {
  dryRun: boolean;
  posts: { added: number; alreadyImported: number };
  comments: {
    added: number;
    alreadyImported: number;
    /** Of those added: replies kept under the comment they answered. */
    replies: number;
    /** Left out items kept as tombstones, so the replies under them keep their place. */
    tombstones: number;
  };
  /** Replies whose parent is missing, imported at the top level of their thread: source ids. */
  orphans: string[];
  skipped: Partial<Record<SkipReason | "already imported", number>>;
  oldAddresses: number;
  tags: number;
  logEntries: number;
};

export type ImportProgress = { comments: number; of: number };

/** What is known of a comment already written: enough to hang replies under it. */
type Placed = { id: number; postId: number; depth: number; rootId: number | null };

const keyOf = (forum: SourceForum, sourceId: string) => `${forum.format}:${sourceId}`;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function markdownOf(text: SourceText): string {
  return "markdown" in text ? text.markdown : markdownFromHtml(text.html, { lineBreaks: text.lineBreaks });
}

/** Imported posts and comments already in the forum, by import key. */
async function importedPosts(keys: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunks([...new Set(keys)], LOOKUP_CHUNK)) {
    const rows = await db.post.findMany({
      where: { importedFrom: { in: chunk } },
      select: { id: true, importedFrom: true },
    });
    for (const row of rows) found.set(row.importedFrom!, row.id);
  }
  return found;
}

async function importedComments(keys: string[]): Promise<Map<string, Placed>> {
  const found = new Map<string, Placed>();
  for (const chunk of chunks([...new Set(keys)], LOOKUP_CHUNK)) {
    const rows = await db.comment.findMany({
      where: { importedFrom: { in: chunk } },
      select: { id: true, importedFrom: true, postId: true, depth: true, rootId: true },
    });
    for (const { importedFrom, ...placed } of rows) found.set(importedFrom!, placed);
  }
  return found;
}

/** Posts already here under one of these old addresses (a Disqus thread names its page so). */
async function postsAt(paths: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunks([...new Set(paths)], LOOKUP_CHUNK)) {
    const rows = await db.oldAddress.findMany({ where: { path: { in: chunk } }, select: { path: true, postId: true } });
    for (const row of rows) found.set(row.path, row.postId);
  }
  return found;
}

/**
 * The comments to write, parents before their replies and otherwise oldest first, with the
 * source id of the parent each hangs under (null: the top level). A reply whose parent is
 * missing, in another thread, or in a loop of replies becomes an orphan at the top level.
 */
function placeComments(
  comments: SourceComment[],
  isKnown: (sourceId: string, postId: string) => boolean,
): { order: SourceComment[]; parentOf: Map<string, string | null>; orphans: string[] } {
  const bySource = new Map(comments.map((c) => [c.sourceId, c]));
  const parentOf = new Map<string, string | null>();
  const orphans: string[] = [];
  const order: SourceComment[] = [];
  const state = new Map<string, "placing" | "placed">();
  const place = (comment: SourceComment) => {
    if (state.get(comment.sourceId) === "placed") return;
    state.set(comment.sourceId, "placing");
    let parent = comment.parentId;
    const inFile = parent === null ? undefined : bySource.get(parent);
    if (parent !== null && inFile && inFile.postId === comment.postId && state.get(parent) !== "placing") place(inFile);
    else if (parent !== null && !(inFile === undefined && isKnown(parent, comment.postId))) {
      orphans.push(comment.sourceId);
      parent = null;
    }
    parentOf.set(comment.sourceId, parent);
    state.set(comment.sourceId, "placed");
    order.push(comment);
  };
  const oldestFirst = comments
    .map((comment, i) => ({ comment, i }))
    .sort((a, b) => a.comment.createdAt.getTime() - b.comment.createdAt.getTime() || a.i - b.i);
  for (const { comment } of oldestFirst) place(comment);
  return { order, parentOf, orphans };
}

/** Posts written per transaction. */
const POST_BATCH_SIZE = 200;

/**
 * A slug for each post, from the source's own (a Blogger file name, a WordPress post name) or
 * its title: the same as the old address's where no post here has it yet.
 */
async function slugsFor(posts: { slug: string }[]): Promise<string[]> {
  const wanted = posts.map((p) => slugify(p.slug));
  const taken = new Set(
    (await db.post.findMany({ where: { slug: { in: [...new Set(wanted)] } }, select: { slug: true } })).map(
      (p) => p.slug,
    ),
  );
  const slugs: string[] = [];
  for (const base of wanted) {
    let slug = base;
    // Rare (a title used twice): the forum's own rule finds the next free one.
    if (taken.has(slug)) slug = await uniqueSlug(base, taken);
    taken.add(slug);
    slugs.push(slug);
  }
  return slugs;
}

/**
 * Writes a batch of posts: texts cleaned and rendered, names marked as imported, old addresses
 * kept, tagged by the glossary. Returns each post's id by source id, and how many addresses were new.
 */
async function writePosts(
  forum: SourceForum,
  posts: SourcePost[],
): Promise<{ ids: Map<string, number>; addresses: number }> {
  const prepared = posts.map((post) => {
    const bodyMarkdown = markdownOf(post.text);
    const bodyHtml = renderMarkdown(bodyMarkdown);
    const title = [...(post.title.replace(/\s+/g, " ").trim() || "Untitled")]
      .slice(0, MAX_TITLE_LENGTH)
      .join("")
      .trim();
    return { post, title, bodyMarkdown, bodyHtml, slug: post.slug || title };
  });
  const slugs = await slugsFor(prepared);
  return write(async (tx) => {
    const created = await tx.post.createManyAndReturn({
      data: prepared.map(({ post, title, bodyMarkdown, bodyHtml }, i) => ({
        slug: slugs[i],
        title,
        bodyMarkdown,
        bodyHtml,
        excerpt: excerptOf(bodyHtml),
        status: "published",
        publishedAt: post.publishedAt,
        createdAt: post.publishedAt,
        commentsOpen: post.commentsOpen ?? true,
        importedFrom: keyOf(forum, post.sourceId),
        ...importedVoice(post.author),
      })),
      select: { id: true, importedFrom: true, title: true, bodyMarkdown: true },
    });
    const ids = new Map(created.map((p) => [p.importedFrom!.slice(forum.format.length + 1), p.id]));
    await tagNewPosts(tx, created);
    const paths = [...new Set(posts.flatMap((p) => p.addresses))];
    const taken = new Set(
      (await tx.oldAddress.findMany({ where: { path: { in: paths } }, select: { path: true } })).map((a) => a.path),
    );
    const addresses = posts.flatMap((post) =>
      post.addresses.flatMap((path) => {
        if (taken.has(path)) return [];
        taken.add(path);
        return [{ path, postId: ids.get(post.sourceId)! }];
      }),
    );
    if (addresses.length) await tx.oldAddress.createMany({ data: addresses });
    return { ids, addresses: addresses.length };
  });
}

/** The tags a Picket export gave its posts, beside those the glossary gives them. */
async function addExportedPostTags(posts: SourcePost[], ids: Map<string, number>) {
  for (const post of posts) {
    if (!post.tags?.length) continue;
    const postId = ids.get(post.sourceId)!;
    const has = await db.postTag.findMany({ where: { postId }, select: { tag: { select: { name: true } } } });
    const tagged = new Set(has.map((t) => t.tag.name));
    for (const name of post.tags) {
      const known = await canonicalTagName(name);
      // One the glossary gave already stays its own; one the glossary lacks is left off.
      if (known && !tagged.has(known)) await addPostTag({ postId, name: known });
    }
  }
}

/** The glossary entries of a Picket export that this forum lacks; an entry it refuses is left out. */
async function addTags(forum: SourceForum): Promise<number> {
  let added = 0;
  for (const tag of forum.tags ?? []) {
    if (await canonicalTagName(tag.name)) continue;
    try {
      await createTag({ name: tag.name, description: tag.description, patterns: tag.patterns.join("\n") });
      added++;
    } catch (error) {
      if (!(error instanceof ForumError)) throw error;
    }
  }
  return added;
}

type CommentRow = {
  comment: SourceComment;
  key: string;
  postId: number;
  parentKey: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  tagIds: number[];
  tombstone: boolean;
};

/** The columns an imported comment is written with, in the order `writeComments` gives them. */
const COMMENT_COLUMNS = [
  "id",
  "postId",
  "parentId",
  "rootId",
  "depth",
  "position",
  "bodyMarkdown",
  "bodyHtml",
  "status",
  "createdAt",
  "editedAt",
  "deletedAt",
  "importedFrom",
  "voice",
  "displayName",
  "voiceCode",
  "authorRef",
];

/**
 * Writes one batch of comments in one transaction; returns where each now is. Rows are written
 * by `insertRows`, not Prisma's createMany: for 100,000 comments its query compiler took most
 * of the import's time (docs/decisions/024-moving-in-and-out.md).
 */
async function writeComments(tx: Transaction, rows: CommentRow[], placed: Map<string, Placed>) {
  const ids = await takeCommentIds(tx, rows.length);
  const postIds = [...new Set(rows.map((r) => r.postId))];
  // Taken inside the transaction: comments written meanwhile on the same threads keep theirs.
  const last = await tx.comment.groupBy({
    by: ["postId"],
    where: { postId: { in: postIds }, position: { not: null } },
    _max: { position: true },
  });
  const nextPosition = new Map(postIds.map((id) => [id, 0]));
  for (const row of last) nextPosition.set(row.postId, (row._max.position ?? -1) + 1);
  const here = new Map<string, Placed>();
  const data = rows.map((row, i) => {
    const parent = row.parentKey === null ? null : (here.get(row.parentKey) ?? placed.get(row.parentKey)!);
    const position = parent ? null : nextPosition.get(row.postId)!;
    if (position !== null) nextPosition.set(row.postId, position + 1);
    const id = ids[i];
    const depth = parent ? parent.depth + 1 : 0;
    const rootId = parent ? (parent.rootId ?? parent.id) : null;
    here.set(row.key, { id, postId: row.postId, depth, rootId });
    const gone = row.tombstone ? (row.comment.gone ?? "deleted") : null;
    const voice = gone ? importedVoice(null) : importedVoice(row.comment.author, row.comment.posterTag ?? null);
    return [
      id,
      row.postId,
      parent?.id ?? null,
      rootId,
      depth,
      position,
      gone ? "" : row.bodyMarkdown,
      gone ? "" : row.bodyHtml,
      gone ?? "published",
      row.comment.createdAt,
      row.comment.editedAt ?? null,
      gone ? row.comment.createdAt : null,
      row.key,
      voice.voice,
      voice.displayName,
      voice.voiceCode,
      voice.authorRef,
    ];
  });
  await insertRows(tx, "Comment", COMMENT_COLUMNS, data);
  const tags = rows.flatMap((row, i) => (row.tombstone ? [] : row.tagIds.map((tagId) => [ids[i], tagId])));
  if (tags.length) await insertRows(tx, "CommentTag", ["commentId", "tagId"], tags);
  return here;
}

/**
 * Imports a blog read from an export. With `dryRun`, reads and counts everything and writes
 * nothing. `onProgress` hears after every batch of comments written.
 */
export async function importForum({
  forum,
  dryRun = false,
  onProgress = () => {},
}: {
  forum: SourceForum;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ImportReport> {
  const skipped: ImportReport["skipped"] = { ...forum.skipped };
  const count = (reason: SkipReason | "already imported", n = 1) => {
    if (n > 0) skipped[reason] = (skipped[reason] ?? 0) + n;
  };

  // Posts: the file's own once each; those imported before are found, not added again.
  const filePosts = [...new Map(forum.posts.map((p) => [p.sourceId, p])).values()];
  const existingPosts = await importedPosts([
    ...filePosts.map((p) => keyOf(forum, p.sourceId)),
    ...forum.comments.map((c) => keyOf(forum, c.postId)),
  ]);
  const byAddress = await postsAt(filePosts.filter((p) => p.findByAddress).flatMap((p) => p.addresses));
  const postIdOf = new Map<string, number>();
  const newPosts: SourcePost[] = [];
  for (const post of filePosts) {
    const existing =
      existingPosts.get(keyOf(forum, post.sourceId)) ??
      (post.findByAddress ? post.addresses.map((a) => byAddress.get(a)).find(Boolean) : undefined);
    if (existing === undefined) newPosts.push(post);
    else postIdOf.set(post.sourceId, existing);
  }
  for (const [key, id] of existingPosts) postIdOf.set(key.slice(forum.format.length + 1), id);
  const inFile = new Set(filePosts.map((p) => p.sourceId));

  // Comments: of a post in the file or imported before, not imported before themselves.
  const fileComments = [...new Map(forum.comments.map((c) => [c.sourceId, c])).values()];
  const existingComments = await importedComments([
    ...fileComments.map((c) => keyOf(forum, c.sourceId)),
    ...fileComments.flatMap((c) => (c.parentId ? [keyOf(forum, c.parentId)] : [])),
  ]);
  const fresh: SourceComment[] = [];
  for (const comment of fileComments) {
    if (existingComments.has(keyOf(forum, comment.sourceId))) count("already imported");
    else if (!inFile.has(comment.postId) && !postIdOf.has(comment.postId)) count("post not found");
    else fresh.push(comment);
  }
  // A left-out comment with replies that are kept stays as a tombstone, holding their place.
  const bySource = new Map(fresh.map((c) => [c.sourceId, c]));
  const tombstones = new Set<string>();
  for (const comment of fresh) {
    if (comment.skip) continue;
    let parent = comment.parentId ? bySource.get(comment.parentId) : undefined;
    while (parent?.skip && !tombstones.has(parent.sourceId) && parent.postId === comment.postId) {
      tombstones.add(parent.sourceId);
      parent = parent.parentId ? bySource.get(parent.parentId) : undefined;
    }
  }
  for (const comment of fresh) if (comment.skip) count(comment.skip);
  const kept = fresh.filter((c) => !c.skip || tombstones.has(c.sourceId));
  const alreadyImported = (sourceId: string, postId: string) => {
    const placed = existingComments.get(keyOf(forum, sourceId));
    return placed !== undefined && placed.postId === postIdOf.get(postId);
  };
  const { order, parentOf, orphans } = placeComments(kept, alreadyImported);

  const report: ImportReport = {
    dryRun,
    posts: { added: newPosts.length, alreadyImported: filePosts.length - newPosts.length },
    comments: {
      added: order.length,
      alreadyImported: skipped["already imported"] ?? 0,
      replies: order.filter((c) => parentOf.get(c.sourceId) !== null).length,
      tombstones: tombstones.size,
    },
    orphans,
    skipped,
    oldAddresses: 0,
    tags: 0,
    logEntries: 0,
  };
  if (dryRun) return report;

  report.tags = await addTags(forum);
  const addedPosts = new Set<number>();
  for (const batch of chunks(newPosts, POST_BATCH_SIZE)) {
    const written = await writePosts(forum, batch);
    for (const [sourceId, id] of written.ids) {
      postIdOf.set(sourceId, id);
      addedPosts.add(id);
    }
    report.oldAddresses += written.addresses;
    await addExportedPostTags(batch, written.ids);
  }

  const rules = await getModerationRules();
  const placed = new Map(existingComments);
  let done = 0;
  for (const batch of chunks(order, IMPORT_BATCH_SIZE)) {
    const rows: CommentRow[] = [];
    for (const comment of batch) {
      const tombstone = tombstones.has(comment.sourceId) || comment.gone !== undefined;
      const bodyMarkdown = tombstone ? "" : markdownOf(comment.text);
      const parent = parentOf.get(comment.sourceId) ?? null;
      rows.push({
        comment,
        key: keyOf(forum, comment.sourceId),
        postId: postIdOf.get(comment.postId)!,
        parentKey: parent === null ? null : keyOf(forum, parent),
        bodyMarkdown,
        bodyHtml: tombstone ? "" : renderMarkdown(bodyMarkdown),
        tagIds: tombstone ? [] : await tagsForNewComment({ markdown: bodyMarkdown, rules }),
        tombstone,
      });
    }
    const written = await write((tx) => writeComments(tx, rows, placed));
    for (const [key, where] of written) placed.set(key, where);
    done += batch.length;
    onProgress({ comments: done, of: order.length });
  }

  report.logEntries = await addLogEntries(forum, postIdOf, placed, addedPosts);
  // Every page may show what was imported: kept pages are dropped on every instance.
  await publishSiteEvent();
  return report;
}

/** The public log entries of a Picket export about what this import added. */
async function addLogEntries(
  forum: SourceForum,
  postIdOf: Map<string, number>,
  placed: Map<string, Placed>,
  addedPosts: Set<number>,
): Promise<number> {
  const rows = (forum.log ?? []).flatMap((entry) => {
    const action = oneOf(MODERATION_ACTIONS, entry.action);
    const comment = entry.commentId ? placed.get(keyOf(forum, entry.commentId)) : undefined;
    const postId = entry.postId ? postIdOf.get(entry.postId) : undefined;
    const about = comment?.postId ?? postId;
    if (!action || about === undefined || !addedPosts.has(about)) return [];
    return [
      {
        action,
        commentId: comment?.id ?? null,
        postId: comment ? null : postId!,
        publicReason: entry.reason,
        createdAt: entry.at,
      },
    ];
  });
  if (rows.length) await write((tx) => tx.moderationAction.createMany({ data: rows }));
  return rows.length;
}

/** Where an old address of an imported post now is: the post's slug, or null. */
export async function findOldAddress(path: string): Promise<string | null> {
  const address = await db.oldAddress.findUnique({
    where: { path },
    select: { post: { select: { slug: true, status: true } } },
  });
  return address && address.post.status === "published" ? address.post.slug : null;
}
