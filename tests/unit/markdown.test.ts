import { describe, expect, it } from "vitest";
import { LINK_REL, renderMarkdown } from "~/lib/markdown.server";

const REL = 'rel="nofollow ugc noopener noreferrer"';

/** Every opening tag in the output, e.g. `<a href="..." rel="...">`. */
const tags = (html: string) => html.match(/<[a-z][^>]*>/gi) ?? [];
const tagNames = (html: string) => tags(html).map((t) => t.slice(1).split(/[\s>]/)[0].toLowerCase());

describe("renderMarkdown: ordinary formatting", () => {
  it("splits paragraphs", () => {
    expect(renderMarkdown("hello\n\nworld")).toBe("<p>hello</p>\n<p>world</p>");
  });

  it("renders *emphasis* and **strong**", () => {
    const html = renderMarkdown("an *emphasised* and a **strong** word");
    expect(html).toContain("<em>emphasised</em>");
    expect(html).toContain("<strong>strong</strong>");
  });

  it("renders bulleted and numbered lists", () => {
    const html = renderMarkdown("- apples\n- pears\n\n1. first\n2. second");
    expect(html).toMatch(/<ul>\s*<li>apples<\/li>\s*<li>pears<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>\s*<li>second<\/li>\s*<\/ol>/);
  });

  it("keeps the start number of an ordered list", () => {
    expect(renderMarkdown("3. third\n4. fourth")).toContain('<ol start="3">');
  });

  it("renders > quotes as blockquotes", () => {
    expect(renderMarkdown("> what the manager said")).toMatch(
      /<blockquote>\s*<p>what the manager said<\/p>\s*<\/blockquote>/,
    );
  });

  it("renders inline `code`", () => {
    expect(renderMarkdown("run `npm test` now")).toContain("<code>npm test</code>");
  });

  it("renders fenced code blocks, escaping what is inside", () => {
    const html = renderMarkdown("```\nif (a < b) { go(); }\n```");
    expect(html).toContain("<pre><code>");
    expect(html).toContain("if (a &lt; b) { go(); }");
  });

  it("renders ~~strikethrough~~", () => {
    expect(renderMarkdown("~~gone~~")).toContain("<del>gone</del>");
  });

  it("does not render headings as <h1>: they become a strong paragraph", () => {
    const html = renderMarkdown("# Big");
    expect(html).not.toMatch(/<h[1-6]/i);
    expect(html).toBe("<p><strong>Big</strong></p>");
  });

  it("does not render lower-level headings either", () => {
    const html = renderMarkdown("### Smaller\n\nSetext\n======");
    expect(html).not.toMatch(/<h[1-6]/i);
    expect(html).toContain("<p><strong>Smaller</strong></p>");
    expect(html).toContain("<p><strong>Setext</strong></p>");
  });
});

describe("renderMarkdown: links", () => {
  it("exports the rel it puts on links", () => {
    expect(LINK_REL).toBe("nofollow ugc noopener noreferrer");
  });

  it("gives markdown links the nofollow/ugc/noopener/noreferrer rel", () => {
    expect(renderMarkdown("[the branch](https://example.org/branch)")).toBe(
      `<p><a href="https://example.org/branch" ${REL}>the branch</a></p>`,
    );
  });

  it("keeps http, https and mailto hrefs", () => {
    const html = renderMarkdown("[a](http://example.org/a) [b](https://example.org/b) [c](mailto:rep@example.org)");
    expect(html).toContain('href="http://example.org/a"');
    expect(html).toContain('href="https://example.org/b"');
    expect(html).toContain('href="mailto:rep@example.org"');
  });

  it("gives <autolinks> the rel", () => {
    expect(renderMarkdown("<https://example.org>")).toBe(
      `<p><a href="https://example.org" ${REL}>https://example.org</a></p>`,
    );
  });

  it("gives bare https:// links the rel", () => {
    expect(renderMarkdown("see https://example.org now")).toBe(
      `<p>see <a href="https://example.org" ${REL}>https://example.org</a> now</p>`,
    );
  });

  it("puts the rel on every link, and no target attribute", () => {
    const html = renderMarkdown("[a](https://a.example) and [b](https://b.example) and https://c.example");
    const links = tags(html).filter((t) => t.startsWith("<a"));
    expect(links).toHaveLength(3);
    for (const link of links) {
      expect(link).toContain(REL);
      expect(link).not.toMatch(/target=/i);
    }
  });
});

