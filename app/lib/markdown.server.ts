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

// ---------------------------------------------------------------------------------------
// HTML from other blogs (imports). It is cleaned to the same allow-list, then written as the
// markdown Picket stores, so an imported text is rendered (and re-rendered) like any other.

/** Imported HTML cleaned to what markdown can say: the allow-list, with other blogs' tags named as ours. */
const IMPORTED_HTML: sanitizeHtml.IOptions = {
  ...CLEAN,
  allowedAttributes: { a: ["href"], ol: ["start"] },
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "iframe", "object"],
  transformTags: {
    b: "strong",
    i: "em",
    s: "del",
    strike: "del",
    tt: "code",
    div: "p",
    h1: "p",
    h2: "p",
    h3: "p",
    h4: "p",
    h5: "p",
    h6: "p",
    table: "p",
    tr: "p",
  },
};

/** A node of cleaned HTML: sanitize-html's output is well formed, so a small reader suffices. */
type HtmlNode = string | { tag: string; href?: string; start?: string; children: HtmlNode[] };

const VOID_TAGS = new Set(["br", "hr"]);
const BLOCK_TAGS = new Set(["p", "ul", "ol", "li", "blockquote", "pre", "hr"]);

const decodeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e]!);

function readCleanHtml(html: string): HtmlNode[] {
  const root: HtmlNode[] = [];
  const stack: { tag: string; children: HtmlNode[] }[] = [{ tag: "", children: root }];
  for (const [, closing, tag, attributes, text] of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/g)) {
    const open = stack[stack.length - 1];
    if (text !== undefined) open.children.push(decodeHtml(text));
    else if (closing) {
      if (stack.length > 1 && open.tag === tag) stack.pop();
    } else {
      const attribute = (name: string) => {
        const value = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes ?? "")?.[1];
        return value === undefined ? undefined : decodeHtml(value);
      };
      const node = { tag, href: attribute("href"), start: attribute("start"), children: [] };
      open.children.push(node);
      if (!VOID_TAGS.has(tag) && !attributes?.endsWith("/")) stack.push(node);
    }
  }
  return root;
}

/** Text as markdown shows it: HTML's runs of spaces as one, markdown's own characters escaped. */
const escapeText = (text: string) => text.replace(/\s+/g, " ").replace(/[\\`*_[\]<>~|&]/g, "\\$&");

/** Characters that would start a heading, a list or a rule at the start of a line. */
const escapeLineStarts = (text: string) =>
  text
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/^(\d+)([.)])/, "$1\\$2")
        .replace(/^[#+=-]/, "\\$&"),
    )
    .join("\n");

function backtickFence(text: string, least: number): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(least, longest + 1));
}

const textOf = (nodes: HtmlNode[]): string =>
  nodes.map((node) => (typeof node === "string" ? node : node.tag === "br" ? "\n" : textOf(node.children))).join("");

/** Wraps inline markdown in a marker, keeping spaces outside it (markdown ignores "** bold **"). */
function wrap(marker: string, inner: string): string {
  const text = inner.trim();
  if (text === "") return inner;
  const lead = /^\s/.test(inner) ? " " : "";
  const trail = /\s$/.test(inner) ? " " : "";
  return `${lead}${marker}${text}${marker}${trail}`;
}

function inlineMarkdown(nodes: HtmlNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node === "string") return escapeText(node);
      const inner = () => inlineMarkdown(node.children);
      switch (node.tag) {
        case "br":
          return "\\\n";
        case "em":
          return wrap("*", inner());
        case "strong":
          return wrap("**", inner());
        case "del":
          return wrap("~~", inner());
        case "code": {
          const code = textOf(node.children).replace(/\s+/g, " ");
          if (code.trim() === "") return code;
          const fence = backtickFence(code, 1);
          return `${fence} ${code} ${fence}`;
        }
        case "a": {
          const text = inner().trim();
          if (!node.href) return text;
          const href = `<${node.href.replace(/[<>\\\s]/g, (c) => encodeURIComponent(c))}>`;
          return `[${text || escapeText(node.href)}](${href})`;
        }
        default:
          return inner();
      }
    })
    .join("");
}

/** Indents every line after the first by `width`, for a list item's continuation. */
const hang = (text: string, marker: string) =>
  marker + text.replace(/\n/g, `\n${" ".repeat(marker.length)}`).replace(/\n +\n/g, "\n\n");

/** Blocks of markdown; a list item's are kept together (`tight`), so its list stays a tight one. */
function blockMarkdown(nodes: HtmlNode[], tight = false): string {
  const blocks: string[] = [];
  let inline: HtmlNode[] = [];
  const endParagraph = () => {
    const text = escapeLineStarts(inlineMarkdown(inline).replace(/\\\n\s*$/, "")).trim();
    if (text) blocks.push(text);
    inline = [];
  };
  for (const node of nodes) {
    if (typeof node === "string" || !BLOCK_TAGS.has(node.tag)) {
      inline.push(node);
      continue;
    }
    endParagraph();
    switch (node.tag) {
      case "p":
      case "li":
        blocks.push(blockMarkdown(node.children, tight));
        break;
      case "hr":
        blocks.push("* * *");
        break;
      case "pre": {
        const code = textOf(node.children).replace(/^\n|\n$/g, "");
        const fence = backtickFence(code, 3);
        blocks.push(`${fence}\n${code}\n${fence}`);
        break;
      }
      case "blockquote": {
        const quoted = blockMarkdown(node.children);
        if (quoted) blocks.push(quoted.replace(/^/gm, "> ").replace(/^> $/gm, ">"));
        break;
      }
      case "ul":
      case "ol": {
        const first = Number(node.start ?? 1);
        let n = Number.isSafeInteger(first) && first >= 0 ? first : 1;
        const items = node.children.map((item) =>
          hang(
            typeof item === "string"
              ? escapeText(item).trim()
              : blockMarkdown(item.tag === "li" ? item.children : [item], true),
            node.tag === "ul" ? "- " : `${n++}. `,
          ),
        );
        const list = items.filter((item) => item.trim() !== "-" && !/^\d+\. $/.test(item)).join("\n");
        if (list) blocks.push(list);
        break;
      }
    }
  }
  endParagraph();
  return blocks.filter(Boolean).join(tight ? "\n" : "\n\n");
}

/**
 * HTML from another blog as Picket's markdown: cleaned by the same allow-list first (scripts,
 * styles, images, event handlers and unsafe links are dropped), then written so that
 * `renderMarkdown` shows what the HTML showed. `lineBreaks`: the text's own newlines are line
 * and paragraph breaks, as WordPress shows its comments.
 */
export function markdownFromHtml(html: string, { lineBreaks = false } = {}): string {
  const source = lineBreaks
    ? `<p>${html
        .replace(/\r\n?/g, "\n")
        .trim()
        .replace(/\n\s*\n/g, "</p><p>")
        .replace(/\n/g, "<br>")}</p>`
    : html;
  return blockMarkdown(readCleanHtml(sanitizeHtml(source, IMPORTED_HTML))).trim();
}
