// Markdown for posts and comments: rendered with marked, then cleaned by sanitize-html under a
// strict allow-list. Run at write time; the clean HTML is stored (and re-made by
// `npm run db:rerender` after a change to these rules).
import { Marked, Tokenizer, type TokensList } from "marked";
import sanitizeHtml from "sanitize-html";

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

// ---------------------------------------------------------------------------------------
// Limits. marked recurses once per level of nesting and matches emphasis by scanning ahead,
// so a hostile text (10,000 ">", lists nested by indentation, "_a__" repeated) could exhaust
// the stack or take seconds. These caps bound the work for any text; ordinary writing never
// comes near them. Deeper markers are shown as the characters that were typed.

/** Block quotes and list items inside each other that render as such. */
export const MAX_BLOCK_NESTING = 16;
/** Emphasis, strikethrough and links inside each other that render as such. */
export const MAX_INLINE_NESTING = 16;
/**
 * Characters that emphasis and strikethrough matching may scan ahead in one text (a few
 * tenths of a second at worst). An unmatched `*`, `_` or `~` costs the rest of its
 * paragraph; past the budget, the remaining delimiters are plain text.
 */
export const DELIMITER_SCAN_BUDGET = 2_000_000;
/**
 * How far plain text and bare addresses are matched from one position. marked's plain-text
 * and e-mail patterns look ahead to the end of a run of word characters at every position, so
 * a 100,000-character "a_a_a_…" took seconds; cut to a window, they cost a constant.
 */
const TEXT_WINDOW = 256;
/** The longest bare URL that becomes a link; the rest of a longer one stays text. */
const MAX_BARE_URL = 2048;
const URL_START = /^(?:https?:\/\/|ftp:\/\/|www\.|mailto:|xmpp:)/i;

/** The start of `src` that plain-text matching may look at: the window, cut at a space if one is near. */
function textWindow(src: string): string {
  if (src.length <= TEXT_WINDOW) return src;
  const rest = src.slice(TEXT_WINDOW, 2 * TEXT_WINDOW);
  const space = rest.search(/\s/);
  return src.slice(0, TEXT_WINDOW + (space < 0 ? rest.length : space));
}

const limits = { block: 0, inline: 0, delimiterScan: 0 };
const base = Tokenizer.prototype;

function resetLimits() {
  limits.block = limits.inline = limits.delimiterScan = 0;
}

/** Runs one nested tokenizer call one level deeper, or matches nothing past the cap. */
function deeper<T>(level: "block" | "inline", max: number, run: () => T): T | undefined {
  if (limits[level] >= max) return undefined;
  limits[level]++;
  try {
    return run();
  } finally {
    limits[level]--;
  }
}

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
  // Returning undefined means "no match here" (false would fall back to the unlimited original).
  tokenizer: {
    blockquote(src) {
      return deeper("block", MAX_BLOCK_NESTING, () => base.blockquote.call(this, src));
    },
    list(src) {
      return deeper("block", MAX_BLOCK_NESTING, () => base.list.call(this, src));
    },
    emStrong(src, maskedSrc, prevChar) {
      if (limits.delimiterScan > DELIMITER_SCAN_BUDGET) return undefined;
      const token = deeper("inline", MAX_INLINE_NESTING, () => base.emStrong.call(this, src, maskedSrc, prevChar));
      if (src[0] === "*" || src[0] === "_") limits.delimiterScan += token ? token.raw.length : src.length;
      return token;
    },
    del(src, maskedSrc, prevChar) {
      if (limits.delimiterScan > DELIMITER_SCAN_BUDGET) return undefined;
      const token = deeper("inline", MAX_INLINE_NESTING, () => base.del.call(this, src, maskedSrc, prevChar));
      if (src[0] === "~") limits.delimiterScan += token ? token.raw.length : src.length;
      return token;
    },
    link(src) {
      return deeper("inline", MAX_INLINE_NESTING, () => base.link.call(this, src));
    },
    reflink(src, links) {
      return deeper("inline", MAX_INLINE_NESTING, () => base.reflink.call(this, src, links));
    },
    inlineText(src) {
      return base.inlineText.call(this, textWindow(src));
    },
    // A bare address starts with a scheme or www., or is an e-mail address whose "@" is near.
    url(src) {
      if (URL_START.test(src)) return base.url.call(this, src.slice(0, MAX_BARE_URL));
      return src.slice(0, TEXT_WINDOW).includes("@") ? base.url.call(this, src.slice(0, TEXT_WINDOW)) : undefined;
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

/** Paragraphs of escaped text: what a text shows when it cannot be rendered as markdown. */
function plainText(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== "")
    .map((block) => `<p>${escapeHtml(block.trim()).replace(/\n/g, "<br />")}</p>`)
    .join("\n");
}

/** Markdown to clean HTML, safe to store and send as it is. */
export function renderMarkdown(markdown: string): string {
  resetLimits();
  let html: string;
  try {
    html = marked.parse(markdown) as string;
  } catch {
    // A text the limits above did not foresee (a stack overflow): shown as typed, never a 500.
    html = plainText(markdown);
  }
  return sanitizeHtml(html, CLEAN).trim();
}

/** The tokens of a text, parsed as renderMarkdown parses it (under the same limits): for reading its words. */
export function lexMarkdown(markdown: string): TokensList {
  resetLimits();
  return marked.lexer(markdown);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/** The text a reader reads in clean HTML (renderMarkdown's): tags dropped, blocks apart, entities read. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<\/(p|li|blockquote|pre|ul|ol)>|<br\s*\/?>|<hr\s*\/?>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ENTITIES[entity])
    .replace(/\s+/g, " ")
    .trim();
}
