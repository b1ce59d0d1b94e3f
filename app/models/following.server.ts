// Following: members follow posts and tags and see what is new since they last looked; every
// voice, anonymous included, sees the replies to what it wrote, and may read them as a
// private feed at an unguessable address.
import { createHash, randomBytes } from "node:crypto";
import { db, write } from "~/lib/db.server";
import { DatabaseUnavailable, ForumError, notFound } from "./errors.server";
import { voiceFields, voiceLabel } from "./voices.server";

export const REPLIES_PER_PAGE = 30;

const publishedComment = { status: "published", post: { status: "published" } } as const;

export async function followPost({ userId, postId }: { userId: number; postId: number }) {
  const post = await db.post.findFirst({ where: { id: postId, status: "published" }, select: { id: true } });
  if (!post) throw notFound("That post");
  await write(async (tx) => {
    const existing = await tx.follow.findFirst({ where: { userId, postId }, select: { id: true } });
    if (!existing) await tx.follow.create({ data: { userId, postId }, select: { id: true } });
  });
}

export async function followTag({ userId, tagId }: { userId: number; tagId: number }) {
  const tag = await db.tag.findUnique({ where: { id: tagId }, select: { id: true } });
  if (!tag) throw notFound("That tag");
  await write(async (tx) => {
    const existing = await tx.follow.findFirst({ where: { userId, tagId }, select: { id: true } });
    if (!existing) await tx.follow.create({ data: { userId, tagId }, select: { id: true } });
  });
}

export async function unfollow({ userId, postId, tagId }: { userId: number; postId?: number; tagId?: number }) {
  if (postId === undefined && tagId === undefined) throw new ForumError("Say what to stop following.", 400);
  await write((tx) => tx.follow.deleteMany({ where: { userId, ...(postId !== undefined ? { postId } : { tagId }) } }));
}

export async function isFollowingPost({ userId, postId }: { userId: number; postId: number }) {
  return Boolean(await db.follow.findFirst({ where: { userId, postId }, select: { id: true } }));
}

/**
 * Moves a member's read marker on a followed post or tag to now. It runs when they open the
 * page: a marker only the member sees, not content, so a GET may move it.
 */
export async function markSeen({ userId, postId, tagId }: { userId: number; postId?: number; tagId?: number }) {
  await write((tx) =>
    tx.follow.updateMany({
      where: { userId, ...(postId !== undefined ? { postId } : { tagId }) },
      data: { lastSeenAt: new Date() },
    }),
  ).catch(seenAnyway);
}

/**
 * What was seen is noted while a page is read: a database that takes no writes just now (a
 * read-only standby, a full disk) does not keep the page from being read.
 */
function seenAnyway(error: unknown) {
  if (!(error instanceof DatabaseUnavailable)) throw error;
}

/** Followed posts and tags, with how much is new since the member last looked. */
export async function getFollowing({ userId }: { userId: number }) {
  const follows = await db.follow.findMany({
    where: { userId },
    orderBy: { id: "asc" },
    select: {
      lastSeenAt: true,
      post: { select: { id: true, slug: true, title: true, status: true } },
      tag: { select: { id: true, name: true } },
    },
  });
  const posts = await Promise.all(
    follows
      .filter((f) => f.post && f.post.status === "published")
      .map(async (f) => ({
        id: f.post!.id,
        slug: f.post!.slug,
        title: f.post!.title,
        newComments: await db.comment.count({
          where: { postId: f.post!.id, status: "published", createdAt: { gt: f.lastSeenAt } },
        }),
      })),
  );
  const tags = await Promise.all(
    follows
      .filter((f) => f.tag)
      .map(async (f) => {
        const since = { gt: f.lastSeenAt };
        const [newPosts, newComments] = await Promise.all([
          db.postTag.count({
            where: {
              tagId: f.tag!.id,
              source: { not: "suppressed" },
              post: { status: "published", publishedAt: since },
            },
          }),
          db.commentTag.count({ where: { tagId: f.tag!.id, comment: { ...publishedComment, createdAt: since } } }),
        ]);
        return { id: f.tag!.id, name: f.tag!.name, newPosts, newComments };
      }),
  );
  return { posts, tags };
}

