// What a search result shows of a text: a short passage around the words found, those words
// marked. Made from the text a reader reads (never the writer's HTML), escaped, with <mark>
// the only markup. Words are matched as the indexes match them, by their stems (Porter's), so
// a search for "strike" marks "striking" too. Pure rules: no server code.
import { stemmer } from "stemmer";
import { wordsOf } from "./search-query";

/** Characters of text an excerpt shows, about. */
export const EXCERPT_CHARS = 240;
/** Text looked through for the words: a post may be 100,000 characters; the passage is near its start. */
const EXCERPT_SCAN_CHARS = 20_000;
/** Characters shown before the first word found, for its context. */
const LEAD_CHARS = 60;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A word as the indexes compare it: lower case, without accents, stemmed. */
export function stemOf(word: string): string {
  return stemmer(word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase());
}

/** The stems of the words a search looks for. */
export const stemsOf = (words: string[]) => new Set(words.flatMap(wordsOf).map(stemOf));

type Found = { start: number; end: number };

function wordsFound(text: string, stems: Set<string>): Found[] {
  const found: Found[] = [];
  if (stems.size === 0) return found;
  const seen = new Map<string, boolean>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    let hit = seen.get(word);
    if (hit === undefined) seen.set(word, (hit = stems.has(stemOf(word))));
    if (hit) found.push({ start: match.index, end: match.index + word.length });
  }
  return found;
}

/** `text` from `start` to `end`, escaped, with the words found in it marked. */
function marked(text: string, start: number, end: number, found: Found[]): string {
  let html = "";
  let at = start;
  for (const word of found) {
    if (word.start < start || word.end > end) continue;
    html += `${escapeHtml(text.slice(at, word.start))}<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    at = word.end;
  }
  return html + escapeHtml(text.slice(at, end));
}

/** A whole short text (a title), escaped, the words of `stems` marked. */
export function highlighted(text: string, stems: Set<string>): string {
  return marked(text, 0, text.length, wordsFound(text, stems));
}

/**
 * A passage of `text` of about EXCERPT_CHARS characters, escaped, where the most words of
 * `stems` are, marked; the opening when none is found. "…" where the text goes on.
 */
export function highlightedExcerpt(text: string, stems: Set<string>, length = EXCERPT_CHARS): string {
  const scanned = text.slice(0, EXCERPT_SCAN_CHARS);
  const found = wordsFound(scanned, stems);
  // The window that holds the most words found, starting a little before one of them.
  let anchor = -1;
  let best = 0;
  for (let i = 0, j = 0; i < found.length; i++) {
    const from = Math.max(0, found[i].start - LEAD_CHARS);
    while (j < found.length && found[j].end <= from + length) j++;
    if (j - i > best) [best, anchor] = [j - i, i];
  }
  let start = anchor < 0 ? 0 : Math.max(0, found[anchor].start - LEAD_CHARS);
  // Cut at spaces, so that no word is cut in two.
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < found[anchor].start ? space + 1 : found[anchor].start;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  return `${start > 0 ? "…" : ""}${marked(text, start, end, found)}${end < text.length ? "…" : ""}`;
}
