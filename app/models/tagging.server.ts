// The glossary's matching rules, with no database: which text a tag's patterns match (acronyms
// case-sensitively as whole words, phrases in any case and inflection), and which patterns and
// names the glossary accepts. No pattern becomes a regular expression (decision 007).
import type { Token, Tokens } from "marked";
import { lexMarkdown } from "~/lib/markdown.server";

export const MAX_TAG_NAME_LENGTH = 40;
export const MAX_TAG_DESCRIPTION_LENGTH = 300;
export const MAX_PATTERN_LENGTH = 60;
export const MAX_PATTERNS_PER_TAG = 20;
/** A pattern needs at least this many letters or digits: one would match almost anything. */
export const MIN_PATTERN_CHARACTERS = 2;

/** Words too common to say anything about a post on their own. */
const COMMON_WORDS = new Set(
  "a an and are as at be but by do for from go he i if in is it me my no not of on or our so the their they this to up us was we were what who will with you".split(
    " ",
  ),
);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const TAG_NAME = /^[\p{L}\p{N}-]+$/u;
const PATTERN_CHARACTERS = /^[\p{L}\p{N}\p{M}\s-]+$/u;
/** Hyphens that join the parts of a compound ("walk-out"). */
const HYPHENS = new Set(["-", "\u2010", "\u2011"]);
/** Bare addresses in text: their words are not the writer's words. */
const BARE_URL = /\b(?:(?:https?|ftps?|file):\/\/|mailto:|www\.)[^\s<>]*/gi;
/** Between blocks (paragraphs, list items, cells) and in place of skipped text: phrases never match across it. */
const BREAK = "\n\n";

// ---------------------------------------------------------------------------------------------
// Validation

/** What is wrong with a tag name, or null. Names are stored as typed; duplicates are compared lower-cased. */
export function tagNameProblem(name: string): string | null {
  if (name.length === 0) return "Give the tag a name.";
  if ([...name].length > MAX_TAG_NAME_LENGTH)
    return `A tag name can be at most ${MAX_TAG_NAME_LENGTH} characters long.`;
  if (!TAG_NAME.test(name)) return "A tag name may contain only letters, digits and hyphens (-), with no spaces.";
  if (!/[\p{L}\p{N}]/u.test(name)) return "A tag name needs at least one letter or digit.";
  return null;
}

/**
 * A pattern is an acronym (TR, CRC, MoJ) when it is one word with a capital letter after its first
 * character: it matches case-sensitively, as a whole word, with a plural "s" or a possessive.
 */
export function isAcronym(pattern: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(pattern) && /\p{Lu}/u.test(pattern.slice(1));
}

/** What is wrong with one pattern (already trimmed), or null. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length === 0) return "A pattern cannot be empty.";
  if ([...pattern].length > MAX_PATTERN_LENGTH)
    return `A pattern can be at most ${MAX_PATTERN_LENGTH} characters long: “${pattern.slice(0, 20)}…” is longer.`;
  if (!/[\p{L}\p{N}]/u.test(pattern)) return `A pattern needs letters or digits: “${pattern}” has none.`;
  if (!PATTERN_CHARACTERS.test(pattern))
    return `A pattern may contain only letters, digits, spaces and hyphens (no wildcards or other punctuation): “${pattern}”.`;
  if ((pattern.match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_PATTERN_CHARACTERS)
    return `“${pattern}” is a single letter or digit and would match almost everything.`;
  const words = wordsOf(pattern);
  if (words.every((w) => COMMON_WORDS.has(w.toLowerCase())))
    return `“${pattern}” is too common to tag by: it would match almost everything.`;
  return null;
}

/**
 * The patterns typed in a form, one per line: trimmed, blank lines dropped, repeats dropped.
 * Returns the patterns or the first problem.
 */
export function parsePatternLines(text: string): { patterns: string[]; problem: string | null } {
  const patterns: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const pattern = line.trim().replace(/\s+/g, " ");
    if (pattern === "") continue;
    const problem = patternProblem(pattern);
    if (problem) return { patterns: [], problem };
    const key = isAcronym(pattern) ? pattern : pattern.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    patterns.push(pattern);
  }
  if (patterns.length > MAX_PATTERNS_PER_TAG)
    return {
      patterns: [],
      problem: `A tag can have at most ${MAX_PATTERNS_PER_TAG} patterns (this one has ${patterns.length}).`,
    };
  return { patterns, problem: null };
}

/** The patterns stored with a tag (a JSON array of strings); anything malformed is dropped. */
export function storedPatterns(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === "string") : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// From markdown to the words a reader reads

// The renderer's own lexer, with its limits on nesting and scanning: an unlimited one took
// seconds on hostile texts (docs/decisions/008-web-security.md).