// ---------------------------------------------------------------------------------------
// Replies to me

function repliesWhere(refs: string[]) {
  return { ...publishedComment, parent: { authorRef: { in: refs } }, NOT: { authorRef: { in: refs } } };
}

/** Replies to the comments written under any of `refs`, newest first, unread ones marked. */
export async function getReplies({ refs, page = 1 }: { refs: string[]; page?: number }) {
  if (refs.length === 0) return { replies: [], page: 1, hasMore: false, unread: 0 };
  const seen = await db.repliesSeen.findMany({ where: { authorRef: { in: refs } }, select: { seenAt: true } });
  const seenAt = seen.reduce((max, s) => (s.seenAt > max ? s.seenAt : max), new Date(0));
  const rows = await db.comment.findMany({
    where: repliesWhere(refs),
    orderBy: { id: "desc" },
    skip: (Math.max(1, page) - 1) * REPLIES_PER_PAGE,
    take: REPLIES_PER_PAGE + 1,
    select: {
      id: true,
      bodyHtml: true,
      ...voiceFields,
      createdAt: true,
      post: { select: { slug: true, title: true } },
      parent: { select: { id: true, bodyHtml: true } },
    },
  });
  const unread = await db.comment.count({ where: { ...repliesWhere(refs), createdAt: { gt: seenAt } } });
  return {
    replies: rows.slice(0, REPLIES_PER_PAGE).map((r) => ({
      id: r.id,
      author: voiceLabel(r),
      bodyHtml: r.bodyHtml,
      createdAt: r.createdAt.toISOString(),
      unread: r.createdAt > seenAt,
      post: r.post,
      parentId: r.parent!.id,
      parentExcerpt: excerpt(r.parent!.bodyHtml),
    })),
    page: Math.max(1, page),
    hasMore: rows.length > REPLIES_PER_PAGE,
    unread,
  };
}

const excerpt = (html: string) => {
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
};

/** Marks every reply so far as read for these voices. */
export async function markRepliesSeen({ refs }: { refs: string[] }) {
  const now = new Date();
  await write(async (tx) => {
    for (const authorRef of refs)
      await tx.repliesSeen.upsert({
        where: { authorRef },
        create: { authorRef, seenAt: now },
        update: { seenAt: now },
        select: { authorRef: true },
      });
  }).catch(seenAnyway);
}

/** Ids of the newest replies, for the private feed. */
export async function replyIdsFor({ refs, take = 50 }: { refs: string[]; take?: number }) {
  const rows = await db.comment.findMany({
    where: repliesWhere(refs),
    orderBy: { id: "desc" },
    take,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** A new private feed address for a voice (any older one stops working). Shown once. */
export async function createReplyFeed({ authorRef }: { authorRef: string }): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await write(async (tx) => {
    await tx.replyFeed.updateMany({ where: { authorRef, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.replyFeed.create({ data: { authorRef, tokenHash: hashToken(token) }, select: { id: true } });
  });
  return token;
}

export async function revokeReplyFeeds({ authorRef }: { authorRef: string }) {
  await write((tx) =>
    tx.replyFeed.updateMany({ where: { authorRef, revokedAt: null }, data: { revokedAt: new Date() } }),
  );
}

export async function hasReplyFeed({ authorRef }: { authorRef: string }) {
  return Boolean(await db.replyFeed.findFirst({ where: { authorRef, revokedAt: null }, select: { id: true } }));
}

/** The voice a private feed token belongs to, or a 404 when unknown or revoked. */
export async function replyFeedVoice(token: string): Promise<string> {
  const feed = token
    ? await db.replyFeed.findUnique({
        where: { tokenHash: hashToken(token) },
        select: { authorRef: true, revokedAt: true },
      })
    : null;
  if (!feed || feed.revokedAt) throw notFound("That feed");
  return feed.authorRef;
}
