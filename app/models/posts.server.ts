// Blog posts: what the home page, the archive and a post page read, and how posts are written.
import { db, isUniqueViolation, write } from "~/lib/db.server";
import { formKey } from "~/lib/keys.server";
import { publishThreadEvent } from "~/lib/live.server";
import { siteCached } from "~/lib/site-cache.server";
import { renderMarkdown, textOfHtml } from "~/lib/markdown.server";
import { ForumError, notFound } from "./errors.server";
import { postStatus, type PostStatus } from "./statuses";
import { isOpenAt, threadControlFields, threadNotice } from "./thread-state";
import { tagNamer, tagPost } from "./tags.server";
import { voiceFields, voiceLabel, type SignedVoice } from "./voices.server";

export const POSTS_PER_PAGE = 10;
export const EXCERPT_LENGTH = 280;
export const MAX_TITLE_LENGTH = 150;

// Posts are few and far apart: an anonymous post carries no poster tag, so one writer's
// anonymous posts cannot be linked together by it.

const publishedWhere = { status: "published", publishedAt: { not: null } } as const;

/** What a list of posts shows of each (with `summarizePosts`, which adds comment counts). */
export const postSummary = {
  id: true,
  slug: true,
  title: true,
  excerpt: true,
  ...voiceFields,
  pinned: true,
  commentsOpen: true,
  closesAt: true,
  reopensAt: true,
  publishedAt: true,
  tags: { where: { source: { not: "suppressed" } }, select: { tagId: true } },
} as const;

type StoredSummary = {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  voice: string;
  displayName: string | null;
  voiceCode: string | null;
  pinned: boolean;
  commentsOpen: boolean;
  closesAt: Date | null;
  reopensAt: Date | null;
  publishedAt: Date | null;
  tags: { tagId: number }[];
};

export type PostSummary = {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  author: string;
  pinned: boolean;
  commentsOpen: boolean;
  publishedAt: string;
  commentCount: number;
  tags: string[];
};

/**
 * Posts as lists show them, with their published comments counted: for these posts only, one
 * index range each. (A relation count in the select makes Prisma count every comment of the
 * forum, grouped by post, whatever the page shows.)
 */
export async function summarizePosts(posts: StoredSummary[]): Promise<PostSummary[]> {
  const counts = posts.length
    ? await db.comment.groupBy({
        by: ["postId"],
        where: { postId: { in: posts.map((p) => p.id) }, status: "published" },
        _count: { _all: true },
      })
    : [];
  const countOf = new Map(counts.map((c) => [c.postId, c._count._all]));
  const names = await tagNamer(posts.flatMap((p) => p.tags.map((t) => t.tagId)));
  return posts.map((post) => toSummary(post, countOf.get(post.id) ?? 0, names(post.tags)));
}

function toSummary(post: StoredSummary, commentCount: number, tags: string[]): PostSummary {
  return {
    id: post.id,
    slug: post.slug,
    title: post.title,
    excerpt: post.excerpt,
    author: voiceLabel(post),
    pinned: post.pinned,
    commentsOpen: isOpenAt(post, new Date()),
    publishedAt: (post.publishedAt ?? new Date(0)).toISOString(),
    commentCount,
    tags,
  };
}

/**
 * How many posts are published, for the home page's pager. Counting them takes longer the
 * bigger the forum (a millisecond at 20,000 posts), so the count is kept until a post changes.
 */
const publishedPostCount = siteCached(() => db.post.count({ where: publishedWhere }), { droppedByPosts: true });

