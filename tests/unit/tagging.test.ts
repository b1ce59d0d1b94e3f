// The glossary's matching rules with the starting glossary: acronyms by exact case as whole
// words, phrases by any case with simple inflection, and nothing inside code, links' targets
// or bare URLs. Then what the glossary accepts as a pattern or a tag name.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_GLOSSARY,
  MAX_PATTERNS_PER_TAG,
  compileGlossary,
  isAcronym,
  matchTags,
  parsePatternLines,
  patternProblem,
  readableText,
  stem,
  tagNameProblem,
} from "~/models/tagging.server";

const glossary = compileGlossary(DEFAULT_GLOSSARY.map((tag, i) => ({ id: i + 1, patterns: tag.patterns })));
const nameOf = (id: number) => DEFAULT_GLOSSARY[id - 1].name;
const tagsOf = (markdown: string) => [...matchTags(glossary, markdown)].map(nameOf).sort();

type Case = [text: string, must: string[], mustNot: string[]];

const CASES: Case[] = [
  // Acronyms: exact case, whole words, plurals and possessives.
  ["TR split the service in two.", ["TR"], []],
  ["Since TR's arrival caseloads doubled.", ["TR"], []],
  ["Since TR’s arrival caseloads doubled.", ["TR"], []],
  ["Trust me, it was better before.", [], ["TR"]],
  ["The trust board met; travel costs were cut; a tram strike followed.", ["strike"], ["TR"]],
  ["TRUST NO ONE", [], ["TR"]],
  ["Tr and tr are not the programme.", [], ["TR"]],
  ["The CRCs were paid by results.", ["CRC"], []],
  ["The CRC's contract ends in June.", ["CRC"], []],
  ["crc in lower case is just letters", [], ["CRC"]],
  ["Staff moved to the NPS's court teams.", ["NPS"], []],
  ["NPSO is not a word we use", [], ["NPS"]],
  ["Letters from the MoJ arrived; the MOJ never answered.", ["MoJ"], []],
  ["mojo is not a ministry", [], ["MoJ"]],
  ["Every SFO review is published.", ["SFO"], []],
  ["Two SFOs this year.", ["SFO"], []],
  ["A serious further offence review was ordered.", ["SFO"], []],
  ["The CRC-run hostel closed.", ["CRC"], []],
  // Phrases: any case, simple inflection.
  ["We strike on Monday.", ["strike"], []],
  ["Strikes are planned across the region.", ["strike"], []],
  ["Striking workers gathered at nine.", ["strike"], []],
  ["STRIKE CALLED", ["strike"], []],
  ["The members are striking for pay.", ["strike"], []],
  ["The striker scored twice.", [], ["strike"]],
  ["They voted for industrial action.", ["strike"], []],
  ["Industrial\naction across a line break still counts.", ["strike"], []],
  ["Industrial.\n\nAction in a new paragraph does not join.", [], ["strike"]],
  ["A walk-out at the office.", ["strike"], []],
  ["A walkout at the office.", ["strike"], []],
  ["Staff walk out at noon.", ["strike"], []],
  ["Three walkouts so far.", ["strike"], []],
  ["We took a long walk outside.", [], ["strike"]],
  ["The ballot closes Friday.", ["ballot"], []],
  ["Members were balloted last spring.", ["ballot"], []],
  ["Balloting opens today; two ballots are running.", ["ballot"], []],
  ["The ball lot was sold.", [], ["ballot"]],
  ["Join the picket at seven.", ["picket"], []],
  ["Pickets, picketing and a picketed office.", ["picket"], []],
  ["Napo says no; NAPO agrees; napo members vote.", ["Napo"], []],
  ["Napoleon lost at Waterloo.", [], ["Napo"]],
  ["The Probation Institute's register opens.", ["probation-institute"], []],
  ["Probation is an institute of its own.", [], ["probation-institute"]],
  ["Transforming Rehabilitation was a failure.", ["TR"], []],
  ["The Community Rehabilitation Companies lost money.", ["CRC"], []],
  ["The National Probation Service took them back.", ["NPS"], []],
  // Markdown: emphasis counts, code and addresses do not.
  ["We are on **strike**.", ["strike"], []],
  ["A *ballot* of _all_ members.", ["ballot"], []],
  ["See https://example.org/strike-news for details.", [], ["strike"]],
  ["See www.example.org/ballot for details.", [], ["ballot"]],
  ["[the report](https://example.org/CRC)", [], ["CRC"]],
  ["[the CRC report](https://example.org/x)", ["CRC"], []],
  ["<https://example.org/NPS>", [], ["NPS"]],
  ["Type `CRC strike` in the box.", [], ["CRC", "strike"]],
  ["```\nCRC strike ballot\n```\n\nNothing else.", [], ["CRC", "strike", "ballot"]],
  ["    indented code: NPS ballot", [], ["NPS", "ballot"]],
  ["<span>raw html</span> then TR", ["TR"], []],
  ["> quoted: the MoJ said no", ["MoJ"], []],
  ["- first item\n- second item about the ballot", ["ballot"], []],
  ["| who | what |\n|---|---|\n| NPS | picket |", ["NPS", "picket"], []],
  ["# Strike news", ["strike"], []],
  [
    "Nothing to see here.",
    [],
    ["TR", "CRC", "NPS", "strike", "ballot", "MoJ", "Napo", "probation-institute", "SFO", "picket"],
  ],
];

