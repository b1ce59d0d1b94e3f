// Threaded comments through the real routes: the plain-form path (no JavaScript), the
// in-page path (js=1), voices, the edit window, tombstones, pagination and privacy.
import { describe, expect, it } from "vitest";
import type { CommentActionData } from "~/routes/thread-action.server";
import { db } from "~/lib/db.server";
import { EDIT_WINDOW_MS } from "~/models/comments.server";
import { TOP_LEVEL_PER_PAGE } from "~/models/thread.server";
import { rerenderAll } from "~/models/comments.server";
import { aBrowserKey, makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp, type Personal } from "./http";

const base = useApp();
const reader = () => new TestBrowser(base);

async function postComment(browser: TestBrowser, slug: string, fields: Record<string, string | number>) {
  // The in-page form posts as a Remix fetcher does: to the route's data URL.
  const path =
    fields.js === "1" ? `/posts/${slug}?_data=${encodeURIComponent("routes/posts.$slug")}` : `/posts/${slug}`;
  return browser.post(path, { intent: "comment", ...fields });
}

function commentIdFrom(response: Response): number {
  const location = response.headers.get("location") ?? "";
  const match = /#c-(\d+)$/.exec(location);
  if (!match) throw new Error(`No comment anchor in redirect "${location}" (status ${response.status})`);
  return Number(match[1]);
}

async function threadData(browser: TestBrowser, slug: string, query = "") {
  const { data } = await browser.data(`/posts/${slug}${query}`, "routes/posts.$slug");
  return data;
}

function flatten<T extends { replies?: T[] }>(nodes: T[]): T[] {
  return nodes.flatMap((n) => [n, ...flatten(n.replies ?? [])]);
}

