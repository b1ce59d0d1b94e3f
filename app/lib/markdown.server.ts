// Markdown for posts and comments: rendered with marked, then cleaned by sanitize-html under a
// strict allow-list. Run at write time; the clean HTML is stored (and re-made by
// `npm run db:rerender` after a change to these rules).
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML is shown as text, never interpreted.
    html({ text }) {
      return escapeHtml(text);
    },
    // No images: they would be requests to third parties that reveal readers.
    image({ href, text }) {
      return `${escapeHtml(text || "image")} (${escapeHtml(href)})`;
    },
    // Headings inside a comment would shout over the page; render them as strong paragraphs.
    heading({ tokens }) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
  },
});

export const LINK_REL = "nofollow ugc noopener noreferrer";

const CLEAN: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"],
  allowedAttributes: { a: ["href", "title", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
  },
};

/** Markdown to clean HTML, safe to store and send as it is. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, CLEAN).trim();
}