describe("matchTags with the starting glossary", () => {
  it("has a table of at least 40 sentences", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  for (const [text, must, mustNot] of CASES) {
    it(`${JSON.stringify(text)} → ${must.length ? must.join(", ") : "nothing"}${mustNot.length ? `, not ${mustNot.join(", ")}` : ""}`, () => {
      const found = tagsOf(text);
      for (const name of must) expect(found, `${name} should match`).toContain(name);
      for (const name of mustNot) expect(found, `${name} should not match`).not.toContain(name);
    });
  }

  it("matches nothing with an empty glossary", () => {
    expect(matchTags(compileGlossary([]), "TR CRC strike").size).toBe(0);
  });

  it("reads a long hostile text (200,000 characters) in one pass", () => {
    const chunks = [
      "walk walk-out industrial industrial action ",
      "TR TRUST tr's CRCs ",
      "https://x.org/strike-",
      "**strike** `code` ",
      "ballo ballot balloting pick picket ",
      "a-b-c-d-e-f-g ",
    ];
    let text = "";
    for (let i = 0; text.length < 200_000; i++) text += chunks[i % chunks.length];
    const found = tagsOf(text);
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    expect(found).toEqual(["CRC", "TR", "ballot", "picket", "strike"].sort());
    // One long word and thousands of nested quotes finish as well (marked gives up on the latter; the words are still read).
    expect(tagsOf("x".repeat(200_000))).toEqual([]);
    expect(tagsOf(`${"> ".repeat(5_000)}the NPS`)).toEqual(["NPS"]);
  });
});

describe("the text that counts", () => {
  it("keeps link text and drops link targets, code and bare URLs", () => {
    const text = readableText("Read [the CRC report](https://x.org/NPS) at https://y.org/TR and `MoJ`.");
    expect(text).toContain("the CRC report");
    expect(text).not.toContain("NPS");
    expect(text).not.toContain("TR");
    expect(text).not.toContain("MoJ");
  });

  it("stems a word's simple forms together", () => {
    for (const [a, b] of [
      ["strike", "strikes"],
      ["strike", "striking"],
      ["ballot", "balloted"],
      ["ballot", "balloting"],
      ["picket", "picketing"],
      ["company", "companies"],
    ])
      expect(stem(a)).toBe(stem(b));
    expect(stem("strike")).not.toBe(stem("striker"));
    expect(stem("strike")).not.toBe(stem("struck"));
  });
});

describe("patterns the glossary accepts", () => {
  it("tells acronyms from phrases", () => {
    for (const p of ["TR", "CRC", "MoJ", "G4S", "NPS"]) expect(isAcronym(p), p).toBe(true);
    for (const p of ["strike", "Napo", "Probation Institute", "walk-out", "TR reforms"])
      expect(isAcronym(p), p).toBe(false);
  });

  it("accepts ordinary acronyms and phrases", () => {
    for (const p of [
      "TR",
      "MoJ",
      "strike",
      "industrial action",
      "walk-out",
      "Probation Institute",
      "G4S",
      "Ministry of Justice",
    ])
      expect(patternProblem(p), p).toBeNull();
  });

  const refused: [string, string, RegExp][] = [
    ["an empty pattern", "", /cannot be empty/],
    ["a single letter", "a", /single letter/],
    ["a single capital", "T", /single letter/],
    ["a single digit", "7", /single letter/],
    ["only punctuation", "?!*", /needs letters or digits/],
    ["a regular expression", "strik.*", /only letters, digits, spaces and hyphens/],
    ["an alternation", "strike|ballot", /only letters, digits, spaces and hyphens/],
    ["a pattern over 60 characters", "word ".repeat(13).trim(), /at most 60 characters/],
    ["a common word", "the", /too common/],
    ["only common words", "of the", /too common/],
  ];
  for (const [what, pattern, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(patternProblem(pattern)).toMatch(message);
    });
  }

  it("reads patterns one per line, dropping blank lines and repeats", () => {
    expect(parsePatternLines("strike\n\n  industrial   action \r\nStrike\nTR\nTR\n")).toEqual({
      patterns: ["strike", "industrial action", "TR"],
      problem: null,
    });
  });

  it("refuses more than 20 patterns, and names the first bad line", () => {
    const many = Array.from({ length: MAX_PATTERNS_PER_TAG + 1 }, (_, i) => `word${i}`).join("\n");
    expect(parsePatternLines(many).problem).toMatch(/at most 20 patterns \(this one has 21\)/);
    expect(parsePatternLines("strike\n.*\nballot").problem).toMatch(/needs letters or digits/);
  });
});

describe("tag names", () => {
  it("accepts letters, digits and hyphens up to 40 characters", () => {
    for (const name of ["TR", "strike", "probation-institute", "G4S", "x".repeat(40)])
      expect(tagNameProblem(name), name).toBeNull();
  });

  const refused: [string, string, RegExp][] = [
    ["an empty name", "", /Give the tag a name/],
    ["a name with a space", "industrial action", /no spaces/],
    ["a name with punctuation", "strike!", /only letters, digits and hyphens/],
    ["a name with a dot (as in a feed address)", "strike.atom", /only letters, digits and hyphens/],
    ["a name with a slash", "a/b", /only letters, digits and hyphens/],
    ["only hyphens", "---", /at least one letter or digit/],
    ["a name over 40 characters", "x".repeat(41), /at most 40 characters/],
  ];
  for (const [what, name, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(tagNameProblem(name)).toMatch(message);
    });
  }
});