/** The home page: pinned posts first, then the newest. */
export async function listHomePosts({ page }: { page: number }) {
  const total = await publishedPostCount();
  const pages = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const posts = await db.post.findMany({
    where: publishedWhere,
    orderBy: [{ pinned: "desc" }, { publishedAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * POSTS_PER_PAGE,
    take: POSTS_PER_PAGE,
    select: postSummary,
  });
  return { posts: await summarizePosts(posts), page: current, pages };
}

/** Posts published in one calendar month (UTC), newest first. */
export async function listMonthPosts({ year, month }: { year: number; month: number }) {
  const from = new Date(Date.UTC(year, month - 1, 1));
  const to = new Date(Date.UTC(year, month, 1));
  const posts = await db.post.findMany({
    where: { status: "published", publishedAt: { gte: from, lt: to } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: postSummary,
  });
  return summarizePosts(posts);
}

/** Every month with published posts, newest first, with how many. */
export async function listArchiveMonths() {
  const dates = await db.post.findMany({ where: publishedWhere, select: { publishedAt: true } });
  const counts = new Map<string, number>();
  for (const { publishedAt } of dates) {
    const key = publishedAt!.toISOString().slice(0, 7);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([key, count]) => ({ year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), count }));
}

/** A published post for its page. */
export async function getPublishedPost(slug: string) {
  const post = await db.post.findFirst({
    where: { slug, ...publishedWhere },
    select: {
      id: true,
      slug: true,
      title: true,
      bodyHtml: true,
      ...voiceFields,
      pinned: true,
      ...threadControlFields,
      publishedAt: true,
      updatedAt: true,
      tags: { where: { source: { not: "suppressed" } }, select: { tagId: true } },
    },
  });
  if (!post) throw notFound("That post");
  const { id, title, bodyHtml, pinned, voice, displayName, voiceCode, publishedAt, updatedAt, tags } = post;
  const names = await tagNamer(tags.map((t) => t.tagId));
  // A close or reopening set in advance has come by itself: the page is made again then (thread-schedule.server.ts).
  const notice = threadNotice(post, new Date());
  return {
    id,
    slug: post.slug,
    title,
    bodyHtml,
    pinned,
    commentsOpen: notice.open,
    notice,
    tags: names(tags),
    author: voiceLabel({ voice, displayName, voiceCode }),
    publishedAt: publishedAt!.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** The id of a published post, for actions on its thread. */
/** A published post's id by its slug, or null when there is none. */
export async function findPublishedPostId(slug: string) {
  return db.post.findFirst({ where: { slug, ...publishedWhere }, select: { id: true } });
}

export async function getPublishedPostId(slug: string) {
  const post = await db.post.findFirst({ where: { slug, ...publishedWhere }, select: { id: true, slug: true } });
  if (!post) throw notFound("That post");
  return post;
}

/** Plain text from the start of a post's clean HTML. */
export function excerptOf(html: string): string {
  const text = textOfHtml(html);
  return text.length <= EXCERPT_LENGTH ? text : text.slice(0, text.lastIndexOf(" ", EXCERPT_LENGTH)) + "…";
}

/** A URL-safe slug from a title. */
export function slugify(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "") || "post"
  );
}

/** A slug for `title` that no post has yet, nor any of `alsoTaken` (slugs about to be written). */
export async function uniqueSlug(title: string, alsoTaken: Set<string> = new Set()) {
  const base = slugify(title);
  const taken = new Set([
    ...alsoTaken,
    ...(await db.post.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug),
  ]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Writes a new post, once per sending of its form: the same form sent again (same token, same
 * text), at once or later, is answered with the post its first sending wrote.
 */
type NewPost = {
  title: string;
  bodyMarkdown: string;
  status: "published" | "submitted";
  publishedAt?: Date;
  pinned?: boolean;
  commentsOpen?: boolean;
  suggestedTags?: string;
};

async function writePost({ signed, ...post }: NewPost & { signed: SignedVoice }, formToken: string | null) {
  const key = formToken
    ? await formKey({ token: formToken, authorRef: signed.authorRef, what: ["post", post.title, post.bodyMarkdown] })
    : null;
  const writtenBefore = () =>
    key ? db.post.findUnique({ where: { formKey: key }, select: { id: true, slug: true } }) : null;
  const before = await writtenBefore();
  if (before) return before;
  const bodyHtml = renderMarkdown(post.bodyMarkdown);
  const slug = await uniqueSlug(post.title);
  try {
    const created = await write((tx) =>
      tx.post.create({
        data: { ...post, slug, bodyHtml, excerpt: excerptOf(bodyHtml), formKey: key, ...signed },
        select: { id: true, slug: true },
      }),
    );
    return await withTags(created);
  } catch (error) {
    // Sent twice at once: the sending that lost the race is answered with the other's post.
    const first = isUniqueViolation(error) ? await writtenBefore() : null;
    if (first) return first;
    throw error;
  }
}

/** Publishes a post (editors, and the demo seed). */
export async function publishPost({
  title,
  body,
  signed,
  publishedAt = new Date(),
  pinned = false,
  commentsOpen = true,
  formToken = null,
}: {
  title: string;
  body: string;
  signed: SignedVoice;
  publishedAt?: Date;
  pinned?: boolean;
  commentsOpen?: boolean;
  /** The one-time token of the editor's form. */ formToken?: string | null;
}) {
  checkPostText({ title, body });
  return writePost(
    { title: title.trim(), bodyMarkdown: body, signed, status: "published", publishedAt, pinned, commentsOpen },
    formToken,
  );
}

/** Tags a post just written, and hands it on. */
async function withTags<T extends { id: number }>(post: T): Promise<T> {
  await tagPost(post.id);
  await postChanged(post.id);
  return post;
}

/** Opens or closes a post's comments, now: a close or reopening set in advance is dropped. */
export async function setCommentsOpen({ postId, open }: { postId: number; open: boolean }) {
  await changePost(postId, { commentsOpen: open, closesAt: null, reopensAt: null });
}

/** Re-renders every post's HTML and excerpt from its markdown. Returns how many changed. */
export async function rerenderAllPosts(): Promise<number> {
  const posts = await db.post.findMany({ select: { id: true, bodyMarkdown: true, bodyHtml: true } });
  let changed = 0;
  for (const post of posts) {
    const html = renderMarkdown(post.bodyMarkdown);
    if (html === post.bodyHtml) continue;
    await write((tx) =>
      tx.post.update({
        where: { id: post.id },
        data: { bodyHtml: html, excerpt: excerptOf(html) },
        select: { id: true },
      }),
    );
    changed++;
  }
  return changed;
}

export const MAX_SUGGESTED_TAGS_LENGTH = 200;
export const MAX_POST_LENGTH = 100_000;
export const MAX_REJECTION_REASON_LENGTH = 500;

function checkPostText({ title, body, suggestedTags = "" }: { title: string; body: string; suggestedTags?: string }) {
  if (title.trim().length === 0) throw new ForumError("Give the post a title.", 400, "title");
  if ([...title].length > MAX_TITLE_LENGTH)
    throw new ForumError(`A title can be at most ${MAX_TITLE_LENGTH} characters long.`, 400, "title");
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (/[\u0000-\u001F\u007F]/.test(title))
    throw new ForumError("A title cannot contain control characters.", 400, "title");
  if (body.trim().length === 0) throw new ForumError("Write the post before sending it.", 400, "body");
  if ([...body].length > MAX_POST_LENGTH)
    throw new ForumError(
      `A post can be at most ${MAX_POST_LENGTH.toLocaleString("en-GB")} characters long.`,
      400,
      "body",
    );
  if (suggestedTags.length > MAX_SUGGESTED_TAGS_LENGTH)
    throw new ForumError(
      `Suggested tags can be at most ${MAX_SUGGESTED_TAGS_LENGTH} characters long.`,
      400,
      "suggestedTags",
    );
}

/** A member sends a post for the editors to review. */
export async function submitPost({
  title,
  body,
  suggestedTags,
  signed,
  formToken = null,
}: {
  title: string;
  body: string;
  suggestedTags: string;
  signed: SignedVoice;
  /** The one-time token of the member's form. */ formToken?: string | null;
}) {
  checkPostText({ title, body, suggestedTags });
  return writePost(
    { title: title.trim(), bodyMarkdown: body, signed, suggestedTags: suggestedTags.trim(), status: "submitted" },
    formToken,
  );
}

/** A member's own submissions, found by author reference (so anonymous ones too). */
export async function listOwnSubmissions({ authorRefs }: { authorRefs: string[] }) {
  const posts = await db.post.findMany({
    where: { authorRef: { in: authorRefs }, status: { not: "draft" } },
    orderBy: { id: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      rejectionReason: true,
      createdAt: true,
      publishedAt: true,
      ...voiceFields,
    },
  });
  return posts.map(({ voice, displayName, voiceCode, createdAt, publishedAt, ...p }) => ({
    ...p,
    status: postStatus(p.status),
    author: voiceLabel({ voice, displayName, voiceCode }),
    createdAt: createdAt.toISOString(),
    publishedAt: publishedAt?.toISOString() ?? null,
  }));
}

/** Every post for the editors: submissions waiting first, then the rest, newest first. */
export async function listPostsForEditors({ status }: { status?: PostStatus }) {
  const posts = await db.post.findMany({
    where: status ? { status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      pinned: true,
      commentsOpen: true,
      createdAt: true,
      publishedAt: true,
      ...voiceFields,
    },
  });
  const rows = posts.map(({ voice, displayName, voiceCode, createdAt, publishedAt, ...p }) => ({
    ...p,
    status: postStatus(p.status),
    author: voiceLabel({ voice, displayName, voiceCode }),
    createdAt: createdAt.toISOString(),
    publishedAt: publishedAt?.toISOString() ?? null,
  }));
  return [...rows.filter((p) => p.status === "submitted"), ...rows.filter((p) => p.status !== "submitted")];
}

/** One post, whatever its status, for an editor's page. */
export async function getPostForEditor(postId: number) {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      slug: true,
      title: true,
      bodyMarkdown: true,
      bodyHtml: true,
      status: true,
      pinned: true,
      commentsOpen: true,
      suggestedTags: true,
      rejectionReason: true,
      createdAt: true,
      publishedAt: true,
      ...voiceFields,
    },
  });
  if (!post) throw notFound("That post");
  const { voice, displayName, voiceCode, createdAt, publishedAt, ...rest } = post;
  return {
    ...rest,
    status: postStatus(rest.status),
    author: voiceLabel({ voice, displayName, voiceCode }),
    createdAt: createdAt.toISOString(),
    publishedAt: publishedAt?.toISOString() ?? null,
  };
}

async function changePost(postId: number, data: Record<string, unknown>, allowedFrom?: PostStatus[]) {
  const updated = await write((tx) =>
    tx.post.updateMany({ where: { id: postId, ...(allowedFrom ? { status: { in: allowedFrom } } : {}) }, data }),
  );
  if (updated.count === 0) {
    const exists = await db.post.findUnique({ where: { id: postId }, select: { status: true } });
    if (!exists) throw notFound("That post");
    throw new ForumError(`A post that is ${exists.status} cannot be changed that way.`, 409);
  }
  await postChanged(postId);
}

/** Pages that show this post (and the home page) are out of date on every instance. */
function postChanged(postId: number) {
  return publishThreadEvent({ postId, kind: "post" });
}

/** An editor corrects a post's title or text. */
export async function editPost({ postId, title, body }: { postId: number; title: string; body: string }) {
  checkPostText({ title, body });
  const bodyHtml = renderMarkdown(body);
  await changePost(postId, { title: title.trim(), bodyMarkdown: body, bodyHtml, excerpt: excerptOf(bodyHtml) });
  await tagPost(postId);
  // Again: the tags shown on its pages may have changed.
  await postChanged(postId);
}

/** Publishes a submitted (or unpublished) post now. */
export async function publishSubmission({ postId }: { postId: number }) {
  await changePost(postId, { status: "published", publishedAt: new Date(), rejectionReason: null }, [
    "submitted",
    "unpublished",
    "draft",
  ]);
}

export async function rejectSubmission({ postId, reason }: { postId: number; reason: string }) {
  if (reason.trim().length === 0) throw new ForumError("Give the writer a reason.", 400, "reason");
  if (reason.length > MAX_REJECTION_REASON_LENGTH)
    throw new ForumError(`A reason can be at most ${MAX_REJECTION_REASON_LENGTH} characters long.`, 400, "reason");
  await changePost(postId, { status: "rejected", rejectionReason: reason.trim() }, ["submitted"]);
}

export async function unpublishPost({ postId }: { postId: number }) {
  await changePost(postId, { status: "unpublished", pinned: false }, ["published"]);
}

export async function setPinned({ postId, pinned }: { postId: number; pinned: boolean }) {
  await changePost(postId, { pinned }, ["published"]);
}
