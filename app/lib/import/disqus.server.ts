// Disqus's export: threads (one per page of the site that carried comments, named by its
// address) and posts (the comments), each naming its thread and, when it answers one, its
// `<parent dsq:id>`. The pages themselves live elsewhere: a thread whose address an imported
// post already has takes its comments; any other becomes a post of its own.
import {
  attributeOf,
  dateOf,
  ImportFileError,
  listOf,
  oldPath,
  parseXml,
  signedName,
  skip,
  textOf,
  type SourceForum,
} from "./forum.server";

const yes = (value: unknown) => textOf(value).trim().toLowerCase() === "true";

/** Reads a Disqus export. */
export function readDisqus(text: string): SourceForum {
  const xml = parseXml(text, ["thread", "post", "category"]);
  const root = xml.disqus as Record<string, unknown> | undefined;
  if (!root || typeof root !== "object") throw new ImportFileError("This is not a Disqus export: it has no <disqus>.");
  const forum: SourceForum = { format: "disqus", posts: [], comments: [], skipped: {} };
  for (const thread of listOf(root.thread)) {
    const id = attributeOf(thread, "dsq:id");
    const createdAt = dateOf(textOf(thread.createdAt));
    if (yes(thread.isDeleted)) {
      skip(forum.skipped, "deleted");
      continue;
    }
    if (!id || !createdAt) {
      skip(forum.skipped, "no date");
      continue;
    }
    const link = textOf(thread.link);
    const path = link ? oldPath(link) : null;
    const message = textOf(thread.message);
    forum.posts.push({
      sourceId: `thread-${id}`,
      title: textOf(thread.title) || path || "Comments",
      text: message ? { html: message } : { markdown: link ? `The comments of <${encodeURI(link)}>.` : "" },
      author: null,
      publishedAt: createdAt,
      addresses: path ? [path] : [],
      commentsOpen: !yes(thread.isClosed),
      findByAddress: true,
    });
  }
  for (const post of listOf(root.post)) {
    const id = attributeOf(post, "dsq:id");
    const createdAt = dateOf(textOf(post.createdAt));
    if (!id || !createdAt) {
      skip(forum.skipped, "no date");
      continue;
    }
    const author = listOf(post.author)[0] ?? {};
    const parent = attributeOf(post.parent, "dsq:id");
    forum.comments.push({
      sourceId: id,
      postId: `thread-${attributeOf(post.thread, "dsq:id")}`,
      parentId: parent || null,
      text: { html: textOf(post.message) },
      // A guest (`isAnonymous`) still signs with a name of their choosing.
      author: signedName(textOf(author.name)),
      createdAt,
      ...(yes(post.isSpam) ? { skip: "spam" as const } : yes(post.isDeleted) ? { skip: "deleted" as const } : {}),
    });
  }
  return forum;
}
