// Following over HTTP: Atom feeds, followed posts and tags, replies to me (anonymous and
// member), private reply feeds, and live thread events.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { settings } from "~/env.server";
import { db } from "~/lib/db.server";
import { liveListenerCount } from "~/lib/live.server";
import { DEFAULT_RULES, setModerationRules } from "~/models/rules.server";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";
import { openEventStream } from "./live";

const base = useApp();
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => name === "entry" || name === "link",
});
let n = 0;

async function atom(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base() + path, { headers });
  const text = await response.text();
  return { response, text };
}

// What the tests read of a parsed feed: attributes as "@name", the text beside them as "#text".
type AtomEntry = Record<string, unknown> & {
  id: string;
  title: string;
  updated: string;
  author: { name: string };
  content: { "#text": string };
  "thr:in-reply-to": { "@ref": string };
};
type AtomFeed = Record<string, unknown> & {
  "@xmlns": string;
  title: string;
  subtitle?: string;
  link: { "@rel": string }[];
  entry?: AtomEntry[];
};

/** Parses a feed and checks what Atom 1.0 requires of it. */
function parseAtom(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const { feed } = parser.parse(xml) as { feed: AtomFeed };
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  for (const required of ["id", "title", "updated"]) expect(feed[required], required).toBeTruthy();
  expect(feed.link.some((l) => l["@rel"] === "self")).toBe(true);
  const entries = feed.entry ?? [];
  for (const e of entries) {
    for (const required of ["id", "title", "updated", "published", "content"])
      expect(e[required], required).toBeTruthy();
    expect(e.author.name).toBeTruthy();
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
  }
  return { feed, entries };
}

