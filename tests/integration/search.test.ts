// Search (issue 23) over HTTP and through its model, on SQLite (npm test) and PostgreSQL
// (npm run test:pg): what readers find and never find, what moderators find, the index
// following every change, and no text that makes it fail.
import { XMLParser } from "fast-xml-parser";
import naughtyStrings from "big-list-of-naughty-strings";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { deleteComment, editComment } from "~/models/comments.server";
import { markSpam, redactComment, removeComment } from "~/models/moderation.server";
import { editPost, unpublishPost } from "~/models/posts.server";
import { installDefaultGlossary } from "~/models/tags.server";
import { searchForum, type SearchInput } from "~/models/search.server";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
/** A post whose own words are only its title: the tests search for comments under it. */
const aPost = (title: string, more: Parameters<typeof makePost>[0] = {}) =>
  makePost({ title, body: "Plain text.", ...more });
const DAY = 24 * 60 * 60 * 1000;

/** A word no other test file writes, so each test finds only its own text. */
let n = 0;
const unique = () => `zq${(++n).toString(36)}x${Date.now().toString(36).slice(-4)}`;

const find = (text: string, more: Partial<SearchInput> = {}) => searchForum({ text, sort: "best", page: 1, ...more });
const ids = async (text: string, more: Partial<SearchInput> = {}) =>
  (await find(text, more)).hits.map((h) => `${h.kind === "comment" ? "c" : "p"}${h.id}`).sort();
const c = (comment: { id: number }) => `c${comment.id}`;

async function moderator() {
  const user = await makeUser({ username: `mod${unique()}`, role: "moderator" });
  const browser = new TestBrowser(base);
  const login = await browser.post("/login", { username: user.username, password: "correct horse battery" });
  expect(login.status).toBe(302);
  return Object.assign(browser, { user });
}

/** The search page's text for a reader, as a browser without JavaScript gets it. */
async function searchPage(query: string) {
  const response = await new TestBrowser(base).get(`/search?${query}`);
  return { status: response.status, html: await response.text() };
}

