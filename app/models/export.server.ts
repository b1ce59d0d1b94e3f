// Moving out: the whole forum as its pages show it, in Picket's export format
// (docs/export-format.md), which `npm run import -- picket` reads back. Only what a reader sees
// is written: no author references, hashes, accounts, sessions, secrets or staff notes.
import { settings } from "~/env.server";
import { db } from "~/lib/db.server";
import { EXPORT_FORMAT, EXPORT_VERSION } from "~/lib/import/picket.server";
import { storedPatterns } from "./tagging.server";

/** Rows read per query, so a forum of any size is written in bounded memory. */
const EXPORT_PAGE = 1000;

/** The name a page shows a writer by: null for Anonymous. */
const authorOf = (row: { voice: string; displayName: string | null }) =>
  row.voice === "anonymous" ? null : row.displayName;

/** How a comment reads on its page: its text when published; a tombstone or placeholder otherwise. */
function shownStatus(status: string): "published" | "deleted" | "removed" | "withheld" {
  if (status === "published") return "published";
  if (status === "deleted") return "deleted";
  if (status === "held") return "withheld";
  return "removed";
}

export type ExportCounts = { tags: number; posts: number; comments: number; log: number };

/**
 * Writes the forum as JSON lines through `line`, a header first. Published posts only, with
 * their comments; comments not shown whole on a page are written without their text or voice.
 */
export async function exportForum(line: (json: string) => Promise<void> | void): Promise<ExportCounts> {
  const counts: ExportCounts = { tags: 0, posts: 0, comments: 0, log: 0 };
  const out = (value: object) => line(JSON.stringify(value));
  await out({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    forum: settings().publicUrl,
    exportedAt: new Date().toISOString(),
  });

  const tags = await db.tag.findMany({
    orderBy: { id: "asc" },
    select: { id: true, name: true, description: true, patterns: true },
  });
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  for (const tag of tags) {
    await out({ type: "tag", name: tag.name, description: tag.description, patterns: storedPatterns(tag.patterns) });
    counts.tags++;
  }

  const published = { status: "published", publishedAt: { not: null } } as const;
  for (let after = 0; ;) {
    const posts = await db.post.findMany({
      where: { ...published, id: { gt: after } },
      orderBy: { id: "asc" },
      take: EXPORT_PAGE,
      select: {
        id: true,
        slug: true,
        title: true,
        bodyMarkdown: true,
        voice: true,
        displayName: true,
        publishedAt: true,
        commentsOpen: true,
        tags: { where: { source: { not: "suppressed" } }, select: { tagId: true } },
        oldAddresses: { select: { path: true } },
      },
    });
    if (posts.length === 0) break;
    for (const post of posts) {
      await out({
        type: "post",
        id: post.id,
        slug: post.slug,
        title: post.title,
        markdown: post.bodyMarkdown,
        author: authorOf(post),
        publishedAt: post.publishedAt!.toISOString(),
        commentsOpen: post.commentsOpen,
        tags: post.tags.flatMap((t) => tagName.get(t.tagId) ?? []).sort(),
        oldAddresses: post.oldAddresses.map((a) => a.path).sort(),
      });
      counts.posts++;
    }
    after = posts[posts.length - 1].id;
  }

  for (let after = 0; ;) {
    const comments = await db.comment.findMany({
      where: { id: { gt: after }, post: published },
      orderBy: { id: "asc" },
      take: EXPORT_PAGE,
      select: {
        id: true,
        postId: true,
        parentId: true,
        status: true,
        bodyMarkdown: true,
        voice: true,
        displayName: true,
        voiceCode: true,
        createdAt: true,
        editedAt: true,
      },
    });
    if (comments.length === 0) break;
    for (const comment of comments) {
      const status = shownStatus(comment.status);
      const shown = status === "published";
      await out({
        type: "comment",
        id: comment.id,
        post: comment.postId,
        parent: comment.parentId,
        status,
        markdown: shown ? comment.bodyMarkdown : "",
        author: shown ? authorOf(comment) : null,
        // The poster tag or tripcode the page shows beside the name.
        code: shown ? comment.voiceCode : null,
        createdAt: comment.createdAt.toISOString(),
        editedAt: shown && comment.editedAt ? comment.editedAt.toISOString() : null,
      });
      counts.comments++;
    }
    after = comments[comments.length - 1].id;
  }

  // The public log: what was done, when and why; the item only when its post is public.
  for (let after = 0; ;) {
    const entries = await db.moderationAction.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: EXPORT_PAGE,
      select: {
        id: true,
        action: true,
        publicReason: true,
        createdAt: true,
        comment: { select: { id: true, post: { select: { id: true, status: true } } } },
        post: { select: { id: true, status: true } },
      },
    });
    if (entries.length === 0) break;
    for (const entry of entries) {
      const post = entry.comment?.post ?? entry.post;
      const shown = post?.status === "published";
      await out({
        type: "log",
        action: entry.action,
        post: shown && !entry.comment ? post.id : null,
        comment: shown && entry.comment ? entry.comment.id : null,
        reason: entry.publicReason,
        at: entry.createdAt.toISOString(),
      });
      counts.log++;
    }
    after = entries[entries.length - 1].id;
  }
  return counts;
}
