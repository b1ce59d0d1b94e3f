// What the Atom feeds carry: published posts and published comments on published posts,
// never held, removed or deleted ones.
import { db } from "~/lib/db.server";
import type { AtomEntry } from "~/lib/atom.server";
import { voiceFields, voiceLabel } from "./voices.server";

export const FEED_POSTS = 30;
export const FEED_COMMENTS = 50;
export const FEED_THREAD_COMMENTS = 100;

const commentEntrySelect = {
  id: true,
  parentId: true,
  bodyHtml: true,
  ...voiceFields,
  createdAt: true,
  editedAt: true,
  post: { select: { slug: true, title: true } },
} as const;

type CommentRow = {
  id: number;
  parentId: number | null;
  bodyHtml: string;
  voice: string;
  displayName: string | null;
  voiceCode: string | null;
  createdAt: Date;
  editedAt: Date | null;
  post: { slug: string; title: string };
};

export const postUrl = (origin: string, slug: string) => `${origin}/posts/${slug}`;
export const commentUrl = (origin: string, slug: string, id: number) => `${origin}/posts/${slug}/comments/${id}`;

export function commentEntry(origin: string, c: CommentRow): AtomEntry {
  const author = voiceLabel(c);
  const parentRef = c.parentId === null ? postUrl(origin, c.post.slug) : commentUrl(origin, c.post.slug, c.parentId);
  return {
    id: commentUrl(origin, c.post.slug, c.id),
    title: `${author} on “${c.post.title}”`,
    link: commentUrl(origin, c.post.slug, c.id),
    published: c.createdAt,
    updated: c.editedAt ?? c.createdAt,
    author,
    html: c.bodyHtml,
    inReplyTo: { ref: parentRef, href: parentRef },
  };
}

const newest = (entries: AtomEntry[], fallback: Date) =>
  entries.reduce((max, e) => (e.updated > max ? e.updated : max), fallback);

const postEntrySelect = {
  slug: true,
  title: true,
  bodyHtml: true,
  ...voiceFields,
  publishedAt: true,
  updatedAt: true,
} as const;

/** A published post as a feed entry. */
function postEntry(
  origin: string,
  p: {
    slug: string;
    title: string;
    bodyHtml: string;
    voice: string;
    displayName: string | null;
    voiceCode: string | null;
    publishedAt: Date | null;
    updatedAt: Date;
  },
): AtomEntry {
  return {
    id: postUrl(origin, p.slug),
    title: p.title,
    link: postUrl(origin, p.slug),
    published: p.publishedAt!,
    updated: p.updatedAt > p.publishedAt! ? p.updatedAt : p.publishedAt!,
    author: voiceLabel(p),
    html: p.bodyHtml,
  };
}

export async function postsFeed(origin: string) {
  const posts = await db.post.findMany({
    where: { status: "published", publishedAt: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_POSTS,
    select: postEntrySelect,
  });
  const entries = posts.map((p) => postEntry(origin, p));
  return { entries, updated: newest(entries, new Date(0)) };
}

const publishedComment = { status: "published", post: { status: "published" } } as const;

export async function commentsFeed(origin: string) {
  const rows = await db.comment.findMany({
    where: publishedComment,
    orderBy: { id: "desc" },
    take: FEED_COMMENTS,
    select: commentEntrySelect,
  });
  const entries = rows.map((c) => commentEntry(origin, c));
  return { entries, updated: newest(entries, new Date(0)) };
}

export async function threadFeed(origin: string, postId: number, publishedAt: Date) {
  const rows = await db.comment.findMany({
    where: { ...publishedComment, postId },
    orderBy: { id: "desc" },
    take: FEED_THREAD_COMMENTS,
    select: commentEntrySelect,
  });
  const entries = rows.map((c) => commentEntry(origin, c));
  return { entries, updated: newest(entries, publishedAt) };
}

/** Comments for a voice's "replies to me" feed (ids chosen by the following model). */
export async function commentEntries(origin: string, ids: number[]) {
  const rows = await db.comment.findMany({
    where: { id: { in: ids }, ...publishedComment },
    orderBy: { id: "desc" },
    select: commentEntrySelect,
  });
  return rows.map((c) => commentEntry(origin, c));
}

/** Posts and comments carrying a tag, newest first (hand-removed tags excluded). */
export async function tagFeed(origin: string, tagName: string) {
  const tag = await db.tag.findUnique({
    where: { name: tagName },
    select: { id: true, name: true, description: true, updatedAt: true },
  });
  if (!tag) return null;
  const [posts, comments] = await Promise.all([
    db.post.findMany({
      where: {
        status: "published",
        publishedAt: { not: null },
        tags: { some: { tagId: tag.id, source: { not: "suppressed" } } },
      },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: FEED_POSTS,
      select: postEntrySelect,
    }),
    db.comment.findMany({
      where: { ...publishedComment, tags: { some: { tagId: tag.id } } },
      orderBy: { id: "desc" },
      take: FEED_COMMENTS,
      select: commentEntrySelect,
    }),
  ]);
  const entries: AtomEntry[] = [
    ...posts.map((p) => postEntry(origin, p)),
    ...comments.map((c) => commentEntry(origin, c)),
  ].sort((a, b) => b.published.getTime() - a.published.getTime());
  return { tag, entries, updated: newest(entries, tag.updatedAt) };
}
