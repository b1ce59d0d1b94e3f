// A search as readers type it: words, "quoted phrases", -excluded words, OR between
// alternatives, and tag:name. Read here into terms made of letters and digits only, so what
// reaches the database is built from words and never from a reader's punctuation: any text is
// a search, and none is an error. No server code: pure rules, tested on their own.

/** Characters of a search that are read; the rest is ignored (and the reader told). */
export const MAX_QUERY_LENGTH = 1000;
/** Words and phrases (exclusions included) searched for at once: each costs the index a walk. */
export const MAX_TERMS = 12;
/** Words of one phrase that are kept. */
export const MAX_PHRASE_WORDS = 16;
/** Letters of one word that are kept: no word of a language is longer. */
export const MAX_WORD_LENGTH = 64;

/** A word, or a phrase: words that must stand together, in order. */
export type SearchTerm = { words: string[] };

export type SearchQuery = {
  /** Each must match: a term, or alternatives (`a OR b`) of which one must. */
  all: SearchTerm[][];
  /** None of these may match. */
  none: SearchTerm[];
  /** `tag:name`: only what carries this tag. */
  tag: string | null;
  /** Terms left out past MAX_TERMS, or text past MAX_QUERY_LENGTH. */
  shortened: boolean;
};

/** Runs of letters, digits and the marks on them: the words the indexes keep. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** A tag name as the glossary allows it. */
const TAG_FILTER = /^tag:([\p{L}\p{N}-]{1,60})$/iu;

/** The words of a piece of text, as the search indexes split it. */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((word) => [...word].slice(0, MAX_WORD_LENGTH).join(""));
}

type Piece = { kind: "term"; words: string[]; excluded: boolean } | { kind: "or" } | { kind: "tag"; name: string };

/** Splits a search into pieces: quoted phrases, -exclusions, OR, tag:name and words. */
function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (at >= text.length) break;
    let excluded = false;
    while (text[at] === "-" && at + 1 < text.length && !/\s/.test(text[at + 1])) {
      excluded = true;
      at++;
    }
    let raw: string;
    let quoted = false;
    if (text[at] === '"') {
      // An unclosed quote runs to the end.
      const close = text.indexOf('"', at + 1);
      raw = text.slice(at + 1, close < 0 ? text.length : close);
      at = close < 0 ? text.length : close + 1;
      quoted = true;
    } else {
      const start = at;
      while (at < text.length && !/\s/.test(text[at]) && text[at] !== '"') at++;
      raw = text.slice(start, at);
    }
    const tag = quoted || excluded ? null : TAG_FILTER.exec(raw);
    if (tag) pieces.push({ kind: "tag", name: tag[1] });
    else if (!quoted && !excluded && raw === "OR") pieces.push({ kind: "or" });
    else {
      const words = wordsOf(raw).slice(0, MAX_PHRASE_WORDS);
      if (words.length > 0) pieces.push({ kind: "term", words, excluded });
    }
  }
  return pieces;
}

/** Reads a search as typed. Never throws: odd text makes fewer terms, or none. */
export function parseSearch(text: string): SearchQuery {
  const query: SearchQuery = { all: [], none: [], tag: null, shortened: text.length > MAX_QUERY_LENGTH };
  let terms = 0;
  // Set by an OR that follows a term a later term may join as its alternative.
  let orPending = false;
  let lastWasIncluded = false;
  for (const piece of piecesOf(text.slice(0, MAX_QUERY_LENGTH))) {
    if (piece.kind === "tag") {
      query.tag = piece.name;
      continue;
    }
    if (piece.kind === "or") {
      orPending = lastWasIncluded;
      continue;
    }
    if (terms >= MAX_TERMS) {
      query.shortened = true;
      continue;
    }
    terms++;
    const term = { words: piece.words };
    if (piece.excluded) query.none.push(term);
    else if (orPending) query.all[query.all.length - 1].push(term);
    else query.all.push([term]);
    lastWasIncluded = !piece.excluded;
    orPending = false;
  }
  return query;
}

/** Whether a search has anything to look for (a search of exclusions only finds nothing). */
export const looksForSomething = (query: SearchQuery) => query.all.length > 0;

/** Every word a search looks for (not those it excludes): the words to highlight. */
export const wordsSought = (query: SearchQuery) => query.all.flat().flatMap((term) => term.words);

/** A term as a quoted phrase: FTS5's string syntax, whose only special character (") no word holds. */
const quoted = (term: SearchTerm) => `"${term.words.join(" ")}"`;

/**
 * The search as an FTS5 query: every word quoted, so nothing of it is read as FTS5 syntax. Null
 * when there is nothing to look for.
 */
export function fts5Query(query: SearchQuery): string | null {
  if (!looksForSomething(query)) return null;
  const all = query.all
    .map((alternatives) =>
      alternatives.length === 1 ? quoted(alternatives[0]) : `(${alternatives.map(quoted).join(" OR ")})`,
    )
    .join(" AND ");
  return query.none.length === 0 ? all : `(${all}) NOT (${query.none.map(quoted).join(" OR ")})`;
}
