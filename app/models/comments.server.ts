// Comments: writing, editing and deleting them, and reading a thread page or one comment
// with its ancestors. Author references never leave this module: readers get `mine`.
import { db, isForeignKeyViolation, isUniqueViolation, write, type Database, type Transaction } from "~/lib/db.server";
import { authorRef, formKey, type Writer } from "~/lib/keys.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { ForumError, notFound } from "./errors.server";
import { commentStatus, type CommentStatus } from "./statuses";
import {
  MAX_DISPLAY_DEPTH,
  TOP_LEVEL_PER_PAGE,
  ancestorIds,
  buildTree,
  pageCount,
  pageForPosition,
  type ThreadSort,
  type TreeNode,
} from "./thread.server";
import { inThread, signVoice, voiceLabel, type Member, type VoiceChoice } from "./voices.server";
import { assertNotBanned, historyHold, holdNoteForWriter, textDecision } from "./moderation.server";
import { getModerationRules } from "./rules.server";
import { COOLING_HOLD, assertSlowModeAllows, countComment, isThreadStaff } from "./limits.server";
import { isOpenAt } from "./thread-state";
import { commentTagNames, glossaryNaming, tagComment, tagsForNewComment } from "./tags.server";
import { publishThreadEvent } from "~/lib/live.server";

export const MAX_BODY_LENGTH = 10_000;
/** How long the writer may edit a comment after posting it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

/** How often a new comment tries the next place in its thread when another instance took its place first. */
const PLACE_TAKEN_RETRIES = 5;

/** Comments a reply may be written under: published ones and tombstones. */
const VISIBLE_STATUSES: CommentStatus[] = ["published", "deleted", "removed", "spam"];
/**
 * Awaiting review: shown whole to its writer and the moderators only; every other reader sees
 * a placeholder in its place, and its replies under it, as under a tombstone.
 */
const HELD: CommentStatus = "held";
/** What a page reads: held comments too. */
const READ_STATUSES = [...VISIBLE_STATUSES, HELD];

/** The writer's network, for bans and for the cloak kept with a comment for a few days. */
export type WriterNetwork = { cloak: string; cloaks: string[] };

function checkBody(body: string) {
  if (body.trim().length === 0) throw new ForumError("Write something before posting.", 400, "body");
  if ([...body].length > MAX_BODY_LENGTH)
    throw new ForumError(
      `A comment can be at most ${MAX_BODY_LENGTH.toLocaleString("en-GB")} characters long (this one has ${[...body].length.toLocaleString("en-GB")}).`,
      400,
      "body",
    );
}

export function isEditable(comment: { status: string; createdAt: Date }, now = new Date()) {
  return (
    (comment.status === "published" || comment.status === "held") &&
    now.getTime() - comment.createdAt.getTime() < EDIT_WINDOW_MS
  );
}

/** The post a comment is written on: by id, or by the slug of its address (a form's action). */
export type PostRef = { id: number } | { slug: string };

/** A comment just written: where it is, and whether it waits for a moderator. */
export type CreatedComment = { id: number; postId: number; status: string; page: number };

/** The comment a form's earlier sending wrote, as its writer was first answered; null when none. */
async function writtenBefore(key: string): Promise<CreatedComment | null> {
  const comment = await db.comment.findUnique({
    where: { formKey: key },
    select: { id: true, postId: true, status: true, position: true, rootId: true },
  });
  if (!comment) return null;
  const position = comment.position ?? (await positionOf(db, comment.rootId!));
  return { id: comment.id, postId: comment.postId, status: comment.status, page: pageForPosition(position) };
}

/**
 * Writes a comment on a post, or a reply to one of its comments. What can be judged without
 * the database (the text, the voice, the tags its words earn) is judged first; then one
 * transaction checks the thread, applies the hold rules, counts the rate limits and writes
 * the comment with its tags, so a refusal at any step writes nothing. A form sent again with
 * the same `formToken` and text is answered with the comment its first sending wrote.
 */
