// The words a search found in a text: how well the text matches (to rank the best matches),
// and what a result shows of it, a short passage around those words, marked. Passages are made
// from the text a reader reads (never the writer's HTML), escaped, with <mark> the only
// markup. Words are matched as the indexes match them, by their stems (Porter's), so a search
// for "strike" finds and marks "striking" too. Pure rules: no server code.
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

/** Stems already worked out: a forum's words are some thousands, each stemmed once. */
const stemsKept = new Map<string, string>();
const MAX_STEMS_KEPT = 50_000;

/** A word as the indexes compare it: lower case, without accents, stemmed. */
export function stemOf(word: string): string {
  let stem = stemsKept.get(word);
  if (stem === undefined) {
    if (stemsKept.size >= MAX_STEMS_KEPT) stemsKept.clear();
    stem = stemmer(word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase());
    stemsKept.set(word, stem);
  }
  return stem;
}

/** The stems of the words a search looks for. */
export const stemsOf = (words: string[]) => new Set(words.flatMap(wordsOf).map(stemOf));

type Found = { start: number; end: number };

function wordsFound(text: string, stems: Set<string>): Found[] {
  const found: Found[] = [];
  if (stems.size === 0) return found;
  for (const match of text.matchAll(WORD))
    if (stems.has(stemOf(match[0]))) found.push({ start: match.index, end: match.index + match[0].length });
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

// ---------------------------------------------------------------------------------------------
// Ranking: BM25 over the matches being ranked (the newest few hundred), not the whole forum.

/** BM25's usual constants: how soon more of a word stops counting, and how much length weighs. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** A word in a post's title counts as this many in its text. */
const TITLE_WEIGHT = 4;

type Rankable = { title: string | null; text: string; at: number; id: number | bigint };

/**
 * Words that may have one of these stems: Porter's stems change no more than a word's last
 * letter or two, so a word with stem "strike" (striking) begins "strik". Only those words are
 * stemmed, not every word of every text ranked.
 */
function candidateWords(stems: Set<string>): RegExp {
  const starts = [...stems].map((stem) => (stem.length <= 3 ? stem : stem.slice(0, -1)).replace(/[^\p{L}\p{N}]/gu, ""));
  return new RegExp(
    `(?<![\\p{L}\\p{N}\\p{M}])(?:${starts.filter(Boolean).join("|") || "(?!)"})[\\p{L}\\p{N}\\p{M}]*`,
    "giu",
  );
}

/**
 * The items best matching the words of `stems` first (newest first among equals): BM25, with
 * each word's rarity taken among these items and length counted in characters. Costs what
 * their text is long, whatever the forum's size.
 */
export function rankByWords<T extends Rankable>(items: T[], stems: Set<string>): T[] {
  const finder = candidateWords(stems);
  const counted = items.map((item) => {
    const counts = new Map<string, number>();
    const count = (text: string, weight: number) => {
      for (const match of text.matchAll(finder)) {
        const stem = stemOf(match[0]);
        if (stems.has(stem)) counts.set(stem, (counts.get(stem) ?? 0) + weight);
      }
    };
    if (item.title) count(item.title, TITLE_WEIGHT);
    count(item.text, 1);
    return { item, counts, length: item.text.length + TITLE_WEIGHT * (item.title?.length ?? 0) };
  });
  const averageLength = counted.reduce((sum, c) => sum + c.length, 0) / Math.max(1, counted.length);
  const rarity = new Map<string, number>();
  for (const stem of stems) {
    const holding = counted.filter((c) => c.counts.has(stem)).length;
    rarity.set(stem, Math.log(1 + (counted.length - holding + 0.5) / (holding + 0.5)));
  }
  const scored = counted.map(({ item, counts, length }) => {
    let score = 0;
    for (const [stem, n] of counts) {
      const norm = 1 - BM25_B + (BM25_B * length) / (averageLength || 1);
      score += (rarity.get(stem)! * (n * (BM25_K1 + 1))) / (n + BM25_K1 * norm);
    }
    return { item, score };
  });
  scored.sort((a, b) => b.score - a.score || b.item.at - a.item.at || Number(b.item.id) - Number(a.item.id));
  return scored.map((s) => s.item);
}
