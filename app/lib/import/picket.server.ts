// Picket's own export (docs/export-format.md): JSON lines, a header, then tags, posts, comments
// and the public moderation log. Ids are the exporting forum's; its address makes them unique.
import { z } from "zod";
import { ImportFileError, type SourceForum } from "./forum.server";

export const EXPORT_FORMAT = "picket-export";
export const EXPORT_VERSION = 1;

const date = z.iso.datetime().transform((text) => new Date(text));
const id = z.number().int().positive();

const header = z.object({ format: z.literal(EXPORT_FORMAT), version: z.literal(EXPORT_VERSION), forum: z.string() });

const line = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("tag"),
    name: z.string(),
    description: z.string(),
    patterns: z.array(z.string()),
  }),
  z.object({
    type: z.literal("post"),
    id,
    slug: z.string(),
    title: z.string(),
    markdown: z.string(),
    author: z.string().nullable(),
    publishedAt: date,
    commentsOpen: z.boolean(),
    tags: z.array(z.string()),
    oldAddresses: z.array(z.string()),
  }),
  z.object({
    type: z.literal("comment"),
    id,
    post: id,
    parent: id.nullable(),
    status: z.enum(["published", "deleted", "removed", "withheld"]),
    markdown: z.string(),
    author: z.string().nullable(),
    code: z.string().nullable(),
    createdAt: date,
    editedAt: date.nullable(),
  }),
  z.object({
    type: z.literal("log"),
    action: z.string(),
    post: id.nullable(),
    comment: id.nullable(),
    reason: z.string().nullable(),
    at: date,
  }),
]);

/** Reads a Picket export. */
export function readPicket(text: string): SourceForum {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const parse = (raw: string, n: number) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new ImportFileError(`Line ${n} is not JSON.`);
    }
  };
  const head = header.safeParse(lines.length ? parse(lines[0], 1) : null);
  if (!head.success)
    throw new ImportFileError(
      `This is not a Picket export: its first line is not {"format":"${EXPORT_FORMAT}","version":${EXPORT_VERSION},…}.`,
    );
  const from = head.data.forum;
  const ref = (kind: string, n: number) => `${from}/${kind}/${n}`;
  const forum: SourceForum = { format: "picket", posts: [], comments: [], skipped: {}, tags: [], log: [] };
  lines.slice(1).forEach((raw, i) => {
    const parsed = line.safeParse(parse(raw, i + 2));
    if (!parsed.success)
      throw new ImportFileError(
        `Line ${i + 2} is not a tag, post, comment or log entry: ${parsed.error.issues[0]?.message}`,
      );
    const item = parsed.data;
    switch (item.type) {
      case "tag":
        forum.tags!.push(item);
        break;
      case "post":
        forum.posts.push({
          sourceId: ref("posts", item.id),
          title: item.title,
          text: { markdown: item.markdown },
          author: item.author,
          publishedAt: item.publishedAt,
          addresses: item.oldAddresses,
          slug: item.slug,
          commentsOpen: item.commentsOpen,
          tags: item.tags,
        });
        break;
      case "comment":
        forum.comments.push({
          sourceId: ref("comments", item.id),
          postId: ref("posts", item.post),
          parentId: item.parent === null ? null : ref("comments", item.parent),
          text: { markdown: item.markdown },
          author: item.author,
          posterTag: item.author === null ? item.code : null,
          createdAt: item.createdAt,
          editedAt: item.editedAt,
          ...(item.status === "published" ? {} : { gone: item.status === "removed" ? "removed" : "deleted" }),
        });
        break;
      case "log":
        forum.log!.push({
          action: item.action,
          postId: item.post === null ? null : ref("posts", item.post),
          commentId: item.comment === null ? null : ref("comments", item.comment),
          reason: item.reason,
          at: item.at,
        });
        break;
    }
  });
  return forum;
}