export async function createComment({
  post: postRef,
  parentId,
  choice,
  body,
  writer,
  member,
  newVoice = false,
  network = null,
  postedAt = new Date(),
  formToken = null,
}: {
  post: PostRef;
  parentId: number | null;
  choice: VoiceChoice;
  body: string;
  writer: Writer;
  /** With their role, when known: staff are not slowed or held by a thread's cooling. */
  member: (Member & { role?: string }) | null;
  /** The writer's browser key was made for this comment: it has written nothing before. */ newVoice?: boolean;
  network?: WriterNetwork | null;
  postedAt?: Date;
  /** The one-time token of the form that sends it. */ formToken?: string | null;
}): Promise<CreatedComment> {
  checkBody(body);
  const sending = formToken
    ? await formKey({
        token: formToken,
        authorRef: await authorRef(writer),
        what: ["comment", "id" in postRef ? postRef.id : postRef.slug, parentId ?? "", body],
      })
    : null;
  // Before any rule, limit or ban: this sending was judged and written already.
  const before = sending ? await writtenBefore(sending) : null;
  if (before) return before;
  const voice = await signVoice({ choice, writer, member });
  await assertNotBanned({ authorRef: voice.authorRef, cloaks: network?.cloaks ?? [] });
  const rules = await getModerationRules();
  const bodyHtml = renderMarkdown(body);
  const decision = textDecision(body, bodyHtml, rules);
  if (decision.block) throw new ForumError(decision.block, 422, "body");
  const writeComment = (tagIds: number[]) => async (tx: Transaction) => {
    // The post is read here, once, by whatever the writer's form named it by.
    const post = await tx.post.findFirst({
      where: { ...postRef, status: "published", publishedAt: { not: null } },
      select: {
        id: true,
        commentsOpen: true,
        closesAt: true,
        reopensAt: true,
        slowModeSeconds: true,
        coolingSince: true,
        publishedAt: true,
      },
    });
    if (!post) throw notFound("That post");
    const postId = post.id;
    const signed = await inThread(voice, writer, postId);
    if (!isOpenAt(post, new Date())) throw new ForumError("Comments are closed on this post.", 403);
    const staff = isThreadStaff(member);
    if (post.slowModeSeconds && !staff)
      await assertSlowModeAllows(tx, {
        postId,
        authorRef: signed.authorRef,
        seconds: post.slowModeSeconds,
        now: postedAt,
      });
    const parent =
      parentId === null
        ? null
        : await tx.comment.findFirst({
            where: { id: parentId, postId, status: { in: VISIBLE_STATUSES } },
            select: { id: true, rootId: true, depth: true, position: true },
          });
    if (parentId !== null && !parent) {
      // Held since the writer opened the form (a flag, say): its replies wait for the review.
      const held = await tx.comment.count({ where: { id: parentId, postId, status: HELD } });
      if (held)
        throw new ForumError(
          "The comment you are replying to is held for review: it can be answered once a moderator has looked at it.",
          409,
          "parentId",
        );
      throw new ForumError("The comment you are replying to is not in this thread.", 400, "parentId");
    }
    // A top-level comment takes the next place in its thread; a reply is on its top-level comment's page.
    const position =
      parent === null
        ? (await lastPosition(tx, postId)) + 1
        : (parent.position ?? (await positionOf(tx, parent.rootId!)));
    // The rules judge a comment at the time it is written (imported history keeps its own time).
    const fresh = newVoice && member === null;
    const ruled =
      decision.hold ??
      (await historyHold(tx, {
        postId,
        authorRef: signed.authorRef,
        newVoice: fresh,
        publishedAt: post.publishedAt,
        rules,
        now: postedAt,
      }));
    // Counted only once everything else has passed, so refused input counts nothing.
    const counted = network
      ? await countComment(tx, { authorRef: signed.authorRef, cloak: network.cloak, newVoice: fresh })
      : null;
    const hold = ruled ?? (post.coolingSince && !staff ? COOLING_HOLD : null) ?? counted;
    const comment = await tx.comment.create({
      data: {
        postId,
        parentId: parent?.id ?? null,
        rootId: parent ? (parent.rootId ?? parent.id) : null,
        depth: parent ? parent.depth + 1 : 0,
        position: parent ? null : position,
        bodyMarkdown: body,
        bodyHtml,
        createdAt: postedAt,
        status: hold ? "held" : "published",
        holdReason: hold,
        cloak: network?.cloak ?? null,
        formKey: sending,
        ...signed,
        ...(tagIds.length > 0 ? { tags: { createMany: { data: tagIds.map((tagId) => ({ tagId })) } } } : {}),
      },
      select: { id: true, postId: true, status: true },
    });
    if (decision.flag)
      await tx.flag.create({
        data: {
          commentId: comment.id,
          voiceRef: "rules",
          reason: "other",
          note: `Held up by ${decision.flag}`,
          weight: 0,
        },
        select: { id: true },
      });
    return { ...comment, page: pageForPosition(position) };
  };
  // Tagged by the glossary this instance last heard of: if a tag it names was removed on
  // another instance a moment ago, the write fails whole and is made again with the glossary as it is.
  const writeTagged = async (tagIds: number[], placesTaken = 0): Promise<CreatedComment & { again?: true }> => {
    try {
      return await write(writeComment(tagIds));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same form, sent again while its first sending was being written, stores nothing more.
      const first = sending ? await writtenBefore(sending) : null;
      if (first) return { ...first, again: true };
      // Another instance gave its comment the same place a moment ago: this one takes the next.
      if (placesTaken < PLACE_TAKEN_RETRIES) return writeTagged(tagIds, placesTaken + 1);
      throw error;
    }
  };
  const tagIds = await tagsForNewComment({ markdown: body, rules });
  const { again, ...created } = await writeTagged(tagIds).catch(async (error: unknown) => {
    if (tagIds.length === 0 || !isForeignKeyViolation(error)) throw error;
    return writeTagged(await tagsForNewComment({ markdown: body, rules, fresh: true }));
  });
  if (again) return created;
  // A held comment is no new comment for the thread's readers, but its placeholder is on their pages.
  await publishThreadEvent({
    postId: created.postId,
    commentId: created.id,
    kind: created.status === "published" ? "published" : "changed",
  });
  return created;
}