function isAutolink(token: Tokens.Link): boolean {
  const text = token.text.trim();
  return (
    text === token.href ||
    token.href === `mailto:${text}` ||
    token.href === `http://${text}` ||
    /^(?:(?:https?|ftps?|file):\/\/|mailto:|www\.)\S*$/i.test(text)
  );
}

/**
 * The text of a markdown document as a reader reads it, blocks separated by blank lines.
 * Code, inline code, raw HTML, link and image targets and bare URLs are left out; link text
 * and image descriptions are kept.
 */
export function readableText(markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: Token[] | undefined) => {
    for (const token of tokens ?? []) visit(token);
  };
  const visit = (token: Token) => {
    switch (token.type) {
      case "code":
      case "codespan":
      case "html":
      case "space":
      case "hr":
      case "def":
        out.push(BREAK);
        return;
      case "br":
        out.push("\n");
        return;
      case "link":
        if (isAutolink(token as Tokens.Link)) out.push(BREAK);
        else walk((token as Tokens.Link).tokens);
        return;
      case "image":
        out.push(" ", (token as Tokens.Image).text, " ");
        return;
      case "list":
        for (const item of (token as Tokens.List).items) {
          out.push(BREAK);
          walk(item.tokens);
        }
        out.push(BREAK);
        return;
      case "table": {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) {
          out.push(BREAK);
          walk(cell.tokens);
        }
        out.push(BREAK);
        return;
      }
      case "paragraph":
      case "heading":
      case "blockquote":
        out.push(BREAK);
        walk((token as Tokens.Paragraph).tokens);
        out.push(BREAK);
        return;
      default: {
        const nested = (token as { tokens?: Token[] }).tokens;
        if (nested) walk(nested);
        else if ("text" in token && typeof token.text === "string") out.push(token.text);
      }
    }
  };
  try {
    walk(lexMarkdown(markdown));
  } catch {
    // marked recurses on nested blocks and can run out of stack on a hostile text (thousands
    // of ">"): then the words are read from the raw text rather than not at all.
    return markdown.replace(BARE_URL, BREAK);
  }
  return out.join("").replace(BARE_URL, BREAK);
}

// ---------------------------------------------------------------------------------------------
// Words

/** A word of the text; `joined` says that only spaces or one hyphen separate it from the previous word. */
export type TextWord = { text: string; lower: string; joined: boolean };

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Cuts text into words (runs of letters and digits). Apostrophes end a word: "TR's" is "TR" and "s". */
export function tokenize(text: string): TextWord[] {
  const words: TextWord[] = [];
  let end = 0;
  const normal = text.normalize("NFC");
  for (const match of normal.matchAll(WORD)) {
    words.push({
      text: match[0],
      lower: match[0].toLowerCase(),
      joined: words.length > 0 && isSoftGap(normal.slice(end, match.index)),
    });
    end = match.index + match[0].length;
  }
  return words;
}

/** Spaces (within one block) and at most one hyphen: what may separate the words of a phrase. */
function isSoftGap(gap: string): boolean {
  let hyphens = 0;
  let newlines = 0;
  for (const ch of gap) {
    if (HYPHENS.has(ch)) hyphens++;
    else if (ch === "\n") newlines++;
    else if (!/\s/u.test(ch)) return false;
    if (hyphens > 1 || newlines > 1) return false;
  }
  return true;
}

const DOUBLED = /([b-df-hj-km-np-rt-vx-y])\1$/;

/**
 * A light English stem: enough for a glossary to match "strikes", "striking" and "balloted"
 * from "strike" and "ballot" without a dictionary. Both the pattern's and the text's words go
 * through it, so it only has to map the forms of one word together.
 */
export function stem(lowerWord: string): string {
  let w = lowerWord;
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (/(?:ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length >= 6) w = w.slice(0, -3).replace(DOUBLED, "$1");
  else if (w.endsWith("ed") && w.length >= 5) w = w.slice(0, -2).replace(DOUBLED, "$1");
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith("y") && w.length > 3) w = w.slice(0, -1) + "i";
  return w;
}

// ---------------------------------------------------------------------------------------------
// The compiled glossary

/** A phrase as words: every word but the last compared as written (lower-cased), the last by stem. */
type PhraseForm = { tagId: number; words: string[]; lastStem: string };