describe("what a search finds", () => {
  it("finds a word in its other forms: strike finds striking and strikes", async () => {
    const w = unique();
    const post = await makePost({ title: `Notes ${w}`, body: `Nothing here about the dispute ${w}.` });
    const striking = await makeComment({ postId: post.id, body: `Striking in Leeds ${w}` });
    const strikes = await makeComment({ postId: post.id, body: `More strikes are planned ${w}` });
    const strike = await makeComment({ postId: post.id, body: `The strike starts on Monday ${w}` });
    await makeComment({ postId: post.id, body: `A picket and a ballot ${w}` });
    expect(await ids(`strike ${w}`)).toEqual([c(striking), c(strikes), c(strike)].sort());
    expect(await ids(`striking ${w}`)).toEqual([c(striking), c(strikes), c(strike)].sort());
  });

  it("finds the branch's short acronyms as words, and not inside other words", async () => {
    const w = unique();
    const post = await aPost(`Acronyms ${w}`);
    const tr = await makeComment({ postId: post.id, body: `TR was a disaster ${w}` });
    const trs = await makeComment({ postId: post.id, body: `Since TR's split ${w}` });
    const crc = await makeComment({ postId: post.id, body: `Anyone from the CRC in Leeds? ${w}` });
    const nps = await makeComment({ postId: post.id, body: `The NPS people are stretched ${w}` });
    const moj = await makeComment({ postId: post.id, body: `The MoJ says there is no money ${w}` });
    await makeComment({ postId: post.id, body: `The trust and the track, trade and CRCX ${w}` });
    expect(await ids(`TR ${w}`)).toEqual([c(tr), c(trs)].sort());
    expect(await ids(`tr ${w}`)).toEqual([c(tr), c(trs)].sort());
    expect(await ids(`CRC ${w}`)).toEqual([c(crc)]);
    expect(await ids(`NPS ${w}`)).toEqual([c(nps)]);
    expect(await ids(`MoJ ${w}`)).toEqual([c(moj)]);
    expect(await ids(`moj ${w}`)).toEqual([c(moj)]);
  });

  it("keeps a quoted phrase's words together and in order", async () => {
    const w = unique();
    const post = await aPost(`Phrases ${w}`);
    const phrase = await makeComment({
      postId: post.id,
      body: `What did the branch say about the ballot turnout ${w}?`,
    });
    await makeComment({ postId: post.id, body: `The turnout of the ballot was low ${w}` });
    await makeComment({ postId: post.id, body: `A ballot, and separately the turnout ${w}` });
    expect(await ids(`"ballot turnout" ${w}`)).toEqual([c(phrase)]);
    expect((await ids(`ballot turnout ${w}`)).length).toBe(3);
  });

  it("leaves out what an excluded word is in, and takes either of two words joined by OR", async () => {
    const w = unique();
    const post = await aPost(`Either ${w}`);
    const leeds = await makeComment({ postId: post.id, body: `Picket in Leeds ${w}` });
    const hull = await makeComment({ postId: post.id, body: `Picket in Hull ${w}` });
    const walkout = await makeComment({ postId: post.id, body: `A walkout in York ${w}` });
    expect(await ids(`picket -leeds ${w}`)).toEqual([c(hull)]);
    expect(await ids(`picket -"in leeds" ${w}`)).toEqual([c(hull)]);
    expect(await ids(`picket OR walkout ${w}`)).toEqual([c(leeds), c(hull), c(walkout)].sort());
    expect(await ids(`picket or walkout ${w}`)).toEqual([]);
    const excludedOnly = await find(`-picket -${w}`);
    expect(excludedOnly.hits).toEqual([]);
    expect(excludedOnly.notes.join(" ")).toMatch(/add a word/);
  });

  it("finds posts by their title and body, the title weighing more", async () => {
    const w = unique();
    const titled = await makePost({ title: `Hardship fund ${w}`, body: "How to apply." });
    const bodied = await makePost({
      title: `Something else ${w}`,
      body: `Ask about the hardship fund ${w}, a long body.`,
    });
    const results = await find(`hardship ${w}`);
    expect(results.hits.map((h) => `${h.kind}${h.id}`)).toEqual([`post${titled.id}`, `post${bodied.id}`]);
    expect(results.hits[0].titleHtml).toBe(`<mark>Hardship</mark> fund <mark>${w}</mark>`);
  });

  it("ranks the best match first, or the newest first when asked", async () => {
    const w = unique();
    const post = await aPost(`Ranking ${w}`);
    const old = await makeComment({
      postId: post.id,
      body: `Ballot ballot ballot ${w}`,
      postedAt: new Date(Date.now() - 2 * DAY),
    });
    const once = await makeComment({ postId: post.id, body: `One ballot among many other words here ${w}` });
    const best = await find(`ballot ${w}`);
    expect(best.hits.map((h) => h.id)).toEqual([old.id, once.id]);
    const newest = await find(`ballot ${w}`, { sort: "newest" });
    expect(newest.hits.map((h) => h.id)).toEqual([once.id, old.id]);
  });
});