/** The place of a post's latest top-level comment in its thread; -1 when it has none. */
async function lastPosition(client: Transaction | Database, postId: number): Promise<number> {
  const last = await client.comment.findFirst({
    where: { postId, position: { not: null } },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return last?.position ?? -1;
}

/** The place in its thread of the top-level comment `rootId`. */
async function positionOf(client: Transaction | Database, rootId: number): Promise<number> {
  const root = await client.comment.findUnique({ where: { id: rootId }, select: { position: true } });
  return root?.position ?? 0;
}

/**
 * The place of a top-level comment in the thread read in `sort` order. Pages are cut over
 * every top-level comment, whatever its status (a held one takes its place for whoever may see
 * it), so each keeps the place it was given when written.
 */
async function placeInSort(
  client: Database,
  { postId, position, sort }: { postId: number; position: number; sort: ThreadSort },
): Promise<number> {
  return sort === "newest" ? (await lastPosition(client, postId)) - position : position;
}

/** A writer's own comment, by its thread and id, and the browser or account asking. */
type OwnComment = { postId: number; commentId: number; writers: Writer[] };

async function ownComment({ commentId, postId, writers }: OwnComment) {
  const comment = await db.comment.findFirst({
    where: { id: commentId, postId },
    select: { id: true, authorRef: true, status: true, createdAt: true, postId: true },
  });
  if (!comment) throw notFound("That comment");
  const refs = await Promise.all(writers.map(authorRef));
  if (!refs.includes(comment.authorRef))
    throw new ForumError("Only the browser or account that wrote this comment can change it.", 403);
  return comment;
}

/** Replaces the text of the writer's own comment within the edit window. */
export async function editComment({ postId, commentId, writers, body }: OwnComment & { body: string }) {
  checkBody(body);
  const comment = await ownComment({ postId, commentId, writers });
  if (comment.status !== "published" && comment.status !== "held")
    throw new ForumError("This comment can no longer be edited.", 403);
  if (!isEditable(comment))
    throw new ForumError("The time to edit this comment is over (15 minutes after posting).", 403);
  const bodyHtml = renderMarkdown(body);
  // An edit passes the same word and link rules as a new comment.
  const decision = textDecision(body, bodyHtml, await getModerationRules());
  if (decision.block) throw new ForumError(decision.block, 422, "body");
  const hold = decision.hold ? { status: "held", holdReason: decision.hold } : {};
  const edited = await write((tx) =>
    tx.comment.update({
      where: { id: commentId },
      data: { bodyMarkdown: body, bodyHtml, editedAt: new Date(), ...hold },
      select: { id: true, postId: true },
    }),
  );
  await tagComment(commentId);
  await publishThreadEvent({ postId, commentId, kind: "changed" });
  return edited;
}

/** Deletes the writer's own comment, leaving a tombstone that keeps its replies in place. */
export async function deleteComment({ postId, commentId, writers }: OwnComment) {
  const comment = await ownComment({ postId, commentId, writers });
  if (comment.status !== "published" && comment.status !== "held")
    throw new ForumError("This comment is already gone.", 409);
  const deleted = await write((tx) =>
    tx.comment.update({
      where: { id: commentId },
      data: { status: "deleted", bodyMarkdown: "", bodyHtml: "", deletedAt: new Date() },
      select: { id: true, postId: true },
    }),
  );
  await publishThreadEvent({ postId, commentId, kind: "changed" });
  return deleted;
}

/** What "take back everything I wrote" deletes: the writer's comments still shown, in one thread or everywhere. */
async function takeBackWhere({ writers, postId }: { writers: Writer[]; postId: number | null }) {
  return {
    authorRef: { in: [...(await refsOf(writers))] },
    status: { in: ["published", HELD] },
    ...(postId === null ? {} : { postId }),
  };
}

/** How many comments "take back everything I wrote" would delete, in the thread and everywhere. */
export async function countTakeBack({ writers, postId }: { writers: Writer[]; postId: number | null }) {
  if (writers.length === 0) return { inThread: 0, everywhere: 0 };
  const [inThread, everywhere] = await Promise.all([
    postId === null ? 0 : db.comment.count({ where: await takeBackWhere({ writers, postId }) }),
    db.comment.count({ where: await takeBackWhere({ writers, postId: null }) }),
  ]);
  return { inThread, everywhere };
}

/**
 * Takes back in one step every comment the writer's browser or account wrote, in one thread
 * (`postId`) or everywhere (null): each becomes a tombstone, as a deletion by its writer does,
 * so the replies under it keep their place. Returns how many were deleted.
 */
export async function takeBackEverything({ writers, postId }: { writers: Writer[]; postId: number | null }) {
  if (writers.length === 0) return { deleted: 0 };
  const where = await takeBackWhere({ writers, postId });
  const gone = await write(async (tx) => {
    const comments = await tx.comment.findMany({ where, select: { id: true, postId: true } });
    if (comments.length)
      await tx.comment.updateMany({
        where,
        // updatedAt moves the kept HTML of each (decision 018), as every change to a comment does.
        data: { status: "deleted", bodyMarkdown: "", bodyHtml: "", deletedAt: new Date(), updatedAt: new Date() },
      });
    return comments;
  });
  const threads = new Map(gone.map((comment) => [comment.postId, comment.id]));
  for (const [postId, commentId] of threads) await publishThreadEvent({ postId, commentId, kind: "changed" });
  return { deleted: gone.length };
}

const commentForPage = {
  id: true,
  parentId: true,
  depth: true,
  status: true,
  bodyHtml: true,
  voice: true,
  displayName: true,
  voiceCode: true,
  authorRef: true,
  createdAt: true,
  editedAt: true,
  removalReason: true,
  holdReason: true,
  // Only to mark the post's author speaking under their own name (never sent to a page).
  userId: true,
  post: { select: { userId: true } },
} as const;

type StoredComment = {
  id: number;
  parentId: number | null;
  depth: number;
  status: string;
  bodyHtml: string;
  voice: string;
  displayName: string | null;
  voiceCode: string | null;
  authorRef: string;
  createdAt: Date;
  editedAt: Date | null;
  removalReason: string | null;
  holdReason: string | null;
  userId: number | null;
  post: { userId: number | null };
};

/** Who a voice speaks as, when the thread marks it: the post's author under their name, a moderator as one. */
export type VoiceRole = "author" | "moderator";

/** The mark a signed voice carries in a thread, if any: never for anonymous voices, pseudonyms or pen names. */
function voiceRoleOf(comment: Pick<StoredComment, "voice" | "userId" | "post">): VoiceRole | null {
  if (comment.voice === "moderator") return "moderator";
  if (comment.voice === "member" && comment.userId !== null && comment.userId === comment.post.userId) return "author";
  return null;
}

/**
 * A comment as a page's data carries it: no author reference, only whether the reader wrote it. What has its usual value is left out (a published
 * comment has no `status`, a comment without replies no `replies`): the data of a 1,000-comment
 * thread is then a third of what it is with every field spelled out.
 */
export type PageComment = {
  id: number;
  /** The voice's label; "" when the comment is gone. */
  author: string;
  createdAt: string;
  /**
   * Absent when published. "held": awaiting review, and the reader wrote it or moderates;
   * "withheld": awaiting review, and the reader sees only its place (no text, no voice).
   */
  status?: Exclude<CommentStatus, "published"> | "withheld";
  /** Absent when the text is not shown (and, on a thread page's first load, carried by the HTML alone). */
  bodyHtml?: string;
  anonymous?: true;
  /** The post's author, or a moderator speaking as one. */
  role?: VoiceRole;
  editedAt?: string;
  removalReason?: string;
  /** The reader wrote it. */
  mine?: true;
  /** The reader wrote it and may still edit it. */
  editable?: true;
  /** Held, and the reader wrote it: why it waits, when the writer may be told. */
  heldNote?: string;
  /** Glossary tags the comment carries (shown only with its text). */
  tags?: string[];
  replies?: PageComment[];
  /** Replies too deep for this page, read on the focused view. */
  hiddenReplies?: number;
};

/** Who reads a thread: their writer references (for "mine") and whether they moderate. */
export type Reader = { writers: Writer[]; moderator: boolean };

/** A reader who wrote nothing and moderates nothing: what a page shared by everyone shows. */
export const EVERY_READER: Reader = { writers: [], moderator: false };

/** The writer's own comments in a thread, and whether each can still be edited: for their controls. */
export async function ownCommentsIn({ postId, writers }: { postId: number; writers: Writer[] }) {
  if (writers.length === 0) return [];
  const refs = [...(await refsOf(writers))];
  const own = await db.comment.findMany({
    where: { postId, authorRef: { in: refs }, status: { in: ["published", HELD] } },
    orderBy: { id: "asc" },
    select: { id: true, status: true, createdAt: true },
  });
  const now = new Date();
  return own.map((comment) => ({ id: comment.id, editable: isEditable(comment, now), held: comment.status === HELD }));
}

/** A held comment is read whole only by its writer and by moderators. */
const canRead = (comment: { status: string; authorRef: string }, refs: Set<string>, moderator: boolean) =>
  comment.status !== HELD || moderator || refs.has(comment.authorRef);

/**
 * A stored comment as the reader sees it, with its parent for building the tree. A comment the
 * reader may not read keeps its place, as a tombstone does, so the replies under it stay.
 */
function toView(
  comment: StoredComment,
  reader: { refs: Set<string>; moderator: boolean },
  now: Date,
  tagNames: Map<number, string[]>,
): PageComment & { parentId: number | null } {
  const view: PageComment & { parentId: number | null } = {
    id: comment.id,
    parentId: comment.parentId,
    author: "",
    createdAt: comment.createdAt.toISOString(),
  };
  if (!canRead(comment, reader.refs, reader.moderator)) {
    view.status = "withheld";
    return view;
  }
  const status = commentStatus(comment.status);
  if (status !== "published") view.status = status;
  if (comment.voice === "anonymous") view.anonymous = true;
  if (comment.status === "published" || comment.status === HELD) {
    view.author = voiceLabel(comment);
    const role = voiceRoleOf(comment);
    if (role) view.role = role;
    view.bodyHtml = comment.bodyHtml;
    if (comment.editedAt) view.editedAt = comment.editedAt.toISOString();
    const tags = tagNames.get(comment.id);
    if (tags?.length) view.tags = tags;
    if (reader.refs.has(comment.authorRef)) {
      view.mine = true;
      if (isEditable(comment, now)) view.editable = true;
      if (comment.status === HELD) view.heldNote = holdNoteForWriter(comment.holdReason);
    }
  } else if ((comment.status === "removed" || comment.status === "spam") && comment.removalReason)
    view.removalReason = comment.removalReason;
  return view;
}

/**
 * A built tree as a page sends it: no parent ids (the nesting says it), no empty lists (fields
 * left undefined are not in the page's data). Copied with Object.assign, as in buildTree.
 */
function forPage(nodes: TreeNode<PageComment & { parentId: number | null }>[]): PageComment[] {
  return nodes.map((node): PageComment =>
    Object.assign({}, node, {
      parentId: undefined,
      replies: node.replies.length ? forPage(node.replies) : undefined,
      hiddenReplies: node.hiddenReplies || undefined,
    }),
  );
}

async function refsOf(writers: Writer[]) {
  return new Set(await Promise.all(writers.map(authorRef)));
}

/**
 * A comment of a page every reader shares: its version (it moves with every change to what the
 * page shows of it), and what the page shows of it only when the caller does not already have
 * that version (`known`).
 */
export type SharedComment = {
  id: number;
  version: string;
  /** Present whenever `known` did not have this version. */
  shown?: PageComment;
  replies?: SharedComment[];
  hiddenReplies?: number;
};

export type ThreadPage = {
  comments: SharedComment[];
  page: number;
  pages: number;
  sort: ThreadSort;
  topLevelCount: number;
};

/**
 * One page of a post's thread as every reader sees it: a page of top-level comments with every
 * reply under them. Every comment's place and version are read; the rest only for the comments
 * whose version `known` does not have, so a page after one change reads about one comment.
 */
export async function getThreadPage({
  postId,
  page,
  sort,
  known = () => false,
}: {
  postId: number;
  page: number;
  sort: ThreadSort;
  known?: (id: number, version: string) => boolean;
}): Promise<ThreadPage> {
  // Pages are cut over every top-level comment, held ones included (each keeps its place,
  // whole or as a placeholder), so every reader reads the same pages.
  const placed = (await lastPosition(db, postId)) + 1;
  const pages = pageCount(placed);
  const current = Math.min(Math.max(1, page), pages);
  // Each top-level comment keeps its place, so a page is a range of places, newest first or oldest first.
  const first = (current - 1) * TOP_LEVEL_PER_PAGE;
  const places =
    sort === "newest"
      ? { gt: placed - 1 - first - TOP_LEVEL_PER_PAGE, lte: placed - 1 - first }
      : { gte: first, lt: first + TOP_LEVEL_PER_PAGE };
  const roots = await db.comment.findMany({
    where: { postId, position: places },
    orderBy: { position: sort === "newest" ? "desc" : "asc" },
    select: { id: true },
  });
  const rootIds = roots.map((r) => r.id);
  const rows = rootIds.length
    ? await db.comment.findMany({
        // The page's top-level comments by id and their replies by the (postId, rootId) index:
        // each reads only this page's rows. (With the post and the statuses outside the OR,
        // SQLite read every comment of the thread and kept the page's.)
        where: { OR: [{ id: { in: rootIds } }, { postId, rootId: { in: rootIds } }] },
        orderBy: { id: "asc" },
        select: { id: true, parentId: true, createdAt: true, updatedAt: true },
      })
    : [];
  const naming = await glossaryNaming();
  const nodes = rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    createdAt: row.createdAt,
    version: `${(row.updatedAt ?? row.createdAt).getTime()} ${naming}`,
    shown: undefined as PageComment | undefined,
  }));
  const tree = buildTree(nodes, { rootOrder: rootIds });
  // Only what the page shows: replies cut below its depth are read on their own pages.
  const unknown: typeof nodes = [];
  const findUnknown = (branch: typeof tree) => {
    for (const node of branch) {
      if (!known(node.id, node.version)) unknown.push(node);
      findUnknown(node.replies);
    }
  };
  findUnknown(tree);
  if (unknown.length) {
    const views = await viewsOf(
      unknown.map((node) => node.id),
      EVERY_READER,
    );
    // A row gone between the two reads (its post deleted meanwhile) shows as a tombstone.
    for (const node of unknown)
      node.shown = views.get(node.id) ?? {
        id: node.id,
        author: "",
        createdAt: node.createdAt.toISOString(),
        status: "deleted",
      };
  }
  return {
    comments: sharedTree(tree),
    page: current,
    pages,
    sort,
    topLevelCount: placed,
  };
}

