// What an imported blog's HTML and names become: the forum's own markdown, cleaned by the same
// allow-list and shown as the HTML showed it; names that can never pass for a tripcode.
import { describe, expect, it } from "vitest";
import { markdownFromHtml, renderMarkdown } from "~/lib/markdown.server";
import { importedVoice, voiceLabel } from "~/models/voices.server";
import { oldPath } from "~/lib/import/forum.server";

const shown = (html: string, lineBreaks = false) => renderMarkdown(markdownFromHtml(html, { lineBreaks }));

describe("imported HTML", () => {
  it("keeps what markdown can say: paragraphs, breaks, emphasis, links, lists, quotes, code", () => {
    expect(shown("<p>One <b>bold</b> and <i>leaning</i> <s>gone</s></p><p>Two<br>lines</p>")).toBe(
      "<p>One <strong>bold</strong> and <em>leaning</em> <del>gone</del></p>\n<p>Two<br />lines</p>",
    );
    expect(shown('<a href="https://napo.example.org/a?b=1&amp;c=2">Napo</a>')).toBe(
      '<p><a href="https://napo.example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer">Napo</a></p>',
    );
    expect(shown("<ul><li>one</li><li>two<ul><li>deeper</li></ul></li></ul><ol start='3'><li>three</li></ol>")).toBe(
      '<ul>\n<li>one</li>\n<li>two<ul>\n<li>deeper</li>\n</ul>\n</li>\n</ul>\n<ol start="3">\n<li>three</li>\n</ol>',
    );
    expect(shown("<blockquote>quoted<blockquote>deeper</blockquote></blockquote>")).toBe(
      "<blockquote>\n<p>quoted</p>\n<blockquote>\n<p>deeper</p>\n</blockquote>\n</blockquote>",
    );
    expect(shown("<pre>let a = 1;\n  ``` b</pre>")).toBe("<pre><code>let a = 1;\n  ``` b\n</code></pre>");
  });

  it("drops scripts, styles, frames, images, handlers and unsafe links", () => {
    const html = shown(
      `<script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe><img src=x onerror=alert(2)>` +
        `<p onclick="alert(3)">text</p><a href="javascript:alert(4)">js</a> <a href="data:text/html,x">data</a> <a href="//evil.example">rel</a>`,
    );
    expect(html).toBe("<p>text</p>\n<p>js data rel</p>");
  });

  it("shows markdown's own characters and HTML's escaped ones as they were written", () => {
    const text = "1. not a list *nor* _this_ [x](y) `tick` # hash &lt;b&gt; a &amp; b \\ back";
    expect(shown(`<p>${text}</p>`)).toBe(
      "<p>1. not a list *nor* _this_ [x](y) `tick` # hash &lt;b&gt; a &amp; b \\ back</p>",
    );
    expect(shown("- dash<br>+ plus<br>## heading<br>2) two")).toBe(
      "<p>- dash<br />+ plus<br />## heading<br />2) two</p>",
    );
  });

  it("reads a text's own newlines as breaks when the blog showed them so (WordPress)", () => {
    expect(shown("One\nline two\r\n\r\nPara <em>two</em>", true)).toBe(
      "<p>One<br />line two</p>\n<p>Para <em>two</em></p>",
    );
    expect(shown("One\nline two", false)).toBe("<p>One line two</p>");
  });
});

describe("imported names", () => {
  it("are marked as imported and never carry a tripcode", () => {
    expect(voiceLabel(importedVoice("Grumpy PO"))).toBe("Grumpy PO (imported)");
    const forged = importedVoice("Rosa ◆K2M9XQ4T");
    expect(forged).toMatchObject({ voice: "imported", displayName: "Rosa K2M9XQ4T", voiceCode: null });
    expect(voiceLabel(forged)).not.toContain("◆");
    expect(importedVoice("Admin#secret")).toMatchObject({ displayName: "Admin#secret", voiceCode: null });
    expect(importedVoice("a\u202Eb\u0000 ·  c").displayName).toBe("ab c");
    expect(importedVoice("x".repeat(100)).displayName).toHaveLength(40);
  });

  it("are Anonymous when there is none, keeping a poster tag the source gave", () => {
    expect(voiceLabel(importedVoice(null))).toBe("Anonymous");
    expect(voiceLabel(importedVoice(" ◆ "))).toBe("Anonymous");
    expect(voiceLabel(importedVoice(null, "7F3A"))).toBe("Anonymous ·7F3A");
    expect(importedVoice(null, "<b>").voiceCode).toBeNull();
    expect(importedVoice(null).authorRef).toBe(importedVoice("Jo").authorRef);
  });
});

describe("old addresses", () => {
  it("are kept as the path a request for them arrives with", () => {
    expect(oldPath("https://x.blogspot.com/2019/03/ballot.html?showComment=1#c2")).toBe("/2019/03/ballot.html");
    expect(oldPath("https://branch.example.org/2019/03/14/ballot/")).toBe("/2019/03/14/ballot");
    expect(oldPath("https://branch.example.org/?p=12")).toBe("/?p=12");
    expect(oldPath("/?p=abc")).toBeNull();
    expect(oldPath("https://branch.example.org/")).toBeNull();
  });
});
