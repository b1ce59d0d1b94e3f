// Properties of renderMarkdown over arbitrary text: whatever a reader types, the stored HTML
// never carries anything a browser would run, and rendering never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown.server";
import { executableConstructs } from "../safe-html";

/** Pieces of markdown syntax and of the usual cross-site-scripting payloads. */
const FRAGMENTS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "<iframe src=//evil.example>",
  '<a href="javascript:alert(1)">x</a>',
  "<style>*{}</style>",
  '<math><mi xlink:href="javascript:alert(1)">',
  "<object data=x>",
  "<embed src=x>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  "javascript:alert(1)",
  "JaVaScRiPt:",
  "java\tscript:",
  "java&#x09;script:",
  "&#106;avascript:",
  "data:text/html;base64,PHNjcmlwdD4=",
  "vbscript:msgbox(1)",
  "[x](",
  "](",
  ")",
  "[",
  "]",
  "![",
  "<",
  ">",
  "<http://",
  "<javascript:alert(1)>",
  "&",
  "&amp;",
  "&#x3C;",
  "&lt;script&gt;",
  "*",
  "**",
  "_",
  "__",
  "~~",
  "`",
  "```",
  "\\",
  "> ",
  "- ",
  "1. ",
  "    ",
  "\t",
  "\n",
  "\n\n",
  "|",
  "---",
  "#",
  "www.",
  "@",
  ":",
  "/",
  "http://",
  "https://x.example/",
  "[a]: javascript:alert(1)",
  "[a]",
  "[x](javascript:alert(1))",
  "[x](<javascript:alert(1)>)",
  "[x](data:text/html,hi)",
  "[x](#)",
  "[x](//evil.example)",
  "![x](http://evil.example/p.png)",
];

const markdownish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 40 })
  .map((parts) => parts.join(""));
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.mixedCase(fc.constantFrom(...FRAGMENTS)),
  markdownish,
  markdownish.chain((text) => fc.mixedCase(fc.constant(text))),
);

describe("renderMarkdown on arbitrary text", () => {
  it("is checked by a test that does catch executable HTML", () => {
    for (const bad of [
      "<script>x</script>",
      '<p onclick="x">',
      '<a href="jav&#x61;script:x">',
      '<a href=" java\tscript:x">',
      '<a href="data:text/html,x">',
      "<img src=x>",
      "<svg>",
      "<iframe>",
      "<math>",
      "<style>",
      "<object>",
      "<embed>",
      '<a style="x">',
    ])
      expect(executableConstructs(bad), bad).not.toEqual([]);
    expect(
      executableConstructs('<p>fine <a href="https://x.example/" rel="nofollow">link</a> onclick=x javascript:x</p>'),
    ).toEqual([]);
  });

  it("never produces a tag, attribute or link that a browser would run", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(executableConstructs(renderMarkdown(text))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps every link it makes to http, https and mailto, marked as user content", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        for (const [, href] of renderMarkdown(text).matchAll(/<a href="([^"]*)"/g))
          expect(href).toMatch(/^(?:(?:https?|mailto):|(?![a-z][a-z0-9+.-]*:))/i);
        for (const [tag] of renderMarkdown(text).matchAll(/<a\s[^>]*>/g))
          expect(tag).toContain('rel="nofollow ugc noopener noreferrer"');
      }),
      { numRuns: 300 },
    );
  });
});
