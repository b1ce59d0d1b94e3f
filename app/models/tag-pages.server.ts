// A tag's page: the published posts and comments that carry it. Apart from the glossary
// (tags.server) because it lists posts as the post lists do (posts.server), which tag posts.
import { db } from "~/lib/db.server";
import { notFound } from "./errors.server";
import { postSummary, summarizePosts } from "./posts.server";
import { publishedPost, shownPostTag, tagNamer } from "./tags.server";
import { voiceFields, voiceLabel } from "./voices.server";

/** Posts, and comments, listed on one page of a tag. */
export const TAG_PAGE_SIZE = 20;

export type TaggedComment = {
  id: number;
  bodyHtml: string;
  author: string;
  isAnonymous: boolean;
  createdAt: string;
  post: { slug: string; title: string };
  tags: string[];
};

/** Beyond this many, a tag page says "1,000+" rather than count them all. */
export const TAG_COUNT_LIMIT = 1000;

/**
 * A tag's page: its published posts and the published comments on published posts that carry
 * it, each newest first. One page number pages both lists, TAG_PAGE_SIZE of each per page.
 * Everything is read from the tag's side (an index on tag and item), and the totals are
 * counted up to TAG_COUNT_LIMIT (`countsCapped`), so the page costs what it shows, not what
 * the forum holds.
 */
export async function getTagPage({ name, page }: { name: string; page: number }) {
  const tag = await db.tag.findUnique({ where: { name }, select: { id: true, name: true, description: true } });
  if (!tag) throw notFound("That tag");
  const postWhere = { ...publishedPost, tags: { some: { tagId: tag.id, ...shownPostTag } } };
  const commentTagWhere = { tagId: tag.id, comment: { status: "published", post: publishedPost } };
  const [postCount, commentCount] = await Promise.all([
    db.postTag.count({ where: { tagId: tag.id, ...shownPostTag, post: publishedPost }, take: TAG_COUNT_LIMIT + 1 }),
    db.commentTag.count({ where: commentTagWhere, take: TAG_COUNT_LIMIT + 1 }),
  ]);
  const pages = Math.max(
    1,
    Math.ceil(Math.min(TAG_COUNT_LIMIT, postCount) / TAG_PAGE_SIZE),
    Math.ceil(Math.min(TAG_COUNT_LIMIT, commentCount) / TAG_PAGE_SIZE),
  );
  const current = Math.min(Math.max(1, page), pages);
  const skip = (current - 1) * TAG_PAGE_SIZE;
  const [posts, comments] = await Promise.all([
    db.post.findMany({
      where: postWhere,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip,
      take: TAG_PAGE_SIZE,
      select: postSummary,
    }),
    // Comment ids grow with time: the newest first is the highest ids first, along the index.
    db.commentTag.findMany({
      where: commentTagWhere,
      orderBy: { commentId: "desc" },
      skip,
      take: TAG_PAGE_SIZE,
      select: {
        comment: {
          select: {
            id: true,
            bodyHtml: true,
            ...voiceFields,
            createdAt: true,
            post: { select: { slug: true, title: true } },
            tags: { select: { tagId: true } },
          },
        },
      },
    }),
  ]);
  const names = await tagNamer(comments.flatMap(({ comment: c }) => c.tags.map((t) => t.tagId)));
  return {
    tag: { name: tag.name, description: tag.description },
    postCount: Math.min(postCount, TAG_COUNT_LIMIT),
    commentCount: Math.min(commentCount, TAG_COUNT_LIMIT),
    /** The totals are at least these: there are more than TAG_COUNT_LIMIT. */
    countsCapped: { posts: postCount > TAG_COUNT_LIMIT, comments: commentCount > TAG_COUNT_LIMIT },
    page: current,
    pages,
    posts: await summarizePosts(posts),
    comments: comments.map(({ comment: c }): TaggedComment => ({
      id: c.id,
      bodyHtml: c.bodyHtml,
      author: voiceLabel(c),
      isAnonymous: c.voice === "anonymous",
      createdAt: c.createdAt.toISOString(),
      post: c.post,
      tags: names(c.tags),
    })),
  };
}