describe("writing without JavaScript", () => {
  it("posts an anonymous comment, sets the browser key cookie and redirects to the comment's anchor", async () => {
    const post = await makePost();
    const browser = reader();
    const response = await postComment(browser, post.slug, { body: "Solidarity from the *night shift*." });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(new RegExp(`^/posts/${post.slug}#c-\\d+$`));
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("picket_voice="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const id = commentIdFrom(response);
    const html = await (await browser.get(`/posts/${post.slug}`)).text();
    expect(html).toContain(`id="c-${id}"`);
    expect(html).toContain("Solidarity from the <em>night shift</em>.");
    expect(pageText(html)).toMatch(/Anonymous ·[0-9A-Z]{4}/);
  });

  it("replies to a comment, nested under it", async () => {
    const post = await makePost();
    const parent = await makeComment({ postId: post.id, body: "Who covers high-risk cases?" });
    const browser = reader();
    const response = await postComment(browser, post.slug, { body: "The duty rota does.", parentId: parent.id });
    expect(response.status).toBe(303);
    const id = commentIdFrom(response);
    const { thread } = await threadData(browser, post.slug);
    const root = thread.comments.find((c) => c.id === parent.id);
    expect(root?.replies?.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(root?.replies?.[0].replies, "a reply without replies carries no empty list").toBeUndefined();
  });

  it("keeps the same poster tag for one browser in one thread, and another for another thread or browser", async () => {
    const first = await makePost();
    const second = await makePost();
    const me = reader();
    const other = reader();
    await postComment(me, first.slug, { body: "one" });
    await postComment(me, first.slug, { body: "two" });
    await postComment(other, first.slug, { body: "three" });
    await postComment(me, second.slug, { body: "four" });
    const tags = await db.comment.findMany({
      where: { postId: { in: [first.id, second.id] } },
      orderBy: { id: "asc" },
      select: { voiceCode: true },
    });
    const [one, two, three, four] = tags.map((t) => t.voiceCode);
    expect(one).toBe(two);
    expect(three).not.toBe(one);
    expect(four).not.toBe(one);
  });

  it("signs with a pseudonym, and shows a tripcode for name#secret without the secret", async () => {
    const post = await makePost();
    const browser = reader();
    await postComment(browser, post.slug, { body: "plain name", voice: "pseudonym", name: "Night Shift" });
    await postComment(browser, post.slug, { body: "tripcode", voice: "pseudonym", name: "Grumpy PO#kettle on" });
    await postComment(reader(), post.slug, {
      body: "same secret elsewhere",
      voice: "pseudonym",
      name: "Grumpy PO#kettle on",
    });
    await postComment(reader(), post.slug, { body: "impostor", voice: "pseudonym", name: "Grumpy PO#guess" });
    const html = pageText(await (await browser.get(`/posts/${post.slug}`)).text());
    expect(html).toContain("Night Shift");
    const codes = [...html.matchAll(/class="author">Grumpy PO ◆([0-9A-Z]{8})</g)].map((m) => m[1]);
    expect(codes).toHaveLength(3);
    expect(codes[0]).toBe(codes[1]);
    expect(codes[2]).not.toBe(codes[0]);
    expect(html).not.toContain("kettle on");
  });

  it("answers the in-page form (js=1) with JSON instead of a redirect", async () => {
    const post = await makePost();
    const browser = reader();
    const response = await postComment(browser, post.slug, { body: "posted in place", js: "1" });
    expect(response.status).toBe(200);
    const data = (await response.json()) as Extract<CommentActionData, { ok: true }>;
    expect(data).toMatchObject({ ok: true, intent: "comment" });
    expect(data.location).toBe(`/posts/${post.slug}#c-${data.commentId}`);
    const bad = await postComment(browser, post.slug, { body: "  ", js: "1" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, field: "body", values: { body: "  " } });
  });
});

describe("refusing bad input, keeping the text and writing nothing", () => {
  const cases: [string, (ids: { parentElsewhere: number }) => Record<string, string | number>, number, RegExp][] = [
    ["an empty body", () => ({ body: "" }), 400, /Write something/],
    ["a whitespace-only body", () => ({ body: " \n\t " }), 400, /Write something/],
    ["a body over 10,000 characters", () => ({ body: "x".repeat(10_001) }), 400, /at most 10,000 characters/],
    [
      "a name over 40 characters",
      () => ({ body: "kept text", voice: "pseudonym", name: "n".repeat(41) }),
      400,
      /at most 40 characters/,
    ],
    [
      "a name with an invisible character",
      () => ({ body: "kept text", voice: "pseudonym", name: "Ro\u200Bsa" }),
      400,
      /control or invisible/,
    ],
    [
      "a name with a control character",
      () => ({ body: "kept text", voice: "pseudonym", name: "Ro\u0007sa" }),
      400,
      /control or invisible/,
    ],
    [
      "a right-to-left override in a name",
      () => ({ body: "kept text", voice: "pseudonym", name: "\u202Easor" }),
      400,
      /control or invisible/,
    ],
    ["an empty pseudonym", () => ({ body: "kept text", voice: "pseudonym", name: "" }), 400, /Write a name/],
    ["a reserved name", () => ({ body: "kept text", voice: "pseudonym", name: "Admin" }), 403, /reserved/],
    [
      "a lookalike of a reserved name",
      () => ({ body: "kept text", voice: "pseudonym", name: "M0derator" }),
      403,
      /reserved/,
    ],
    ["a parent that does not exist", () => ({ body: "kept text", parentId: 999_999 }), 400, /not in this thread/],
    [
      "a parent from another post",
      ({ parentElsewhere }) => ({ body: "kept text", parentId: parentElsewhere }),
      400,
      /not in this thread/,
    ],
    [
      "a parent id that is not a number",
      () => ({ body: "kept text", parentId: "1 OR 1=1" }),
      400,
      /not in this thread/,
    ],
    ["a member voice without an account", () => ({ body: "kept text", voice: "member" }), 403, /Sign in/],
    ["an unknown intent", () => ({ body: "kept text", intent: "drop-tables" }), 400, /not understood/],
  ];

  for (const [what, fields, status, message] of cases) {
    it(`${what}: ${status}`, async () => {
      const post = await makePost();
      const elsewhere = await makePost();
      const parentElsewhere = (await makeComment({ postId: elsewhere.id })).id;
      const before = await db.comment.count();
      const form = fields({ parentElsewhere });
      const response = await postComment(reader(), post.slug, form);
      expect(response.status).toBe(status);
      const html = pageText(await response.text());
      expect(html).toMatch(message);
      expect(html).toContain('role="alert"');
      if (String(form.body).trim()) expect(html).toContain(String(form.body).slice(0, 200));
      if (form.name) expect(html).toContain(`value="${form.name}"`);
      expect(await db.comment.count()).toBe(before);
    });
  }

  it("a reply refused on the focused page keeps the text there", async () => {
    const post = await makePost();
    const parent = await makeComment({ postId: post.id });
    const response = await reader().post(`/posts/${post.slug}/comments/${parent.id}`, {
      intent: "comment",
      parentId: parent.id,
      body: "my careful reply",
      voice: "pseudonym",
      name: "Admin",
    });
    expect(response.status).toBe(403);
    const html = pageText(await response.text());
    expect(html).toContain("my careful reply");
    expect(html).toMatch(/<details id="reply" open/);
  });

  it("a member's username cannot be taken as a pseudonym, whatever its spelling", async () => {
    await makeUser({ username: "Rosa Luxe" });
    const post = await makePost();
    for (const name of ["Rosa Luxe", "rosa luxe", "R0sa Luxe", "Rosa  Luxe".replace("  ", " ")]) {
      const response = await postComment(reader(), post.slug, { body: "hello", voice: "pseudonym", name });
      expect(response.status, name).toBe(403);
    }
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("a closed post refuses comments (403) and says so", async () => {
    const post = await makePost({ commentsOpen: false });
    const response = await postComment(reader(), post.slug, { body: "too late" });
    expect(response.status).toBe(403);
    expect(pageText(await response.text())).toContain("Comments are closed on this post.");
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("an unknown post is a 404 for writing too", async () => {
    const response = await postComment(reader(), "no-such-post", { body: "hello" });
    expect(response.status).toBe(404);
  });
});

describe("editing and deleting", () => {
  async function myComment() {
    const post = await makePost();
    const browser = reader();
    const id = commentIdFrom(await postComment(browser, post.slug, { body: "first version" }));
    return { post, browser, id };
  }

  it("the same browser edits within 15 minutes and the comment says it was edited", async () => {
    const { post, browser, id } = await myComment();
    const form = await (await browser.get(`/posts/${post.slug}/comments/${id}?edit=1`)).text();
    expect(form).toContain("first version");
    const response = await browser.post(`/posts/${post.slug}/comments/${id}`, {
      intent: "edit",
      commentId: id,
      body: "second **version**",
    });
    expect(response.status).toBe(303);
    const html = pageText(await (await browser.get(`/posts/${post.slug}`)).text());
    expect(html).toContain("second <strong>version</strong>");
    expect(html).toContain(`class="edited">edited<`);
    const stored = await db.comment.findUniqueOrThrow({ where: { id }, select: { bodyMarkdown: true } });
    expect(stored.bodyMarkdown).toBe("second **version**");
  });

  it("another browser cannot edit or delete it (403), and nothing changes", async () => {
    const { post, id } = await myComment();
    const stranger = reader();
    await postComment(stranger, post.slug, { body: "I have a cookie too" });
    const edit = await stranger.post(`/posts/${post.slug}/comments/${id}`, {
      intent: "edit",
      commentId: id,
      body: "hijacked",
    });
    expect(edit.status).toBe(403);
    expect(pageText(await edit.text())).toContain("hijacked");
    const del = await stranger.post(`/posts/${post.slug}`, { intent: "delete", commentId: id });
    expect(del.status).toBe(403);
    const noCookie = await reader().post(`/posts/${post.slug}`, { intent: "delete", commentId: id });
    expect(noCookie.status).toBe(403);
    expect(await db.comment.findUniqueOrThrow({ where: { id }, select: { bodyMarkdown: true, status: true } })).toEqual(
      { bodyMarkdown: "first version", status: "published" },
    );
  });

  it("editing after the window is refused (403) with the text kept", async () => {
    const { post, browser, id } = await myComment();
    await db.comment.update({ where: { id }, data: { createdAt: new Date(Date.now() - EDIT_WINDOW_MS - 1000) } });
    const response = await browser.post(`/posts/${post.slug}/comments/${id}`, {
      intent: "edit",
      commentId: id,
      body: "too late an edit",
    });
    expect(response.status).toBe(403);
    expect(pageText(await response.text())).toContain("too late an edit");
    expect((await db.comment.findUniqueOrThrow({ where: { id }, select: { bodyMarkdown: true } })).bodyMarkdown).toBe(
      "first version",
    );
    const html = await (await browser.get(`/posts/${post.slug}`)).text();
    expect(html).not.toContain(`/comments/${id}?edit=1`);
  });

  it("deleting leaves a tombstone that keeps the replies in place, at any time", async () => {
    const { post, browser, id } = await myComment();
    const reply = await makeComment({ postId: post.id, parentId: id, body: "a reply that must stay" });
    await db.comment.update({ where: { id }, data: { createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000) } });
    const response = await browser.post(`/posts/${post.slug}`, { intent: "delete", commentId: id });
    expect(response.status).toBe(303);
    const html = pageText(await (await reader().get(`/posts/${post.slug}`)).text());
    expect(html).toContain("Deleted by its author.");
    expect(html).not.toContain("first version");
    expect(html).toContain("a reply that must stay");
    const { thread } = await threadData(reader(), post.slug);
    expect(thread.comments[0]).toMatchObject({ id, status: "deleted", author: "" });
    expect(thread.comments[0].main).not.toContain("first version");
    expect(thread.comments[0].replies?.[0].id).toBe(reply.id);
    const again = await browser.post(`/posts/${post.slug}`, { intent: "delete", commentId: id });
    expect(again.status).toBe(409);
  });
});

describe("reading a thread", () => {
  it("sends every character of a long page whole: no stray NUL where a character crosses the renderer's 2 KB chunks", async () => {
    const post = await makePost();
    // Runs of three-byte characters (and some two- and four-byte ones) across about 50 of the
    // renderer's 2 KB chunks: a chunk that ends inside one of them must not be cut short.
    const bodies = Array.from({ length: 60 }, (_, i) => `${i} ${"—".repeat(150 + i)} ünïon 💪`);
    for (const body of bodies) await makeComment({ postId: post.id, body });
    for (const browser of [reader(), reader()]) {
      // The first reader's page is made; the second gets the cached copy.
      const bytes = Buffer.from(await (await browser.get(`/posts/${post.slug}`)).arrayBuffer());
      expect(bytes.length).toBeGreaterThan(40_000);
      expect(bytes.indexOf(0), "a NUL byte in the page").toBe(-1);
      const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      expect(html).not.toContain("\uFFFD");
      for (const body of bodies) expect(html).toContain(`<p>${body}</p>`);
    }
  });

  it("indents six levels, and continues deeper branches on the focused view with ancestors", async () => {
    const post = await makePost({ title: "A deep argument" });
    let parentId: number | null = null;
    const chain: number[] = [];
    for (let depth = 0; depth < 9; depth++) {
      const c = await makeComment({ postId: post.id, parentId, body: `level ${depth}` });
      chain.push(c.id);
      parentId = c.id;
    }
    const html = pageText(await (await reader().get(`/posts/${post.slug}`)).text());
    expect(html).toContain("level 5");
    expect(html).not.toContain("level 6");
    expect(html).toContain(`href="/posts/${post.slug}/comments/${chain[5]}"`);
    expect(html).toMatch(/Continue this thread \(3 more replies\)/);

    const focusedHtml = await (await reader().get(`/posts/${post.slug}/comments/${chain[5]}`)).text();
    // The page names itself in one heading, as every page does.
    expect(focusedHtml.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(pageText(/<h1[^>]*>(.*?)<\/h1>/s.exec(focusedHtml)![1].replace(/<[^>]+>/g, ""))).toBe(
      "A comment on A deep argument",
    );
    const focused = pageText(focusedHtml);
    for (let depth = 0; depth <= 8; depth++) expect(focused).toContain(`level ${depth}`);
    expect(focused.indexOf("level 0")).toBeLessThan(focused.indexOf("level 5"));
    expect(focused.indexOf("level 5")).toBeLessThan(focused.indexOf("level 8"));
  });

  it("collapses any branch without JavaScript: every comment is an open <details>", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id });
    await makeComment({ postId: post.id, parentId: c.id });
    const html = await (await reader().get(`/posts/${post.slug}`)).text();
    expect(html.match(/<details open="">/g)?.length).toBe(2);
    expect(html).toMatch(/<li class="comment" id="c-\d+"( data-voice="[^"]*")?><details open=""><summary>/);
  });

  it("sorts oldest first by default and newest first on request; replies stay oldest first", async () => {
    const post = await makePost();
    const a = await makeComment({ postId: post.id, body: "A" });
    const b = await makeComment({ postId: post.id, body: "B" });
    const r1 = await makeComment({ postId: post.id, parentId: a.id });
    const r2 = await makeComment({ postId: post.id, parentId: a.id });
    const oldest = await threadData(reader(), post.slug);
    expect(oldest.thread.comments.map((c) => c.id)).toEqual([a.id, b.id]);
    const newest = await threadData(reader(), post.slug, "?sort=newest");
    expect(newest.thread.comments.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(newest.thread.comments[1].replies?.map((c: { id: number }) => c.id)).toEqual([r1.id, r2.id]);
  });

  it(`paginates by top-level comment beyond ${TOP_LEVEL_PER_PAGE}, and a permalink finds the page that holds a comment`, async () => {
    const post = await makePost();
    const ids: number[] = [];
    for (let i = 0; i < TOP_LEVEL_PER_PAGE + 5; i++)
      ids.push((await makeComment({ postId: post.id, body: `top ${i}` })).id);
    const late = ids[TOP_LEVEL_PER_PAGE + 2];
    const reply = await makeComment({ postId: post.id, parentId: late, body: "reply on page two" });

    const first = await threadData(reader(), post.slug);
    expect(first.thread).toMatchObject({ page: 1, pages: 2, topLevelCount: TOP_LEVEL_PER_PAGE + 5 });
    expect(first.thread.comments).toHaveLength(TOP_LEVEL_PER_PAGE);
    const second = await threadData(reader(), post.slug, "?page=2");
    expect(second.thread.comments.map((c) => c.id)).toEqual(ids.slice(TOP_LEVEL_PER_PAGE));
    expect(flatten(second.thread.comments).map((c) => c.id)).toContain(reply.id);

    const focused = await (await reader().get(`/posts/${post.slug}/comments/${reply.id}`)).text();
    expect(focused).toContain(`href="/posts/${post.slug}?page=2#c-${reply.id}"`);

    // A new reply to a comment on page two redirects to page two.
    const response = await postComment(reader(), post.slug, { body: "another reply", parentId: late });
    expect(response.headers.get("location")).toMatch(new RegExp(`^/posts/${post.slug}\\?page=2#c-\\d+$`));
    const newest = await threadData(reader(), post.slug, "?sort=newest");
    expect(newest.thread.comments[0].id).toBe(ids[ids.length - 1]);
    expect(newest.thread.comments).toHaveLength(TOP_LEVEL_PER_PAGE);
    const oldestLast = await threadData(reader(), post.slug, "?sort=newest&page=2");
    expect(oldestLast.thread.comments.map((c) => c.id)).toEqual(ids.slice(0, 5).reverse());
  });

  it("reaches every page when held comments are among the first: pages are cut over every top-level comment", async () => {
    const post = await makePost();
    const held: number[] = [];
    for (let i = 0; i < 3; i++) held.push((await makeComment({ postId: post.id, body: `waiting ${i}` })).id);
    await db.comment.updateMany({ where: { id: { in: held } }, data: { status: "held", holdReason: "test" } });
    const ids: number[] = [];
    for (let i = 0; i < TOP_LEVEL_PER_PAGE; i++)
      ids.push((await makeComment({ postId: post.id, body: `in place ${i}` })).id);
    // Page 1 holds the 3 held ones (a placeholder each for a reader) and 97 others.
    const first = await threadData(reader(), post.slug);
    expect(first.thread).toMatchObject({ page: 1, pages: 2, topLevelCount: TOP_LEVEL_PER_PAGE + 3 });
    expect(first.thread.comments).toHaveLength(TOP_LEVEL_PER_PAGE);
    expect(first.thread.comments.slice(0, 3).map((c) => [c.id, c.status, c.main.includes("waiting")])).toEqual(
      held.map((id) => [id, "withheld", false]),
    );
    const second = await threadData(reader(), post.slug, "?page=2");
    expect(second.thread.comments.map((c) => c.id)).toEqual(ids.slice(-3));
    // The permalink and a new comment's redirect both name the page that holds them.
    const last = ids[ids.length - 1];
    expect(await (await reader().get(`/posts/${post.slug}/comments/${last}`)).text()).toContain(
      `href="/posts/${post.slug}?page=2#c-${last}"`,
    );
    const response = await postComment(reader(), post.slug, { body: "one more" });
    expect(response.headers.get("location")).toMatch(new RegExp(`^/posts/${post.slug}\\?page=2#c-\\d+$`));
  });

  it("shows comment counts on the home page", async () => {
    const post = await makePost({ title: "Counting comments", publishedAt: new Date(Date.now() + 60_000) });
    for (let i = 0; i < 4; i++) await makeComment({ postId: post.id });
    const deleted = await reader().post(`/posts/${post.slug}`, { intent: "comment", body: "to delete" });
    expect(deleted.status).toBe(303);
    const html = pageText(await (await reader().get("/")).text());
    expect(html).toMatch(/Counting comments[\s\S]*?5 comments/);
  });
});

describe("markdown", () => {
  it("keeps the raw markdown, stores clean HTML and re-renders on command", async () => {
    const post = await makePost();
    const body = "Read [the ballot](https://example.org/ballot) <script>alert(1)</script> [x](javascript:alert(1))";
    const id = commentIdFrom(await postComment(reader(), post.slug, { body }));
    const stored = await db.comment.findUniqueOrThrow({
      where: { id },
      select: { bodyMarkdown: true, bodyHtml: true },
    });
    expect(stored.bodyMarkdown).toBe(body);
    expect(stored.bodyHtml).toContain(
      '<a href="https://example.org/ballot" rel="nofollow ugc noopener noreferrer">the ballot</a>',
    );
    expect(stored.bodyHtml).not.toMatch(/<script|href="javascript/i);

    await db.comment.update({ where: { id }, data: { bodyHtml: "<p>stale rendering</p>" } });
    expect(await rerenderAll()).toBeGreaterThanOrEqual(1);
    expect((await db.comment.findUniqueOrThrow({ where: { id }, select: { bodyHtml: true } })).bodyHtml).toBe(
      stored.bodyHtml,
    );
  });
});

describe("privacy", () => {
  it("thread pages and loader data carry no author reference, browser key or tripcode secret", async () => {
    const post = await makePost();
    const browser = reader();
    await postComment(browser, post.slug, { body: "anonymous one" });
    await postComment(browser, post.slug, {
      body: "pseudonymous",
      voice: "pseudonym",
      name: "Lanyard Lou#secret phrase",
    });
    const other = await makeComment({ postId: post.id, writer: { browserKey: aBrowserKey() } });
    const focusTarget = other.id;
    const browserKey = browser.cookies.get("picket_voice")!;
    expect(browserKey).toBeTruthy();
    const refs = (await db.comment.findMany({ where: { postId: post.id }, select: { authorRef: true } })).map(
      (c) => c.authorRef,
    );
    expect(refs.length).toBe(3);

    const pages = [
      await (await browser.get(`/posts/${post.slug}`)).text(),
      (await browser.data(`/posts/${post.slug}`, "routes/posts.$slug")).text,
      await (await browser.get(`/posts/${post.slug}/comments/${focusTarget}`)).text(),
      (await browser.data(`/posts/${post.slug}/comments/${focusTarget}`, "routes/posts.$slug_.comments.$id")).text,
      await (await browser.get("/")).text(),
      (await browser.data("/", "routes/_index")).text,
    ];
    for (const page of pages) {
      for (const ref of refs) expect(page).not.toContain(ref);
      expect(page).not.toContain(decodeURIComponent(browserKey).replace(/"/g, ""));
      expect(page).not.toContain("secret phrase");
      expect(page).not.toMatch(/authorRef|browserKey|userId|passwordHash/);
    }
    // The writer still learns which comments are theirs, by id, from their personal part.
    const personal = await browser.get(`/me.json?post=${post.slug}`).then((r) => r.text());
    for (const ref of refs) expect(personal).not.toContain(ref);
    expect(personal).not.toContain(decodeURIComponent(browserKey).replace(/"/g, ""));
    expect(personal).not.toMatch(/authorRef|browserKey|userId|passwordHash|secret phrase/);
    expect((JSON.parse(personal) as Personal).thread?.own).toHaveLength(2);
  });
});
