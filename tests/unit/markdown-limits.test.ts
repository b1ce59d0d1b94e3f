// Pathological markdown: texts built to make a markdown parser recurse or backtrack, as long as
// a comment (10,000 characters) and as a post (100,000) may be. Each must render, safely, and
// what was written past the nesting limits must still be shown. (No timing assertions: the
// limits in app/lib/markdown.server.ts make every one of these take well under a second.)
import { describe, expect, it } from "vitest";
import { MAX_BLOCK_NESTING, MAX_INLINE_NESTING, renderMarkdown } from "~/lib/markdown.server";
import { MAX_BODY_LENGTH } from "~/models/comments.server";
import { MAX_POST_LENGTH } from "~/models/posts.server";
import { readableText } from "~/models/tagging.server";
import { executableConstructs } from "../safe-html";

/** `unit` repeated to fill `length` characters, then `tail`. */
const fill = (unit: string, length: number, tail = "") =>
  unit.repeat(Math.floor((length - tail.length) / unit.length)) + tail;
const count = (html: string, needle: string) => html.split(needle).length - 1;
/** The text a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const HOSTILE: [string, (length: number) => string][] = [
  ["block quotes nested as deep as the text allows", (n) => fill(">", n, " deep")],
  ["spaced block quotes", (n) => fill("> ", n, "deep")],
  ["list items nested on one line", (n) => fill("- ", n, "deep")],
  ["numbered items nested on one line", (n) => fill("1. ", n, "deep")],
  ["quotes and lists nested in turn", (n) => fill("> - ", n, "deep")],
  [
    "list items nested by indentation, one a line",
    (n) => {
      const lines: string[] = [];
      for (let length = 0, i = 0; ; i++) {
        const line = `${" ".repeat(2 * i)}- level ${i}`;
        if (length + line.length + 1 > n) break;
        lines.push(line);
        length += line.length + 1;
      }
      return lines.join("\n");
    },
  ],
  ["unclosed link brackets", (n) => fill("[", n)],
  ["link brackets then parentheses", (n) => fill("[", n / 2) + fill("](", n / 2)],
  ["links nested in link text", (n) => fill("[", n / 2) + "deep" + fill("](x)", n / 2 - 4)],
  ["images nested in image text", (n) => fill("![", n / 2) + "deep" + fill("](x)", n / 2 - 4)],
  ["emphasis runs *a**a**a…", (n) => fill("*a*", n)],
  ["emphasis runs _a__a__a…", (n) => fill("_a_", n)],
  ["emphasis opened and never closed", (n) => fill("*a ", n)],
  ["emphasis nested inside emphasis", (n) => fill("*a ", n / 2) + fill("a* ", n / 2)],
  ["strong nested inside strong", (n) => fill("**a ", n / 2) + fill("a** ", n / 2)],
  ["one long run of stars around a word", (n) => fill("*", n / 2) + "deep" + fill("*", n / 2 - 4)],
  ["strikethrough nested inside strikethrough", (n) => fill("~~a ", n / 2) + fill("a~~ ", n / 2)],
  ["intraword underscores a_a_a…", (n) => fill("a_", n)],
  ["intraword stars a*a*a…", (n) => fill("a*", n)],
  ["word characters between delimiters a-_a-_…", (n) => fill("a-_", n)],
  ["exclamation marks a!a!…", (n) => fill("a!", n)],
  ["backtick runs", (n) => fill("``a`", n)],
  ["angle brackets", (n) => fill("a<", n)],
  ["unclosed HTML tags", (n) => fill("<div>", n)],
  ["HTML comments", (n) => fill("<!--", n)],
  ["script tags", (n) => fill("<script>alert(1)</script>", n)],
  ["bare URLs run together", (n) => fill("http://a.b/", n)],
  ["a bare URL ending in punctuation", (n) => "http://a" + fill("?!", n - 8)],
  ["e-mail addresses", (n) => fill("a@b.c ", n)],
  ["a very long e-mail local part", (n) => fill("a", n - 6) + "@b.com"],
  ["link reference definitions", (n) => fill("[a]: http://x\n", n / 2) + fill("[a]", n / 2)],
  ["a wide table", (n) => fill("|a", n / 2 - 1) + "\n" + fill("|-", n / 2 - 1) + "\n"],
  ["character references", (n) => fill("&#x6A;", n)],
  ["backslashes", (n) => fill("\\", n)],
  ["headings", (n) => fill("# a\n", n)],
  ["blank lines", (n) => fill("\n", n)],
];

describe.each([
  ["a comment", MAX_BODY_LENGTH],
  ["a post", MAX_POST_LENGTH],
])("hostile markdown as long as %s may be", (_, length) => {
  it.each(HOSTILE)("renders %s, safely", (_name, make) => {
    const markdown = make(length);
    expect(markdown.length).toBeLessThanOrEqual(length);
    const html = renderMarkdown(markdown);
    expect(typeof html).toBe("string");
    expect(executableConstructs(html)).toEqual([]);
    if (markdown.includes("deep")) expect(visible(html)).toContain("deep");
  });
});

describe("reading the words of hostile markdown (for tagging), under the same limits", () => {
  // Before the limits, the last of these took 168 seconds to read.
  it.each(["a_", "a*", "a!", "_a_", "*a ", "a-_"])("reads a post of %j repeated", (unit) => {
    const words = readableText(fill(unit, MAX_POST_LENGTH, " ballot"));
    expect(words).toContain("ballot");
  });

  it("reads deeply nested emphasis", () => {
    expect(readableText(fill("*a ", MAX_POST_LENGTH / 2) + "strike" + fill(" a*", MAX_POST_LENGTH / 2 - 6))).toContain(
      "strike",
    );
  });
});

describe("nesting limits", () => {
  it("renders quotes nested as deep as people write them", () => {
    const html = renderMarkdown("> > > three levels of quoting");
    expect(count(html, "<blockquote>")).toBe(3);
  });

  it(`stops nesting quotes at ${MAX_BLOCK_NESTING} levels and shows the rest as typed`, () => {
    const html = renderMarkdown(">".repeat(MAX_BLOCK_NESTING + 5) + " the bottom of the thread");
    expect(count(html, "<blockquote>")).toBe(MAX_BLOCK_NESTING);
    expect(visible(html)).toContain(">>>>> the bottom of the thread");
  });

  it(`stops nesting lists at ${MAX_BLOCK_NESTING} levels, keeping every item's text`, () => {
    const markdown = Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
    const html = renderMarkdown(markdown);
    expect(count(html, "<ul>")).toBeLessThanOrEqual(MAX_BLOCK_NESTING);
    expect(count(html, "<ul>")).toBeGreaterThan(MAX_BLOCK_NESTING / 2);
    for (let i = 0; i < 40; i++) expect(visible(html)).toContain(`item ${i}`);
  });

  it(`stops nesting emphasis at ${MAX_INLINE_NESTING} levels`, () => {
    const html = renderMarkdown("*a ".repeat(100) + "a* ".repeat(100));
    expect(count(html, "<em>")).toBeGreaterThan(0);
    expect(count(html, "<em>")).toBeLessThanOrEqual(MAX_INLINE_NESTING);
  });

  it("still renders ordinary emphasis, links and addresses in a long text", () => {
    const paragraph = "Some *text* with a [link](https://example.org/a_b) and rosa@example.org, **bold** and `code`.";
    const html = renderMarkdown(Array.from({ length: 500 }, () => paragraph).join("\n\n"));
    expect(count(html, "<em>text</em>")).toBe(500);
    expect(count(html, "<strong>bold</strong>")).toBe(500);
    expect(count(html, '<a href="https://example.org/a_b"')).toBe(500);
    expect(count(html, '<a href="mailto:rosa@example.org"')).toBe(500);
    expect(count(html, "<code>code</code>")).toBe(500);
  });

  it("links a long bare URL and an address in the middle of a long word-run", () => {
    const url = `https://example.org/${"a".repeat(1500)}`;
    expect(renderMarkdown(`see ${url} now`)).toContain(`href="${url}"`);
    expect(renderMarkdown(`${"x ".repeat(300)}write to rosa@example.org`)).toContain('href="mailto:rosa@example.org"');
  });
});
