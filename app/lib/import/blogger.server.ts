// Blogger's exports, both kinds. The Takeout feed (2018 and later) marks entries with
// `blogger:type` POST or COMMENT, `blogger:status`, `blogger:parent` (the post) and
// `blogger:inReplyTo` (the comment answered; empty at the top level). The older GData export
// marks kinds with a `kind#post` / `kind#comment` category, names a comment's post in
// `thr:in-reply-to` and the comment it answers in a `link rel="related"` to that comment's feed.
import {
  attributeOf,
  dateOf,
  ImportFileError,
  listOf,
  oldPath,
  parseXml,
  skip,
  textOf,
  signedName,
  type SkipReason,
  type SourceForum,
} from "./forum.server";

type Entry = Record<string, unknown>;

function authorName(entry: Entry): string | null {
  const author = listOf(entry.author)[0];
  if (!author) return null;
  if (/^ANONYMOUS$/i.test(textOf(author["blogger:type"]))) return null;
  return signedName(textOf(author.name));
}

/** What a Takeout `blogger:status` means here: null for LIVE. */
function statusSkip(status: string): SkipReason | null {
  const s = status.toUpperCase();
  if (s === "" || s === "LIVE") return null;
  if (s.includes("SPAM")) return "spam";
  if (s.includes("DELETED") || s.includes("TRASH")) return "deleted";
  return "unpublished";
}

function content(entry: Entry) {
  return { html: textOf(entry.content) };
}

function readTakeout(feed: Entry, forum: SourceForum) {
  for (const entry of listOf(feed.entry)) {
    const type = textOf(entry["blogger:type"]).toUpperCase();
    const id = textOf(entry.id);
    const published = dateOf(textOf(entry.published)) ?? dateOf(textOf(entry["blogger:created"]));
    const status = statusSkip(textOf(entry["blogger:status"]));
    if (type === "POST") {
      if (status) skip(forum.skipped, status);
      else if (!published || !id) skip(forum.skipped, "no date");
      else {
        const filename = textOf(entry["blogger:filename"]);
        const alternate = listOf(entry.link).find((l) => attributeOf(l, "rel") === "alternate");
        const addresses = [filename, attributeOf(alternate, "href")].map((a) => (a ? oldPath(a) : null));
        forum.posts.push({
          sourceId: id,
          title: textOf(entry.title),
          text: content(entry),
          author: authorName(entry),
          publishedAt: published,
          addresses: [...new Set(addresses.filter((a): a is string => a !== null))],
          slug: filename ? filename.replace(/^.*\//, "").replace(/\.html?$/, "") : undefined,
        });
      }
    } else if (type === "COMMENT") {
      if (!published || !id) {
        skip(forum.skipped, "no date");
        continue;
      }
      forum.comments.push({
        sourceId: id,
        postId: textOf(entry["blogger:parent"]),
        parentId: textOf(entry["blogger:inReplyTo"]) || null,
        text: content(entry),
        author: authorName(entry),
        createdAt: published,
        ...(status ? { skip: status } : {}),
      });
    } else skip(forum.skipped, "not a post");
  }
}

const KIND = "http://schemas.google.com/g/2005#kind";

function readGData(feed: Entry, forum: SourceForum) {
  for (const entry of listOf(feed.entry)) {
    const kind = listOf(entry.category)
      .filter((c) => attributeOf(c, "scheme") === KIND)
      .map((c) => attributeOf(c, "term").replace(/^.*#/, ""))[0];
    // Settings and the template are entries too: not posts, not worth counting.
    if (kind === "settings" || kind === "template") continue;
    const id = textOf(entry.id);
    const published = dateOf(textOf(entry.published));
    const links = listOf(entry.link);
    if (kind === "post") {
      const draft = /^yes$/i.test(textOf((listOf(entry["app:control"])[0] ?? {})["app:draft"]));
      if (draft) skip(forum.skipped, "unpublished");
      else if (!published || !id) skip(forum.skipped, "no date");
      else {
        const alternate = attributeOf(
          links.find((l) => attributeOf(l, "rel") === "alternate"),
          "href",
        );
        const path = alternate ? oldPath(alternate) : null;
        forum.posts.push({
          sourceId: id,
          title: textOf(entry.title),
          text: content(entry),
          author: authorName(entry),
          publishedAt: published,
          addresses: path ? [path] : [],
          slug: path?.endsWith(".html") ? path.replace(/^.*\//, "").replace(/\.html?$/, "") : undefined,
        });
      }
    } else if (kind === "comment") {
      if (!published || !id) {
        skip(forum.skipped, "no date");
        continue;
      }
      // The comment answered is named by its feed address, ".../comments/default/<its post number>".
      const related = attributeOf(
        links.find((l) => attributeOf(l, "rel") === "related"),
        "href",
      );
      const parentNumber = /\/comments\/default\/(\d+)\/?$/.exec(related)?.[1];
      const removed = listOf(entry["gd:extendedProperty"]).some(
        (p) => attributeOf(p, "name") === "blogger.contentRemoved" && attributeOf(p, "value") === "true",
      );
      forum.comments.push({
        sourceId: id,
        postId: attributeOf(entry["thr:in-reply-to"], "ref"),
        parentId: parentNumber ? id.replace(/\.post-\d+$/, `.post-${parentNumber}`) : null,
        text: content(entry),
        author: authorName(entry),
        createdAt: published,
        ...(removed ? { skip: "deleted" as const } : {}),
      });
    } else skip(forum.skipped, "not a post");
  }
}

/** Reads a Blogger export of either kind. */
export function readBlogger(text: string): SourceForum {
  const xml = parseXml(text, ["entry", "link", "category", "author", "gd:extendedProperty", "app:control"]);
  const feed = xml.feed as Entry | undefined;
  if (!feed || typeof feed !== "object") throw new ImportFileError("This is not a Blogger export: it has no <feed>.");
  const forum: SourceForum = { format: "blogger", posts: [], comments: [], skipped: {} };
  const takeout = listOf(feed.entry).some((entry) => entry["blogger:type"] !== undefined);
  if (takeout) readTakeout(feed, forum);
  else readGData(feed, forum);
  return forum;
}
