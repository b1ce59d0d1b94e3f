// WordPress's export (WXR): an RSS channel of items (posts, pages, attachments...), each post
// with its comments as `wp:comment`, threaded by `wp:comment_parent` (0 at the top level).
// WordPress shows its texts with their newlines as line and paragraph breaks.
import {
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

/** A WordPress date: `wp:post_date_gmt` is "2019-03-14 10:00:00", in UTC. */
function gmtDate(text: string) {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) && !text.startsWith("0000")
    ? dateOf(`${text.replace(" ", "T")}Z`)
    : null;
}

/** Reads a WordPress WXR export. */
export function readWordPress(text: string): SourceForum {
  const xml = parseXml(text, ["item", "wp:comment", "category"]);
  const channel = (xml.rss as Record<string, unknown> | undefined)?.channel as Record<string, unknown> | undefined;
  if (!channel || typeof channel !== "object")
    throw new ImportFileError("This is not a WordPress export: it has no <rss><channel>.");
  // Post and comment numbers are the blog's own: the blog's address makes them unique.
  const blog = (textOf(channel["wp:base_blog_url"]) || textOf(channel.link)).replace(/\/+$/, "");
  const forum: SourceForum = { format: "wordpress", posts: [], comments: [], skipped: {} };
  for (const item of listOf(channel.item)) {
    const type = textOf(item["wp:post_type"]);
    if (type !== "post") {
      // Attachments and menu entries are parts of the site, not writing.
      if (type === "page") skip(forum.skipped, "not a post");
      continue;
    }
    const number = textOf(item["wp:post_id"]);
    const status = textOf(item["wp:status"]);
    const comments = listOf(item["wp:comment"]);
    const publishedAt = gmtDate(textOf(item["wp:post_date_gmt"])) ?? dateOf(textOf(item.pubDate));
    if (status !== "publish") {
      skip(forum.skipped, status === "trash" ? "deleted" : "unpublished");
      comments.forEach(() => skip(forum.skipped, "post not found"));
      continue;
    }
    if (!publishedAt || !number) {
      skip(forum.skipped, "no date");
      continue;
    }
    const postId = `${blog}/?p=${number}`;
    const permalink = oldPath(textOf(item.link));
    forum.posts.push({
      sourceId: postId,
      title: textOf(item.title),
      text: { html: textOf(item["content:encoded"]), lineBreaks: true },
      author: signedName(textOf(item["dc:creator"])),
      publishedAt,
      addresses: [...new Set([`/?p=${number}`, permalink].filter((a): a is string => a !== null))],
      slug: textOf(item["wp:post_name"]) || undefined,
      commentsOpen: textOf(item["wp:comment_status"]) !== "closed",
    });
    for (const comment of comments) {
      const id = textOf(comment["wp:comment_id"]);
      const createdAt = gmtDate(textOf(comment["wp:comment_date_gmt"])) ?? dateOf(textOf(comment["wp:comment_date"]));
      if (!createdAt || !id) {
        skip(forum.skipped, "no date");
        continue;
      }
      const kind = textOf(comment["wp:comment_type"]);
      const approved = textOf(comment["wp:comment_approved"]);
      const parent = textOf(comment["wp:comment_parent"]);
      forum.comments.push({
        sourceId: `${blog}/?c=${id}`,
        postId,
        parentId: parent && parent !== "0" ? `${blog}/?c=${parent}` : null,
        text: { html: textOf(comment["wp:comment_content"]), lineBreaks: true },
        author: signedName(textOf(comment["wp:comment_author"])),
        createdAt,
        ...(kind === "pingback" || kind === "trackback"
          ? { skip: "pingback or trackback" as const }
          : approved === "1"
            ? {}
            : {
                skip:
                  approved === "spam"
                    ? ("spam" as const)
                    : approved === "trash"
                      ? ("deleted" as const)
                      : ("unpublished" as const),
              }),
      });
    }
  }
  return forum;
}
