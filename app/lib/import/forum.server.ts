// The one shape every import format is read into: posts, and comments naming their post and
// the comment they answer by the source's own ids. Nothing that could unmask a writer (an
// address, an email, a profile link) is part of it, so no reader can carry one further.
import { Parser } from "htmlparser2";

/** The formats `npm run import` reads. */
export const IMPORT_FORMATS = ["blogger", "wordpress", "disqus", "picket"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A text as the source gives it: HTML to be cleaned, or Picket's own markdown. */
export type SourceText = { html: string; lineBreaks?: boolean } | { markdown: string };

/** Why an item of the source is left out; counted and reported. */
export type SkipReason =
  "spam" | "deleted" | "unpublished" | "pingback or trackback" | "not a post" | "no date" | "post not found";

/**
 * A post of the source. `sourceId` is unique within its format (prefixed by the blog where the
 * source's ids are only unique per blog). `addresses`: its old paths, for redirects.
 * `findByAddress`: the source only names the post by its address (a Disqus thread), so a post
 * already imported with that address takes its comments.
 */
export type SourcePost = {
  sourceId: string;
  title: string;
  text: SourceText;
  /** The name it was signed with; null for none (shown as Anonymous). */
  author: string | null;
  publishedAt: Date;
  addresses: string[];
  slug?: string;
  commentsOpen?: boolean;
  findByAddress?: boolean;
  /** Tag names it carried (Picket's own export); others are tagged by the glossary alone. */
  tags?: string[];
};

/**
 * A comment of the source. `parentId` names the comment it answers (null at the top level).
 * `skip`: left out for this reason; it is still read, so that its replies can keep their
 * place under a tombstone. `gone`: a tombstone in the source itself (Picket's export).
 */
export type SourceComment = {
  sourceId: string;
  postId: string;
  parentId: string | null;
  text: SourceText;
  /** The name it was signed with; null when anonymous. */
  author: string | null;
  /** An anonymous writer's poster tag in its thread, when the source gives one (Picket's export). */
  posterTag?: string | null;
  createdAt: Date;
  editedAt?: Date | null;
  skip?: SkipReason;
  gone?: "deleted" | "removed";
};

/** A public moderation log entry (Picket's export). */
export type SourceLogEntry = {
  action: string;
  postId: string | null;
  commentId: string | null;
  reason: string | null;
  at: Date;
};

export type SourceTag = { name: string; description: string; patterns: string[] };

export type SourceForum = {
  format: ImportFormat;
  posts: SourcePost[];
  comments: SourceComment[];
  /** Items left out before they could be read as posts or comments, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  tags?: SourceTag[];
  log?: SourceLogEntry[];
};

/** A file that cannot be read as the format it was given as. */
export class ImportFileError extends Error {}

/** Counts one more item skipped for `reason`. */
export function skip(skipped: SourceForum["skipped"], reason: SkipReason) {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

/** An element being read: its attributes and children so far, and its text. */
type OpenElement = { name: string; node: Record<string, unknown>; text: string[]; empty: boolean };

/**
 * Reads an XML export into plain objects: an element with only text becomes its text (trimmed);
 * any other an object of its attributes ("@name"), its children by name and its text ("#text").
 * Elements named in `lists` are always lists; others become one when they repeat. One pass of a
 * streaming tokenizer, so a 100 MB export reads in seconds. A file cut short, or declaring its
 * own entities (no export does; they can expand without bound), is refused.
 */
export function parseXml(text: string, lists: string[]): Record<string, unknown> {
  if (/<!ENTITY/i.test(text.slice(0, 10_000)))
    throw new ImportFileError("The file declares XML entities; exports never do.");
  const many = new Set(lists);
  const root: OpenElement = { name: "", node: {}, text: [], empty: true };
  const stack: OpenElement[] = [root];
  let unclosed = null as string | null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const node: Record<string, unknown> = {};
        for (const key in attributes) node[`@${key}`] = attributes[key];
        stack.push({ name, node, text: [], empty: Object.keys(node).length === 0 });
      },
      ontext(part) {
        stack[stack.length - 1].text.push(part);
      },
      onclosetag(name, isImplied) {
        // Closed by the tokenizer, not by the file: fine for <empty/>, not for a tag never closed.
        const selfClosing = text.charCodeAt(parser.endIndex) === 62 && text.charCodeAt(parser.endIndex - 1) === 47;
        if (isImplied && !selfClosing) unclosed ??= name;
        const element = stack.pop()!;
        const parent = stack[stack.length - 1];
        const own = element.text.join("").trim();
        let value: unknown = element.node;
        if (element.empty) value = own;
        else if (own) element.node["#text"] = own;
        parent.empty = false;
        const before = parent.node[name];
        if (many.has(name)) ((parent.node[name] ??= []) as unknown[]).push(value);
        else if (before === undefined) parent.node[name] = value;
        else parent.node[name] = Array.isArray(before) ? [...(before as unknown[]), value] : [before, value];
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  // The tokenizer closes what a file cut short left open: such a file is not a whole export.
  if (unclosed !== null) throw new ImportFileError(`The file is not well-formed XML: <${unclosed}> is never closed.`);
  return root.node;
}

/** An element's text, whatever the parser made of it (a string, or an object with attributes and #text). */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "object") return textOf((value as Record<string, unknown>)["#text"]);
  return "";
}

/** An element's attribute. */
export function attributeOf(value: unknown, name: string): string {
  if (Array.isArray(value)) return attributeOf(value[0], name);
  if (value && typeof value === "object") return textOf((value as Record<string, unknown>)[`@${name}`]);
  return "";
}

/** A list of elements (the parser gives one element as an object unless listed). */
export function listOf(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null || value === "") return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (item): item is Record<string, unknown> => typeof item === "object" && item !== null,
  );
}

/** Names blogs give writers who signed with none. */
const NO_NAMES = new Set(["", "anonymous", "anon", "unknown", "guest"]);

/** The name a writer signed with, or null when they signed with none. */
export function signedName(name: string): string | null {
  const trimmed = name.trim();
  return NO_NAMES.has(trimmed.toLowerCase()) ? null : trimmed;
}

/** A date the source wrote, or null when it wrote none a computer can read. */
export function dateOf(text: string): Date | null {
  if (!text.trim()) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The path of an old address, as a request for it arrives here: "/2019/03/ballot.html",
 * "/?p=12"; WordPress's trailing slash dropped, so both spellings find it. Null for nothing.
 */
export function oldPath(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim(), "http://old.invalid");
  } catch {
    return null;
  }
  const p = url.searchParams.get("p");
  if (url.pathname === "/" && p && /^\d{1,12}$/.test(p)) return `/?p=${p}`;
  const path = url.pathname.replace(/\/+$/, "");
  return path === "" ? null : path;
}
