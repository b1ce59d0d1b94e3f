// How a search as typed is read, what reaches FTS5, and what a result shows of a text.
import Database from "better-sqlite3";
import naughtyStrings from "big-list-of-naughty-strings";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlighted, highlightedExcerpt, rankByWords, stemsOf } from "~/models/search-excerpt";
import { MAX_TERMS, fts5Query, parseSearch, wordsSought } from "~/models/search-query";
import { voiceFilterOf } from "~/models/voices.server";

const terms = (text: string) => {
  const q = parseSearch(text);
  return {
    all: q.all.map((alternatives) => alternatives.map((t) => t.words.join(" "))),
    none: q.none.map((t) => t.words.join(" ")),
    tag: q.tag,
  };
};

describe("reading a search", () => {
  it("reads words, quoted phrases, exclusions, OR and tag:name as people type them", () => {
    expect(terms('ballot "turnout figures" -Leeds tag:strike')).toEqual({
      all: [["ballot"], ["turnout figures"]],
      none: ["Leeds"],
      tag: "strike",
    });
    expect(terms("ballot OR vote result")).toEqual({ all: [["ballot", "vote"], ["result"]], none: [], tag: null });
    expect(terms('-"in Leeds" picket')).toEqual({ all: [["picket"]], none: ["in Leeds"], tag: null });
  });

  it("makes odd text fewer terms, never an error: unbalanced quotes, lone operators, punctuation", () => {
    expect(terms('"ballot result')).toEqual({ all: [["ballot result"]], none: [], tag: null });
    expect(terms('" " - OR -- OR')).toEqual({ all: [], none: [], tag: null });
    expect(terms("OR ballot OR")).toEqual({ all: [["ballot"]], none: [], tag: null });
    expect(terms("TR's high-risk ??? ;DROP TABLE")).toEqual({
      all: [["TR s"], ["high risk"], ["DROP"], ["TABLE"]],
      none: [],
      tag: null,
    });
    expect(terms("or and not near")).toEqual({ all: [["or"], ["and"], ["not"], ["near"]], none: [], tag: null });
  });

  it("looks for at most MAX_TERMS words, and says so", () => {
    const q = parseSearch(Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "));
    expect(q.all.length).toBe(MAX_TERMS);
    expect(q.shortened).toBe(true);
    expect(parseSearch("a".repeat(1001)).shortened).toBe(true);
    expect(parseSearch("ballot").shortened).toBe(false);
  });

  it("highlights the words looked for, not those left out", () => {
    expect(wordsSought(parseSearch('strike "ballot result" -leeds'))).toEqual(["strike", "ballot", "result"]);
  });
});

describe("the FTS5 query", () => {
  it("quotes every word, so nothing a reader types is FTS5 syntax", () => {
    expect(fts5Query(parseSearch('ballot OR vote "NEAR(a b)" -x* tag:strike'))).toBe(
      '(("ballot" OR "vote") AND "NEAR a b") NOT ("x")',
    );
    expect(fts5Query(parseSearch("-only"))).toBeNull();
  });

  it("is a query FTS5 runs for any text: the naughty-strings list and random text", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec(
      `CREATE VIRTUAL TABLE t USING fts5(body, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2')`,
    );
    sqlite.prepare("INSERT INTO t (rowid, body) VALUES (1, ?)").run("The TR ballot was striking");
    const run = sqlite.prepare("SELECT rowid FROM t WHERE t MATCH ?");
    const check = (text: string) => {
      const match = fts5Query(parseSearch(text));
      if (match !== null) run.all(match);
    };
    for (const text of naughtyStrings) check(text);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => check(text)),
      { numRuns: 500 },
    );
    expect(run.all(fts5Query(parseSearch("strike tr"))!)).toEqual([{ rowid: 1 }]);
  }, 60_000);
});

describe("excerpts", () => {
  const stems = (...words: string[]) => stemsOf(words);

  it("marks the words found in their other forms, and escapes the text", () => {
    expect(highlighted("Striking <b>strikes</b> & the striker", stems("strike"))).toBe(
      "<mark>Striking</mark> &lt;b&gt;<mark>strikes</mark>&lt;/b&gt; &amp; the striker",
    );
    expect(highlighted("TR and trust, NPS and MoJ", stems("tr", "nps", "moj"))).toBe(
      "<mark>TR</mark> and trust, <mark>NPS</mark> and <mark>MoJ</mark>",
    );
  });

  it("shows the passage with the most words found, cut at spaces, with … where the text goes on", () => {
    const text = `${"Opening words that say nothing much. ".repeat(10)}Here the ballot result is in, the ballot closed. ${"More after. ".repeat(30)}`;
    const excerpt = highlightedExcerpt(text, stems("ballot"), 120);
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt).toContain("<mark>ballot</mark> result is in, the <mark>ballot</mark> closed.");
    expect(excerpt.replace(/<\/?mark>/g, "").length).toBeLessThanOrEqual(122);
    expect(highlightedExcerpt("Short text.", stems("absent"))).toBe("Short text.");
    expect(highlightedExcerpt("Nothing found in a long text. ".repeat(20), stems("absent"), 60)).toMatch(
      /^Nothing[^…]*…$/,
    );
  });

  it("never carries markup but <mark>, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 20 }), (text, word) => {
        const html = highlightedExcerpt(text, stems(word, "a"));
        expect(html.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe("ranking the best matches", () => {
  const item = (id: number, text: string, title: string | null = null, at = 0) => ({ id, text, title, at });

  it("puts first what holds more of the words, and of the rarer word, in its title above all", () => {
    const ranked = rankByWords(
      [
        item(1, "A strike, and a word about the ballot."),
        item(2, "Striking, strikes, strike: the strike ballot is all anyone talks of."),
        item(3, "Nothing but the ballot here, the ballot again."),
        item(4, "The branch met.", "Strike news"),
      ],
      stemsOf(["strike"]),
    );
    expect(ranked.map((r) => r.id)).toEqual([4, 2, 1, 3]);
  });

  it("takes the newest first among equals", () => {
    const ranked = rankByWords([item(1, "TR again", null, 10), item(2, "TR again", null, 20)], stemsOf(["TR"]));
    expect(ranked.map((r) => r.id)).toEqual([2, 1]);
  });
});

describe("searching by voice", () => {
  it("reads a voice as pages show it", () => {
    expect(voiceFilterOf("Anonymous ·7F3A")).toEqual({ anonymous: true, displayName: null, voiceCode: "7F3A" });
    expect(voiceFilterOf("anonymous")).toEqual({ anonymous: true, displayName: null, voiceCode: null });
    expect(voiceFilterOf(" Grumpy  PO ◆K2M9XQ4T ")).toEqual({
      anonymous: false,
      displayName: "Grumpy PO",
      voiceCode: "K2M9XQ4T",
    });
    expect(voiceFilterOf("◆K2M9XQ4T")).toEqual({ anonymous: false, displayName: null, voiceCode: "K2M9XQ4T" });
    expect(voiceFilterOf("rosa")).toEqual({ anonymous: false, displayName: "rosa", voiceCode: null });
  });

  it("refuses a secret, so that none ends up in an address", () => {
    expect(() => voiceFilterOf("Grumpy PO#hunter2")).toThrow(/never by its secret/);
  });
});