const signIn = async (username: string) => {
  const b = new TestBrowser(base);
  expect((await b.post("/login", { username, password: "correct horse battery" })).status).toBe(302);
  return b;
};
const idFrom = (r: Response) => Number(/#c-(\d+)$/.exec(r.headers.get("location") ?? "")?.[1]);

describe("Atom feeds", () => {
  it("carry published posts and comments only, escaped, with thr:in-reply-to for replies", async () => {
    const post = await makePost({ title: `Feeds & "quotes" <test> ${++n}`, body: "Body with <b>raw</b> & ampersand" });
    const parent = await makeComment({ postId: post.id, body: "A parent with **bold** & <script>alert(1)</script>" });
    const reply = await makeComment({ postId: post.id, parentId: parent.id, body: "A reply" });
    const held = await makeComment({ postId: post.id, body: "held comment text" });
    await db.comment.update({ where: { id: held.id }, data: { status: "held" } });
    const removed = await makeComment({ postId: post.id, body: "removed comment text" });
    await db.comment.update({ where: { id: removed.id }, data: { status: "removed" } });

    const thread = await atom(`/posts/${post.slug}/comments.atom`);
    expect(thread.response.status).toBe(200);
    expect(thread.response.headers.get("content-type")).toContain("application/atom+xml");
    const { feed, entries } = parseAtom(thread.text);
    expect(feed.title).toContain('Feeds & "quotes" <test>');
    expect(entries.map((e) => e.id)).toEqual([
      `${settings().publicUrl}/posts/${post.slug}/comments/${reply.id}`,
      `${settings().publicUrl}/posts/${post.slug}/comments/${parent.id}`,
    ]);
    expect(entries[0]["thr:in-reply-to"]["@ref"]).toBe(
      `${settings().publicUrl}/posts/${post.slug}/comments/${parent.id}`,
    );
    expect(entries[1]["thr:in-reply-to"]["@ref"]).toBe(`${settings().publicUrl}/posts/${post.slug}`);
    expect(entries[1].content["#text"]).toContain("<strong>bold</strong>");
    expect(entries[1].content["#text"]).not.toContain("<script>");
    expect(thread.text).not.toContain("held comment text");
    expect(thread.text).not.toContain("removed comment text");

    const all = parseAtom((await atom("/feeds/comments.atom")).text);
    expect(all.entries.some((e) => e.id.endsWith(`/comments/${reply.id}`))).toBe(true);
    expect((await atom("/feeds/comments.atom")).text).not.toContain("held comment text");

    const posts = parseAtom((await atom("/feeds/posts.atom")).text);
    expect(posts.entries.some((e) => e.title === `Feeds & "quotes" <test> ${n}`)).toBe(true);
  });

  it("give each tag a feed of the posts and comments that carry it", async () => {
    const tag = await db.tag.create({
      data: { name: `feedtag${++n}`, description: "Tagged for the feed", patterns: "[]" },
      select: { id: true, name: true },
    });
    const post = await makePost({ title: `Tagged post ${n}` });
    const c = await makeComment({ postId: post.id, body: "a tagged comment" });
    const hidden = await makeComment({ postId: post.id, body: "a tagged but removed comment" });
    await db.postTag.create({ data: { postId: post.id, tagId: tag.id } });
    await db.commentTag.createMany({
      data: [
        { commentId: c.id, tagId: tag.id },
        { commentId: hidden.id, tagId: tag.id },
      ],
    });
    await db.comment.update({ where: { id: hidden.id }, data: { status: "removed" } });
    const { response, text } = await atom(`/tags/${tag.name}.atom`);
    expect(response.status).toBe(200);
    const { feed, entries } = parseAtom(text);
    expect(feed.subtitle).toBe("Tagged for the feed");
    expect(entries.map((e) => e.id).sort()).toEqual(
      [
        `${settings().publicUrl}/posts/${post.slug}`,
        `${settings().publicUrl}/posts/${post.slug}/comments/${c.id}`,
      ].sort(),
    );
    expect(await (await fetch(`${base()}/tags/${tag.name}`)).text()).toContain(`href="/tags/${tag.name}.atom"`);
  });

  it("never lists unpublished posts", async () => {
    const post = await makePost({ title: `Soon to be unpublished ${++n}` });
    await db.post.update({ where: { id: post.id }, data: { status: "unpublished" } });
    expect((await atom("/feeds/posts.atom")).text).not.toContain(`Soon to be unpublished ${n}`);
    expect((await atom(`/posts/${post.slug}/comments.atom`)).response.status).toBe(404);
  });

  it("answers conditional requests with 304", async () => {
    const post = await makePost();
    await makeComment({ postId: post.id });
    const first = await atom(`/posts/${post.slug}/comments.atom`);
    const etag = first.response.headers.get("etag")!;
    const lastModified = first.response.headers.get("last-modified")!;
    expect(etag).toBeTruthy();
    expect((await atom(`/posts/${post.slug}/comments.atom`, { "if-none-match": etag })).response.status).toBe(304);
    expect(
      (await atom(`/posts/${post.slug}/comments.atom`, { "if-modified-since": lastModified })).response.status,
    ).toBe(304);
    await makeComment({ postId: post.id, postedAt: new Date(Date.now() + 2000) });
    expect((await atom(`/posts/${post.slug}/comments.atom`, { "if-none-match": etag })).response.status).toBe(200);
  });

  it("are 404 for unknown posts and linked from the pages", async () => {
    expect((await atom("/posts/no-such-post/comments.atom")).response.status).toBe(404);
    const post = await makePost();
    const html = await (await fetch(`${base()}/posts/${post.slug}`)).text();
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" title="Comments on`);
    expect(html).toContain(`href="/posts/${post.slug}/comments.atom"`);
    expect(html).toContain('href="/feeds/posts.atom"');
  });
});

describe("following posts and tags", () => {
  it("shows a member what is new on a followed post until they look again", async () => {
    const member = await makeUser();
    const b = await signIn(member.username);
    const post = await makePost({ title: `Followed thread ${++n}` });
    expect(
      (await b.post("/me/following", { intent: "follow-post", postId: post.id, redirectTo: `/posts/${post.slug}` }))
        .status,
    ).toBe(302);
    expect((await b.personal(post.slug)).thread?.following).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    await makeComment({ postId: post.id });
    await makeComment({ postId: post.id });
    expect(pageText(await (await b.get("/me/following")).text())).toMatch(
      new RegExp(`Followed thread ${n}</a> <span class="new-badge">2 new`),
    );
    // Reading the thread (its page's scripts ask for its personal part) marks it seen.
    await b.personal(post.slug);
    expect(pageText(await (await b.get("/me/following")).text())).toMatch(
      new RegExp(`Followed thread ${n}</a> <span class="meta">nothing new`),
    );
    await b.post("/me/following", { intent: "unfollow-post", postId: post.id });
    expect(pageText(await (await b.get("/me/following")).text())).not.toContain(`Followed thread ${n}`);
  });

  it("counts new posts and comments under a followed tag", async () => {
    const member = await makeUser();
    const b = await signIn(member.username);
    const tag = await db.tag.create({
      data: { name: `followed-${++n}`, description: "A test tag", patterns: "[]" },
      select: { id: true, name: true },
    });
    expect((await b.post("/me/following", { intent: "follow-tag", tagId: tag.id })).status).toBe(302);
    const post = await makePost({ publishedAt: new Date(Date.now() + 1000) });
    const c = await makeComment({ postId: post.id, postedAt: new Date(Date.now() + 1000) });
    await db.postTag.create({ data: { postId: post.id, tagId: tag.id } });
    await db.commentTag.create({ data: { commentId: c.id, tagId: tag.id } });
    expect(pageText(await (await b.get("/me/following")).text())).toContain("1 new posts, 1 new comments");
  });

  it("is for members: readers are sent to sign in, and an unknown post is a 404", async () => {
    const reader = new TestBrowser(base);
    const r = await reader.get("/me/following");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toMatch(/^\/login/);
    const b = await signIn((await makeUser()).username);
    expect((await b.post("/me/following", { intent: "follow-post", postId: 999999 })).status).toBe(404);
    expect(await db.follow.count({ where: { postId: 999999 } })).toBe(0);
  });
});

describe("replies to me", () => {
  it("shows an anonymous browser the replies to what it wrote, new ones marked once", async () => {
    const post = await makePost();
    const me = new TestBrowser(base);
    const mine = idFrom(await me.post(`/posts/${post.slug}`, { intent: "comment", body: "my anonymous question" }));
    const other = new TestBrowser(base);
    await other.post(`/posts/${post.slug}`, { intent: "comment", body: "an answer to you", parentId: mine });
    // My own reply to myself is not a reply to me.
    await me.post(`/posts/${post.slug}`, { intent: "comment", body: "talking to myself", parentId: mine });
    const first = pageText(await (await me.get("/me/replies")).text());
    expect(first).toContain("an answer to you");
    expect(first).toContain('<span class="new-badge">new</span>');
    expect(first).not.toContain("talking to myself");
    const second = pageText(await (await me.get("/me/replies")).text());
    expect(second).toContain("an answer to you");
    expect(second).not.toContain('<span class="new-badge">new</span>');
    // Someone else sees none of it.
    expect(pageText(await (await other.get("/me/replies")).text())).not.toContain("an answer to you");
    expect(pageText(await (await new TestBrowser(base).get("/me/replies")).text())).toContain("Nothing yet");
  });

  it("follows a member's anonymous comment to any browser they sign in on", async () => {
    const member = await makeUser();
    const post = await makePost();
    const laptop = await signIn(member.username);
    const mine = idFrom(
      await laptop.post(`/posts/${post.slug}`, { intent: "comment", body: "anonymous but mine", voice: "anonymous" }),
    );
    await new TestBrowser(base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "reply to the member",
      parentId: mine,
    });
    const phone = await signIn(member.username);
    expect(pageText(await (await phone.get("/me/replies")).text())).toContain("reply to the member");
  });

  it("offers a private feed at an unguessable address, which can be revoked", async () => {
    const post = await makePost();
    const me = new TestBrowser(base);
    const mine = idFrom(await me.post(`/posts/${post.slug}`, { intent: "comment", body: "feed me replies" }));
    await new TestBrowser(base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "a reply for the feed",
      parentId: mine,
    });
    const created = await me.post("/me/replies", { intent: "create-feed" });
    const url = /<span class="secret">([^<]+)</.exec(pageText(await created.text()))![1];
    expect(url).toMatch(/\/me\/replies\.atom\?key=[A-Za-z0-9_-]{32}$/);
    const path = new URL(url).pathname + new URL(url).search;
    const feed = await atom(path);
    expect(feed.response.status).toBe(200);
    expect(
      parseAtom(feed.text)
        .entries.map((e) => e.content["#text"])
        .join(),
    ).toContain("a reply for the feed");
    expect((await atom("/me/replies.atom?key=guessing")).response.status).toBe(404);
    expect((await me.post("/me/replies", { intent: "revoke-feed" })).status).toBe(302);
    expect((await atom(path)).response.status).toBe(404);
  });
});

describe("live threads", () => {
  it("delivers a newly published comment to a connected reader, and not a held one", async () => {
    const post = await makePost();
    const stream = await openEventStream(`${base()}/posts/${post.slug}/events`);
    try {
      const waiting = stream.next("published");
      // A held comment first: the first event a reader gets must be the published one after it.
      await setModerationRules({ ...DEFAULT_RULES, watchedWords: [{ phrase: "held word", action: "hold" }] });
      const held = await new TestBrowser(base).post(`/posts/${post.slug}`, {
        intent: "comment",
        body: "a held word here",
      });
      await setModerationRules(DEFAULT_RULES);
      const r = await new TestBrowser(base).post(`/posts/${post.slug}`, { intent: "comment", body: "live!" });
      const event = await waiting;
      expect(JSON.parse(event.data)).toEqual({ commentId: idFrom(r) });
      // Its placeholder changes the thread's pages, but it is no new comment to show.
      expect(stream.events.some((e) => e.event === "published" && e.data.includes(String(idFrom(held))))).toBe(false);
      // The event names the comment only: nothing about who wrote it.
      expect(event.data).not.toMatch(/author|voice|ref/i);
    } finally {
      stream.close();
    }
    expect((await fetch(`${base()}/posts/no-such-post/events`)).status).toBe(404);
  });

  it("closes dropped streams on the server without leaks", async () => {
    const post = await makePost();
    const before = liveListenerCount();
    for (let round = 0; round < 5; round++) {
      const streams = await Promise.all(
        Array.from({ length: 20 }, () => openEventStream(`${base()}/posts/${post.slug}/events`)),
      );
      expect(liveListenerCount()).toBe(before + 20);
      streams.forEach((s) => s.close());
      await expect.poll(() => liveListenerCount(), { timeout: 5000 }).toBe(before);
    }
  });
});
