// A writing form sent again (after an error, a timeout or a dropped connection, when the first
// sending was in fact stored) writes nothing more and gets the first sending's answer: comments
// with and without JavaScript, at once or one after the other, and posts. On SQLite and on
// PostgreSQL (PICKET_TEST_DB=postgresql).
import { describe, expect, it } from "vitest";
import type { CommentActionData } from "~/routes/thread-action.server";
import { db } from "~/lib/db.server";
import { setCommentsOpen } from "~/models/posts.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, useApp } from "./http";

const base = useApp();
const reader = () => new TestBrowser(base);
let n = 0;

/** A token as a browser makes one for its form. */
const browserToken = () =>
  `b.${Buffer.from(`form ${++n} ${Math.random()}`).toString("base64url").slice(0, 22).padEnd(22, "x")}`;
const fetcherPath = (slug: string) => `/posts/${slug}?_data=${encodeURIComponent("routes/posts.$slug")}`;
const formTokenIn = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1];
const commentsOn = (postId: number) => db.comment.count({ where: { postId } });

/** A reader who has written before (a browser key), with a fresh page's token. */
async function writerWithPage(slug: string) {
  const browser = reader();
  const first = await makePost();
  expect((await browser.post(`/posts/${first.slug}`, { intent: "comment", body: "an earlier comment" })).status).toBe(
    303,
  );
  const token = formTokenIn(await (await browser.get(`/posts/${slug}`)).text());
  expect(token).toMatch(/^s\./);
  return { browser, token: token! };
}

describe("a comment form sent twice", () => {
  it("without JavaScript: the second sending is sent to the same comment, and nothing is written", async () => {
    const post = await makePost();
    const { browser, token } = await writerWithPage(post.slug);
    const form = { intent: "comment", body: "Sent once, I hope.", formToken: token };
    const first = await browser.post(`/posts/${post.slug}`, form);
    expect(first.status).toBe(303);
    const again = await browser.post(`/posts/${post.slug}`, form);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(await commentsOn(post.id)).toBe(1);
    // A reply sent again from the comment's own page, likewise.
    const parentId = Number(/#c-(\d+)$/.exec(first.headers.get("location")!)![1]);
    const replyToken = formTokenIn(
      await (await browser.get(`/posts/${post.slug}/comments/${parentId}?reply=1`)).text(),
    );
    expect(replyToken).toMatch(/^s\./);
    const reply = { intent: "comment", parentId, body: "A reply, once.", formToken: replyToken! };
    const replied = await browser.post(`/posts/${post.slug}/comments/${parentId}`, reply);
    expect((await browser.post(`/posts/${post.slug}/comments/${parentId}`, reply)).headers.get("location")).toBe(
      replied.headers.get("location"),
    );
    expect(await commentsOn(post.id)).toBe(2);
  });

  it("with JavaScript: the same answer, even from a browser whose first answer (and its key) was lost", async () => {
    const post = await makePost();
    const token = browserToken();
    const form = { intent: "comment", body: "My first words here.", js: "1", formToken: token };
    // Each sending from a browser without a key: the first answer's cookie never arrived.
    const first = await reader().post(fetcherPath(post.slug), form);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as CommentActionData;
    expect(answer).toMatchObject({ ok: true, intent: "comment", held: false });
    const again = await reader().post(fetcherPath(post.slug), form);
    expect(await again.json()).toEqual(answer);
    expect(await commentsOn(post.id)).toBe(1);
  });

  it("sent many times at once, one comment is written and every sending gets its answer", async () => {
    const post = await makePost();
    const { browser, token } = await writerWithPage(post.slug);
    const plain = await Promise.all(
      Array.from({ length: 6 }, () =>
        browser.post(`/posts/${post.slug}`, { intent: "comment", body: "All at once.", formToken: token }),
      ),
    );
    expect(plain.map((r) => r.status)).toEqual(Array(6).fill(303));
    expect(new Set(plain.map((r) => r.headers.get("location"))).size).toBe(1);
    const inPage = { intent: "comment", body: "All at once, from the page.", js: "1", formToken: browserToken() };
    const answers = await Promise.all(
      Array.from(
        { length: 6 },
        async () => (await (await reader().post(fetcherPath(post.slug), inPage)).json()) as CommentActionData,
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].ok).toBe(true);
    expect(await commentsOn(post.id)).toBe(2);
  });

  it("a cached page's token is no one writer's: readers sending it each write their own comment", async () => {
    const post = await makePost();
    // Readers without cookies are served the same page, token and all (once it is in the cache).
    const pageToken = async () => formTokenIn(await (await reader().get(`/posts/${post.slug}`)).text());
    let token: string | undefined;
    await expect.poll(async () => (token = await pageToken()) === (await pageToken())).toBe(true);
    expect(token).toMatch(/^s\./);
    const form = { intent: "comment", body: "Solidarity!", formToken: token! };
    const sent = await Promise.all([reader(), reader(), reader()].map((b) => b.post(`/posts/${post.slug}`, form)));
    expect(new Set(sent.map((r) => r.headers.get("location"))).size).toBe(3);
    // Writers with a key, sending the same cached page's token.
    const { browser: one } = await writerWithPage(post.slug);
    const { browser: two } = await writerWithPage(post.slug);
    expect((await one.post(`/posts/${post.slug}`, form)).headers.get("location")).not.toBe(
      (await two.post(`/posts/${post.slug}`, form)).headers.get("location"),
    );
    expect(await commentsOn(post.id)).toBe(5);
  });

  it("the same form with other words is another comment; a refused sending can be sent again", async () => {
    const post = await makePost();
    const { browser, token } = await writerWithPage(post.slug);
    await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "One thing.", formToken: token });
    await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "Another thing.", formToken: token });
    expect(await commentsOn(post.id)).toBe(2);
    // Refused, nothing is kept of it: sent again once it can be written, it is.
    const closed = await makePost({ commentsOpen: false });
    const form = { intent: "comment", body: "Too early?", formToken: token };
    expect((await browser.post(`/posts/${closed.slug}`, form)).status).toBe(403);
    await setCommentsOpen({ postId: closed.id, open: true });
    expect((await browser.post(`/posts/${closed.slug}`, form)).status).toBe(303);
    expect(await commentsOn(closed.id)).toBe(1);
  });

  it("a held comment sent again is answered as held, and still waits once in the queue", async () => {
    const post = await makePost();
    const { browser, token } = await writerWithPage(post.slug);
    const form = {
      intent: "comment",
      body: "[a](https://example.org/a) [b](https://example.org/b) [c](https://example.org/c) [d](https://example.org/d)",
      js: "1",
      formToken: token,
    };
    const { setModerationRules, DEFAULT_RULES } = await import("~/models/rules.server");
    await setModerationRules({ ...DEFAULT_RULES, maxLinks: 1 });
    try {
      const first = (await (await browser.post(fetcherPath(post.slug), form)).json()) as Extract<
        CommentActionData,
        { ok: true }
      >;
      expect(first.held).toBe(true);
      expect(await (await browser.post(fetcherPath(post.slug), form)).json()).toEqual(first);
    } finally {
      await setModerationRules(DEFAULT_RULES);
    }
    expect(await db.comment.count({ where: { postId: post.id, status: "held" } })).toBe(1);
  });
});