describe("filters", () => {
  it("keeps to a tag, by tag:name or the tag field", async () => {
    const w = unique();
    await installDefaultGlossary();
    const post = await aPost(`Tagged ${w}`);
    // The glossary tags "CRC" (an acronym) at write time.
    const tagged = await makeComment({ postId: post.id, body: `The CRC staff ${w}` });
    await makeComment({ postId: post.id, body: `The office staff ${w}` });
    expect(await ids(`staff tag:CRC ${w}`)).toEqual([c(tagged)]);
    expect(await ids(`staff tag:crc ${w}`)).toEqual([c(tagged)]);
    expect(await ids(`staff ${w}`, { tag: "CRC" })).toEqual([c(tagged)]);
    const unknown = await find(`staff tag:nosuchtag ${w}`);
    expect(unknown.hits).toEqual([]);
    expect(unknown.notes.join(" ")).toContain("No tag is called “nosuchtag”");
  });

  it("keeps to one thread, from the thread page's own search box", async () => {
    const w = unique();
    const [one, other] = [await aPost(`One ${w}`), await aPost(`Other ${w}`)];
    const here = await makeComment({ postId: one.id, body: `Ballot news ${w}` });
    await makeComment({ postId: other.id, body: `Ballot news ${w}` });
    expect(await ids(`ballot ${w}`, { post: one.slug })).toEqual([c(here)]);
    const thread = await (await new TestBrowser(base).get(`/posts/${one.slug}`)).text();
    expect(thread).toMatch(
      new RegExp(`<form[^>]*action="/search"[^>]*>\\s*<input type="hidden" name="post" value="${one.slug}"`),
    );
    const page = await searchPage(`q=ballot+${w}&post=${one.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`/posts/${one.slug}/comments/${here.id}`);
    expect(page.html).not.toContain(`/posts/${other.slug}/comments/`);
    expect((await searchPage(`q=ballot&post=no-such-post-${w}`)).status).toBe(404);
  });

  it("keeps to a range of days, and refuses a day that is not one with the search kept", async () => {
    const w = unique();
    const post = await aPost(`Days ${w}`, { publishedAt: new Date(Date.now() - 30 * DAY) });
    const march = await makeComment({
      postId: post.id,
      body: `Ballot ${w}`,
      postedAt: new Date("2026-03-10T12:00:00Z"),
    });
    const april = await makeComment({
      postId: post.id,
      body: `Ballot ${w}`,
      postedAt: new Date("2026-04-02T23:59:00Z"),
    });
    const day = (s: string) => new Date(`${s}T00:00:00Z`);
    expect(await ids(`ballot ${w}`, { from: day("2026-03-01"), to: day("2026-03-31") })).toEqual([c(march)]);
    expect(await ids(`ballot ${w}`, { from: day("2026-04-02"), to: day("2026-04-02") })).toEqual([c(april)]);
    const bad = await searchPage(`q=ballot+${w}&from=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(pageText(bad.html)).toContain("Give a day as year-month-day");
    expect(bad.html).toContain(`value="ballot ${w}"`);
    const backwards = await searchPage(`q=ballot+${w}&from=2026-04-01&to=2026-03-01`);
    expect(backwards.status).toBe(400);
    expect(pageText(backwards.html)).toContain("The first day is after the last");
  });

  it("keeps to a voice as pages show it, and never takes a secret", async () => {
    const w = unique();
    const post = await aPost(`Voices ${w}`);
    const coded = await makeComment({
      postId: post.id,
      body: `Ballot ${w}`,
      choice: { kind: "pseudonym", name: `Grumpy${n}#my secret` },
    });
    const plain = await makeComment({
      postId: post.id,
      body: `Ballot ${w}`,
      choice: { kind: "pseudonym", name: `Grumpy${n}` },
    });
    const anonymous = await makeComment({ postId: post.id, body: `Ballot ${w}` });
    const stored = await db.comment.findMany({
      where: { id: { in: [coded.id, anonymous.id] } },
      orderBy: { id: "asc" },
      select: { voiceCode: true },
    });
    const [code, tag] = stored.map((s) => s.voiceCode!);
    expect(await ids(`ballot ${w}`, { voice: `Grumpy${n} ◆${code}` })).toEqual([c(coded)]);
    expect(await ids(`ballot ${w}`, { voice: `◆${code}` })).toEqual([c(coded)]);
    expect(await ids(`ballot ${w}`, { voice: `Grumpy${n}` })).toEqual([c(plain)]);
    expect(await ids(`ballot ${w}`, { voice: `Anonymous ·${tag}` })).toEqual([c(anonymous)]);
    expect(await ids(`ballot ${w}`, { voice: "Anonymous" })).toEqual([c(anonymous)]);
    const secret = await searchPage(`q=ballot&voice=${encodeURIComponent(`Grumpy${n}#my secret`)}`);
    expect(secret.status).toBe(400);
    expect(pageText(secret.html)).toContain("never by its secret");
  });
});

describe("what readers never find", () => {
  it("leaves out held, removed, spam, deleted and unpublished items, from the results and the count", async () => {
    const w = unique();
    const mod = await moderator();
    const post = await aPost(`Hidden ${w}`);
    const writer = { browserKey: `writer-${w}` };
    const shown = await makeComment({ postId: post.id, body: `Ballot shown ${w}` });
    const held = await makeComment({ postId: post.id, body: `Ballot held ${w}` });
    await db.comment.update({ where: { id: held.id }, data: { status: "held", holdReason: "test" } });
    const removed = await makeComment({ postId: post.id, body: `Ballot removed ${w}` });
    await removeComment({ commentId: removed.id, moderator: mod.user, reason: "abuse" });
    const spam = await makeComment({ postId: post.id, body: `Ballot spam ${w}` });
    await markSpam({ commentId: spam.id, moderator: mod.user });
    const deleted = await makeComment({ postId: post.id, body: `Ballot deleted ${w}`, writer });
    await deleteComment({ postId: post.id, commentId: deleted.id, writers: [writer] });
    const gone = await makePost({ title: `Ballot unpublished ${w}`, body: `Ballot ${w}` });
    const onGone = await makeComment({ postId: gone.id, body: `Ballot on an unpublished post ${w}` });
    await unpublishPost({ postId: gone.id });

    const readers = await find(`ballot ${w}`);
    expect(readers.hits.map((h) => `${h.kind}${h.id}`)).toEqual([`comment${shown.id}`]);
    expect(readers.total).toBe(1);
    expect(readers.hits[0].status).toBeNull();
    const page = await searchPage(`q=ballot+${w}`);
    expect(pageText(page.html)).toContain("1 result");
    for (const hidden of ["held", "removed", "spam", "deleted", "on an unpublished post", "Ballot unpublished"])
      expect(pageText(page.html)).not.toContain(`${hidden} ${w}`);
    const feed = await (await new TestBrowser(base).get(`/search.atom?q=ballot+${w}`)).text();
    expect(feed).toContain(`/comments/${shown.id}`);
    for (const id of [held.id, removed.id, spam.id, onGone.id]) expect(feed).not.toContain(`/comments/${id}<`);

    // Moderators find everything (but the deleted comment, whose words are gone), each with its status.
    const everything = await find(`ballot ${w}`, { everything: true });
    expect(Object.fromEntries(everything.hits.map((h) => [`${h.kind}${h.id}`, h.status]))).toEqual({
      [`comment${shown.id}`]: "published",
      [`comment${held.id}`]: "held",
      [`comment${removed.id}`]: "removed",
      [`comment${spam.id}`]: "spam",
      [`comment${onGone.id}`]: "published",
      [`post${gone.id}`]: "unpublished",
    });
    const modPage = await mod.get(`/moderation/search?q=ballot+${w}&status=held`);
    expect(modPage.status).toBe(200);
    const modHtml = pageText(await modPage.text());
    expect(modHtml).toContain(`/comments/${held.id}`);
    expect(modHtml).toContain('<span class="badge status-held">held</span>');
    expect(modHtml).toContain("1 result");
    expect(modPage.headers.get("cache-control")).toBe("private, no-store");
    // Readers and members are not let in.
    expect((await new TestBrowser(base).get(`/moderation/search?q=ballot`)).status).toBe(302);
    const member = await makeUser({ username: `member${unique()}` });
    const memberBrowser = new TestBrowser(base);
    await memberBrowser.post("/login", { username: member.username, password: "correct horse battery" });
    expect((await memberBrowser.get(`/moderation/search?q=ballot`)).status).toBe(403);
  });

  it("never sends a writer's reference, and shows voices as the thread does", async () => {
    const w = unique();
    const post = await aPost(`Privacy ${w}`);
    const comment = await makeComment({ postId: post.id, body: `Ballot ${w}` });
    const { authorRef, voiceCode } = await db.comment.findUniqueOrThrow({
      where: { id: comment.id },
      select: { authorRef: true, voiceCode: true },
    });
    const page = await searchPage(`q=ballot+${w}`);
    const data = await new TestBrowser(base).data(`/search?q=ballot+${w}`, "routes/search");
    for (const text of [page.html, data.text]) {
      expect(text).not.toContain(authorRef);
      expect(text).not.toContain("authorRef");
      expect(pageText(text)).toContain(`Anonymous ·${voiceCode}`);
    }
  });
});

describe("excerpts", () => {
  it("show the passage with the words found marked, the writer's HTML as text", async () => {
    const w = unique();
    const post = await aPost(`Excerpts ${w}`);
    const filler = "The branch met and talked about many things at length. ".repeat(8);
    await makeComment({
      postId: post.id,
      body: `${filler}<script>alert(1)</script> <b>bold</b> and the **striking** [link](https://example.org/x) ${w}`,
    });
    const [hit] = (await find(`strike ${w}`)).hits;
    expect(hit.excerptHtml).toMatch(/^…/);
    expect(hit.excerptHtml).toContain("<mark>striking</mark>");
    expect(hit.excerptHtml).toContain(`<mark>${w}</mark>`);
    expect(hit.excerptHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;");
    expect(hit.excerptHtml.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    expect(hit.excerptHtml).not.toContain("https://example.org");
    const page = await searchPage(`q=strike+${w}`);
    expect(page.html).not.toContain("<script>alert(1)");
    expect(page.html).toContain("<mark>striking</mark>");
  });
});

describe("the index", () => {
  it("follows edits, deletions, redactions, removals and posts' new words", async () => {
    const w = unique();
    const mod = await moderator();
    const post = await makePost({ title: `Index ${w}`, body: `Sunrise ${w}` });
    const writer = { browserKey: `writer-${w}` };
    const comment = await makeComment({ postId: post.id, body: `Picket ${w}`, writer });
    expect(await ids(`picket ${w}`)).toEqual([c(comment)]);

    await editComment({ postId: post.id, commentId: comment.id, writers: [writer], body: `Walkout ${w}` });
    expect(await ids(`picket ${w}`)).toEqual([]);
    expect(await ids(`walkout ${w}`)).toEqual([c(comment)]);

    const other = await makeComment({ postId: post.id, body: `The manager Smith said ${w}` });
    await redactComment({ commentId: other.id, moderator: mod.user, passage: "Smith", reason: "names" });
    expect(await ids(`smith ${w}`)).toEqual([]);
    expect(await ids(`manager ${w}`)).toEqual([c(other)]);
    await removeComment({ commentId: other.id, moderator: mod.user, reason: "names" });
    expect(await ids(`manager ${w}`)).toEqual([]);
    expect(await ids(`manager ${w}`, { everything: true })).toEqual([c(other)]);

    await deleteComment({ postId: post.id, commentId: comment.id, writers: [writer] });
    expect(await ids(`walkout ${w}`, { everything: true })).toEqual([]);

    await editPost({ postId: post.id, title: `Renamed ${w}`, body: `Sunset ${w}` });
    expect(await ids(`sunrise ${w}`)).toEqual([]);
    expect(await ids(`renamed ${w}`)).toEqual([`p${post.id}`]);

    await db.comment.delete({ where: { id: other.id } });
    expect(await ids(`manager ${w}`, { everything: true })).toEqual([]);
  });

  it("shows a new comment on a search page that was shown before it, as soon as the page is made again", async () => {
    const w = unique();
    const post = await aPost(`Fresh ${w}`);
    await makeComment({ postId: post.id, body: `Ballot ${w}` });
    const before = await searchPage(`q=ballot+${w}`);
    expect(pageText(before.html)).toContain("1 result");
    const again = await searchPage(`q=ballot+${w}`);
    expect(again.html).toBe(before.html);
    const added = await makeComment({ postId: post.id, body: `Ballot again ${w}` });
    // A page that changed is made again at most every 250 ms (decision 021), then shows it.
    await expect
      .poll(async () => pageText((await searchPage(`q=ballot+${w}`)).html), { timeout: 5_000 })
      .toContain("2 results");
    expect((await searchPage(`q=ballot+${w}`)).html).toContain(`/comments/${added.id}`);
  });
});

describe("pages of results", () => {
  it("pages through many results, and takes an old page past the last to the last", async () => {
    const w = unique();
    const post = await aPost(`Many ${w}`);
    const made = [];
    for (let i = 0; i < 25; i++) made.push(await makeComment({ postId: post.id, body: `Ballot number ${i} ${w}` }));
    const first = await find(`ballot ${w}`, { sort: "newest" });
    expect(first.total).toBe(25);
    expect(first.pages).toBe(2);
    expect(first.hits.map((h) => h.id)).toEqual(
      made
        .slice(5)
        .reverse()
        .map((m) => m.id),
    );
    const second = await find(`ballot ${w}`, { sort: "newest", page: 2 });
    expect(second.hits.map((h) => h.id)).toEqual(
      made
        .slice(0, 5)
        .reverse()
        .map((m) => m.id),
    );
    const past = await find(`ballot ${w}`, { sort: "newest", page: 9 });
    expect(past.page).toBe(2);
    expect(past.hits.length).toBe(5);
    const html = pageText((await searchPage(`q=ballot+${w}&sort=newest`)).html);
    expect(html).toContain("Page 1 of 2");
    expect(html).toContain("Newest first");
  });
});

describe("the search feed", () => {
  it("is Atom of the newest matches, with links to each comment's own page", async () => {
    const w = unique();
    const post = await aPost(`Feed ${w}`);
    const first = await makeComment({
      postId: post.id,
      body: `Ballot result ${w}`,
      postedAt: new Date(Date.now() - DAY),
    });
    const second = await makeComment({ postId: post.id, body: `The ballot result is in ${w}` });
    const response = await new TestBrowser(base).get(`/search.atom?q=${encodeURIComponent(`"ballot result" ${w}`)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/atom+xml");
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await response.text()) as {
      feed: { title: string; entry: { link: { "@_href": string } }[] };
    };
    expect(feed.feed.title).toContain(`"ballot result" ${w}`);
    expect(feed.feed.entry.map((e) => e.link["@_href"])).toEqual([
      expect.stringMatching(new RegExp(`/posts/${post.slug}/comments/${second.id}$`)),
      expect.stringMatching(new RegExp(`/posts/${post.slug}/comments/${first.id}$`)),
    ]);
    expect((await new TestBrowser(base).get("/search.atom")).status).toBe(400);
    const html = await (await new TestBrowser(base).get(`/search?q=ballot+${w}`)).text();
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/search\.atom\?q=ballot/);
  });
});

describe("hostile searches", () => {
  it("answers every string of the naughty-strings list, as a search and as each filter, without an error", async () => {
    const strings = [...naughtyStrings, "a".repeat(1000), `"${"b ".repeat(600)}`, '"', '""', "-", "OR", "- OR -"];
    const failures: string[] = [];
    const ask = async (path: string) => {
      const response = await new TestBrowser(base).get(path);
      await response.arrayBuffer();
      if (response.status >= 500) failures.push(`${path}: ${response.status}`);
    };
    const addresses = strings.flatMap((text) => {
      const value = encodeURIComponent(text);
      return [
        `/search?q=${value}`,
        `/search?q=ballot&voice=${value}&tag=${value}&from=${value}`,
        `/search.atom?q=${value}`,
      ];
    });
    // A few at a time, as readers would send them.
    for (let i = 0; i < addresses.length; i += 4) await Promise.all(addresses.slice(i, i + 4).map(ask));
    expect(failures).toEqual([]);
  }, 240_000);

  it("reads a 1,000-character search and tells the reader it was shortened", async () => {
    const w = unique();
    const post = await aPost(`Long ${w}`);
    const comment = await makeComment({ postId: post.id, body: `Ballot ${w}` });
    const text = `ballot ${w} ${"and more words ".repeat(80)}`.slice(0, 1000);
    const results = await find(text);
    expect(results.notes.join(" ")).toContain("Only the first 12 words");
    expect(results.hits.map((h) => h.id)).toEqual([]);
    expect(await ids(`ballot ${w} ${"-nothing ".repeat(20)}`)).toEqual([c(comment)]);
    const page = await searchPage(`q=${encodeURIComponent("x".repeat(5000))}`);
    expect(page.status).toBe(200);
  });
});