export type CompiledGlossary = {
  /** Acronym (and acronym + "s") → tags, compared exactly. */
  acronyms: Map<string, number[]>;
  /** One-word phrases: stem → tags. */
  singleWords: Map<string, number[]>;
  /** Longer phrases by their first word (lower-cased). */
  phrasesByFirstWord: Map<string, PhraseForm[]>;
  size: number;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookup tables for a glossary. Patterns that fail validation are ignored. */
export function compileGlossary(tags: { id: number; patterns: string[] }[]): CompiledGlossary {
  const compiled: CompiledGlossary = {
    acronyms: new Map(),
    singleWords: new Map(),
    phrasesByFirstWord: new Map(),
    size: 0,
  };
  for (const tag of tags) {
    for (const raw of tag.patterns) {
      const pattern = raw.trim().replace(/\s+/g, " ");
      if (patternProblem(pattern)) continue;
      compiled.size++;
      if (isAcronym(pattern)) {
        push(compiled.acronyms, pattern, tag.id);
        push(compiled.acronyms, `${pattern}s`, tag.id);
        continue;
      }
      const words = wordsOf(pattern.normalize("NFC").toLowerCase());
      const forms = [words];
      // "walk-out" also matches "walkout": the hyphenated parts as one word.
      if (words.length > 1 && pattern.includes("-")) forms.push([words.join("")]);
      for (const form of forms) {
        if (form.length === 1) push(compiled.singleWords, stem(form[0]), tag.id);
        else
          push(compiled.phrasesByFirstWord, form[0], {
            tagId: tag.id,
            words: form,
            lastStem: stem(form[form.length - 1]),
          });
      }
    }
  }
  return compiled;
}

/** The word at `i` alone, and joined with the next one when only a space or hyphen separates them. */
function unitsAt(words: TextWord[], i: number): { lower: string; length: 1 | 2 }[] {
  const units: { lower: string; length: 1 | 2 }[] = [{ lower: words[i].lower, length: 1 }];
  if (i + 1 < words.length && words[i + 1].joined)
    units.push({ lower: words[i].lower + words[i + 1].lower, length: 2 });
  return units;
}

/** Does the phrase's word `w` and everything after it match from text word `i` on? */
function phraseMatchesFrom(form: PhraseForm, w: number, words: TextWord[], i: number): boolean {
  // Each step consumes one or two text words; at most one of the two can equal a given word
  // (a word cannot equal itself plus more), so this walks forward without backtracking.
  for (; w < form.words.length; w++) {
    if (i >= words.length || !words[i].joined) return false;
    const last = w === form.words.length - 1;
    const unit = unitsAt(words, i).find((u) => (last ? stem(u.lower) === form.lastStem : u.lower === form.words[w]));
    if (!unit) return false;
    i += unit.length;
  }
  return true;
}

/**
 * The tags whose patterns occur in a markdown text.
 *
 * O(words × glossary phrases sharing a first word), whatever the text: a few hash lookups a
 * word, and nothing backtracks.
 */
export function matchTags(glossary: CompiledGlossary, markdown: string): Set<number> {
  const found = new Set<number>();
  if (glossary.size === 0 || markdown.trim() === "") return found;
  const words = tokenize(readableText(markdown));
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const exact = glossary.acronyms.get(word.text);
    if (exact) for (const id of exact) found.add(id);
    for (const unit of unitsAt(words, i)) {
      const single = glossary.singleWords.get(stem(unit.lower));
      if (single) for (const id of single) found.add(id);
      for (const form of glossary.phrasesByFirstWord.get(unit.lower) ?? []) {
        if (!found.has(form.tagId) && phraseMatchesFrom(form, 1, words, i + unit.length)) found.add(form.tagId);
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The starting glossary

/** The glossary a probation union's forum starts with. */
export const DEFAULT_GLOSSARY: { name: string; description: string; patterns: string[] }[] = [
  {
    name: "TR",
    description:
      "Transforming Rehabilitation: the 2014 programme that split probation and sold most of it to private companies.",
    patterns: ["TR", "Transforming Rehabilitation"],
  },
  {
    name: "CRC",
    description:
      "Community Rehabilitation Company: the private companies that took over low and medium-risk cases under TR.",
    patterns: ["CRC", "Community Rehabilitation Company"],
  },
  {
    name: "NPS",
    description:
      "National Probation Service: the public service left with high-risk cases and court work after the split.",
    patterns: ["NPS", "National Probation Service"],
  },
  {
    name: "strike",
    description: "Strike and other industrial action: walkouts, action short of a strike, strike days.",
    patterns: ["strike", "industrial action", "walkout", "walk-out"],
  },
  { name: "ballot", description: "Ballots of members on industrial action or on an offer.", patterns: ["ballot"] },
  {
    name: "MoJ",
    description: "Ministry of Justice: the government department responsible for probation.",
    patterns: ["MoJ", "MOJ", "Ministry of Justice"],
  },
  {
    name: "Napo",
    description: "Napo: the trade union and professional association for probation and family court staff.",
    patterns: ["Napo"],
  },
  {
    name: "probation-institute",
    description: "The Probation Institute: the independent professional body for probation practitioners.",
    patterns: ["Probation Institute"],
  },
  {
    name: "SFO",
    description:
      "Serious Further Offence: a serious crime committed by someone under supervision, and the review that follows.",
    patterns: ["SFO", "serious further offence"],
  },
  { name: "picket", description: "Picket lines: where, when, and how to join one.", patterns: ["picket"] },
];