describe("the forms carry their one-time token", () => {
  it("the thread's form (shared with the page, counted with its writer) and a comment's reply form, its own", async () => {
    const post = await makePost();
    const { browser } = await writerWithPage(post.slug);
    const first = formTokenIn(await (await browser.get(`/posts/${post.slug}`)).text());
    expect(first).toMatch(/^s\.[A-Za-z0-9_-]{22}$/);
    const id = Number(
      /#c-(\d+)$/.exec(
        (await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "a parent" })).headers.get("location")!,
      )![1],
    );
    const replyPage = () => browser.get(`/posts/${post.slug}/comments/${id}?reply=1`).then((r) => r.text());
    const [one, two] = [formTokenIn(await replyPage()), formTokenIn(await replyPage())];
    expect(one).toMatch(/^s\./);
    expect(two).not.toBe(one);
  });
});

describe("a post sent twice", () => {
  it("a member's submission: one post for the editors, the same answer", async () => {
    const member = await makeUser({ username: `resender${++n}` });
    const browser = reader();
    expect(
      (await browser.post("/login", { username: member.username, password: "correct horse battery" })).status,
    ).toBe(302);
    const token = formTokenIn(await (await browser.get("/submit")).text());
    expect(token).toMatch(/^s\./);
    const title = `Night shift report ${n}`;
    const form = {
      title,
      body: "What happened at Riverside.",
      suggestedTags: "",
      voice: "anonymous",
      formToken: token!,
    };
    const sent = await Promise.all([browser.post("/submit", form), browser.post("/submit", form)]);
    const again = await browser.post("/submit", form);
    for (const r of [...sent, again]) expect(r.headers.get("location")).toBe("/me/submissions");
    expect(await db.post.count({ where: { title } })).toBe(1);
    const { data } = await browser.data("/me/submissions", "routes/me.submissions");
    expect(data.submissions.filter((s: { title: string }) => s.title === title)).toHaveLength(1);
  });

  it("an editor's new post: one post, the same address", async () => {
    const editor = await makeUser({ username: `resending-editor${++n}`, role: "editor" });
    const browser = reader();
    expect(
      (await browser.post("/login", { username: editor.username, password: "correct horse battery" })).status,
    ).toBe(302);
    const token = formTokenIn(await (await browser.get("/admin/posts/new")).text());
    expect(token).toMatch(/^s\./);
    const title = `Ballot result ${n}`;
    const form = { title, body: "The branch voted.", voice: "member", formToken: token! };
    const sent = await Promise.all([browser.post("/admin/posts/new", form), browser.post("/admin/posts/new", form)]);
    const again = await browser.post("/admin/posts/new", form);
    expect(new Set([...sent, again].map((r) => r.headers.get("location"))).size).toBe(1);
    expect(await db.post.count({ where: { title } })).toBe(1);
  });
});