describe("renderMarkdown: dangerous input", () => {
  it("shows a raw <script> as escaped text, not a tag", () => {
    const html = renderMarkdown("<script>alert(1)</script>");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("shows a raw <script> inside a paragraph as escaped text", () => {
    const html = renderMarkdown("hello <script>alert(1)</script> there");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("hello");
    expect(html).toContain("there");
  });

  it("shows a raw <img onerror> as escaped text, with no onerror attribute on any tag", () => {
    for (const input of ["<img src=x onerror=alert(1)>", "hi <img src=x onerror=alert(1)> there"]) {
      const html = renderMarkdown(input);
      expect(html).not.toMatch(/<img/i);
      for (const tag of tags(html)) expect(tag).not.toMatch(/onerror/i);
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    }
  });

  it("shows a raw <iframe> as escaped text", () => {
    const html = renderMarkdown('<iframe src="https://evil.example/"></iframe>');
    expect(html).not.toMatch(/<iframe/i);
    expect(html).toContain("&lt;iframe");
  });

  it("shows <b onclick=...> as escaped text, with no onclick attribute on any tag", () => {
    const html = renderMarkdown('<b onclick="alert(1)">bold</b>');
    expect(html).not.toMatch(/<b[\s>]/i);
    for (const tag of tags(html)) expect(tag).not.toMatch(/onclick/i);
    expect(html).toContain("&lt;b onclick=");
  });

  it("escapes a raw <a target=_blank> rather than making it a link", () => {
    const html = renderMarkdown('<a href="https://x" target="_blank">click</a>');
    expect(tagNames(html)).not.toContain("a");
    expect(html).toContain("&lt;a href=");
  });

  it("produces no <img> for a markdown image, only its text", () => {
    const html = renderMarkdown("![x](https://evil.example/p.png)");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/src=/i);
    expect(html).toContain("https://evil.example/p.png");
  });

  it("produces no <img> for a reference-style image", () => {
    const html = renderMarkdown("![pixel][p]\n\n[p]: https://evil.example/track.gif");
    expect(html).not.toMatch(/<img/i);
  });

  it("only ever outputs tags from the allow-list", () => {
    const html = renderMarkdown(
      "# h\n\n<div><style>body{}</style><form><input></form></div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![i](https://e.example/i.png)\n\n<svg onload=alert(1)>",
    );
    const allowed = ["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"];
    for (const name of tagNames(html)) expect(allowed).toContain(name);
  });

  const badLinks: [string, string][] = [
    ["javascript:", "[x](javascript:alert(1))"],
    ["mixed-case JaVaScRiPt:", "[x](JaVaScRiPt:alert(1))"],
    ["data:", "[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["vbscript:", "[x](vbscript:msgbox)"],
    ["protocol-relative //", "[x](//evil.example)"],
    ["entity-encoded javascript:", "[x](&#106;avascript:alert(1))"],
    ["reference-style javascript:", "[x][bad]\n\n[bad]: javascript:alert(1)"],
  ];
  for (const [what, input] of badLinks) {
    it(`gives a ${what} link no dangerous href`, () => {
      const html = renderMarkdown(input);
      expect(html).not.toMatch(/href="\s*javascript/i);
      expect(html).not.toMatch(/href="\s*data:/i);
      expect(html).not.toMatch(/href="\s*vbscript/i);
      expect(html).not.toMatch(/href="\s*\/\//i);
      expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
      expect(html).toContain("x");
    });
  }
});
