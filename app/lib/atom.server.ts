// Atom 1.0 feeds (RFC 4287), with the threading extension (RFC 4685) for comments. Written by
// hand: the format is small, and every piece of text goes through one escape function.
import { createHash } from "node:crypto";
import { settings } from "~/env.server";
import { CACHE_TAGS_HEADER } from "./page-cache.server";

export type AtomEntry = {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published: Date;
  author: string;
  html: string;
  inReplyTo?: { ref: string; href: string };
};

export type AtomFeed = {
  id: string;
  title: string;
  subtitle?: string;
  selfUrl: string;
  pageUrl: string;
  entries: AtomEntry[];
  updated: Date;
};

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

export function renderAtom(feed: AtomFeed): string {
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>${escapeXml(e.id)}</id>
    <title>${escapeXml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>
    <published>${e.published.toISOString()}</published>
    <updated>${e.updated.toISOString()}</updated>
    <author><name>${escapeXml(e.author)}</name></author>
${e.inReplyTo ? `    <thr:in-reply-to ref="${escapeXml(e.inReplyTo.ref)}" href="${escapeXml(e.inReplyTo.href)}" type="text/html"/>\n` : ""}    <content type="html">${escapeXml(e.html)}</content>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
${feed.subtitle ? `  <subtitle>${escapeXml(feed.subtitle)}</subtitle>\n` : ""}  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>
  <updated>${feed.updated.toISOString()}</updated>
  <generator>Picket</generator>
${entries}
</feed>
`;
}

/**
 * The site's public address (PICKET_PUBLIC_URL), for links that leave the site. Never the
 * request's Host header: anyone can send any, and the page cache would keep what it made.
 */
export function siteOrigin(): string {
  return settings().publicUrl;
}

/** An Atom response that answers conditional requests (ETag, Last-Modified) with 304. */
export function atomResponse(request: Request, feed: AtomFeed, { cache = "public, max-age=60" } = {}): Response {
  const xml = renderAtom(feed);
  const etag = `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"`;
  const lastModified = new Date(Math.floor(feed.updated.getTime() / 1000) * 1000);
  const headers: Record<string, string> = {
    ETag: etag,
    "Last-Modified": lastModified.toUTCString(),
    "Cache-Control": cache,
    "Content-Type": "application/atom+xml; charset=utf-8",
  };
  // Public feeds are the same for everyone: the page cache may keep them until a thread changes.
  if (cache.startsWith("public")) headers[CACHE_TAGS_HEADER] = "feeds";
  const ifNoneMatch = request.headers.get("If-None-Match");
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*")
    : ifModifiedSince !== null &&
      !Number.isNaN(Date.parse(ifModifiedSince)) &&
      lastModified.getTime() <= Date.parse(ifModifiedSince);
  if (notModified) return new Response(null, { status: 304, headers });
  return new Response(xml, { status: 200, headers });
}