/** What `reader` sees of each of the comments `ids`, by id. */
async function viewsOf(ids: number[], reader: Reader): Promise<Map<number, PageComment>> {
  const rows = await db.comment.findMany({ where: { id: { in: ids } }, select: commentForPage });
  const readBy = { refs: await refsOf(reader.writers), moderator: reader.moderator };
  const names = await commentTagNames(ids);
  const now = new Date();
  return new Map(
    rows.map((row) => {
      const { parentId: _parentId, ...view } = toView(row, readBy, now, names);
      return [row.id, view];
    }),
  );
}

/** A built tree as a shared page sends it: no parent ids, no empty lists. */
function sharedTree(nodes: TreeNode<{ id: number; version: string; shown?: PageComment }>[]): SharedComment[] {
  return nodes.map((node) => {
    const comment: SharedComment = { id: node.id, version: node.version };
    if (node.shown) comment.shown = node.shown;
    if (node.replies.length) comment.replies = sharedTree(node.replies);
    if (node.hiddenReplies) comment.hiddenReplies = node.hiddenReplies;
    return comment;
  });
}

/** The page of the thread (in the given sort) that holds a comment. */
export async function pageOfComment({
  postId,
  commentId,
  sort = "oldest",
}: {
  postId: number;
  commentId: number;
  sort?: ThreadSort;
}): Promise<number> {
  const comment = await db.comment.findFirst({
    where: { id: commentId, postId },
    select: { rootId: true, position: true },
  });
  if (!comment) throw notFound("That comment");
  const position = comment.position ?? (await positionOf(db, comment.rootId!));
  return pageForPosition(await placeInSort(db, { postId, position, sort }));
}

export type FocusedComment = {
  ancestors: PageComment[];
  comment: PageComment;
  page: number;
};

/** One comment with its ancestors and its replies (to the display depth below it). */
export async function getFocusedComment({
  postId,
  commentId,
  reader,
}: {
  postId: number;
  commentId: number;
  reader: Reader;
}): Promise<FocusedComment> {
  const target = await db.comment.findFirst({
    where: { id: commentId, postId, status: { in: READ_STATUSES } },
    select: { id: true, rootId: true, position: true },
  });
  if (!target) throw notFound("That comment");
  const rootId = target.rootId ?? target.id;
  const branch = await db.comment.findMany({
    // As a thread page's rows: by id and by the (postId, rootId) index, every status.
    where: { OR: [{ id: rootId }, { postId, rootId }] },
    orderBy: { id: "asc" },
    select: commentForPage,
  });
  const readBy = { refs: await refsOf(reader.writers), moderator: reader.moderator };
  const now = new Date();
  const names = await commentTagNames(branch.map((r) => r.id));
  const views = branch.map((row) => toView(row, readBy, now, names));
  const parentOf = new Map(views.map((v) => [v.id, v.parentId]));
  const ancestorSet = new Set(ancestorIds(commentId, parentOf));
  const ancestors = views.filter((v) => ancestorSet.has(v.id)).map(({ parentId: _parentId, ...comment }) => comment);
  // The subtree under the focused comment: every comment whose ancestor chain passes through it.
  const inSubtree = (id: number) => id === commentId || ancestorIds(id, parentOf).includes(commentId);
  const [comment] = forPage(
    buildTree(
      views.filter((v) => inSubtree(v.id)),
      { maxLevels: MAX_DISPLAY_DEPTH },
    ),
  );
  const page = pageForPosition(target.position ?? (await positionOf(db, rootId)));
  return { ancestors, comment, page };
}

/** The markdown of the viewer's own comment, for its edit form. */
export async function getOwnCommentSource(own: OwnComment) {
  const comment = await ownComment(own);
  const source = await db.comment.findUniqueOrThrow({ where: { id: comment.id }, select: { bodyMarkdown: true } });
  return { body: source.bodyMarkdown, editable: isEditable(comment) };
}

/** Re-renders every stored comment's and post's HTML from its markdown. Returns how many changed. */
export async function rerenderAll(batchSize = 500): Promise<number> {
  let changed = 0;
  for (let cursor = 0; ;) {
    const batch = await db.comment.findMany({
      where: { id: { gt: cursor }, status: { not: "deleted" } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, bodyMarkdown: true, bodyHtml: true },
    });
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1].id;
    const updates = batch
      .map((c) => ({ id: c.id, html: renderMarkdown(c.bodyMarkdown), old: c.bodyHtml }))
      .filter((c) => c.html !== c.old);
    if (updates.length)
      await write(async (tx) => {
        for (const u of updates)
          await tx.comment.update({ where: { id: u.id }, data: { bodyHtml: u.html }, select: { id: true } });
      });
    changed += updates.length;
  }
  return changed;
}
