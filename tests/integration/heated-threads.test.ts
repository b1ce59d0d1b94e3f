// Heated threads (issue 25) over HTTP: slow mode per voice with its exemptions, closing and
// reopening now and at a set time, cooling on a burst of flags, staff notes that no reader's page
// or feed ever carries, the voice key muting reads, taking back everything a writer wrote, and
// the moderators' overview. Every staff action is in the public log without the moderator's name.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { authorRef } from "~/lib/keys.server";
import { scheduleThread } from "~/models/moderation.server";
import { DEFAULT_RULES, setModerationRules } from "~/models/rules.server";
import { COOLING_HOLD } from "~/models/limits.server";
import { makeComment, makePost, makeUser } from "../factories";
import { pageText, useApp, type TestBrowser } from "./http";
import { readerOn, uniqueWord } from "./reach";
import { killServerProcesses, startServerProcess } from "../server-process";

const base = useApp();

type Staff = TestBrowser & { user: { id: number; username: string } };
let moderator: Staff;
let editor: Staff;
let admin: Staff;

async function signIn(role: "moderator" | "editor" | "admin" | "member"): Promise<Staff> {
  const user = await makeUser({ role });
  const browser = readerOn(base());
  expect((await browser.post("/login", { username: user.username, password: "correct horse battery" })).status).toBe(
    302,
  );
  return Object.assign(browser, { user });
}

beforeAll(async () => {
  [moderator, editor, admin] = [await signIn("moderator"), await signIn("editor"), await signIn("admin")];
});

afterEach(async () => {
  await setModerationRules({ ...DEFAULT_RULES, holdAfterDays: null, burst: null });
});

const tools = (slug: string) => `/moderation/threads/${slug}`;
const act = (who: TestBrowser, slug: string, fields: Record<string, string | number>) => who.post(tools(slug), fields);
const comment = (who: TestBrowser, slug: string, body: string, fields: Record<string, string | number> = {}) =>
  who.post(`/posts/${slug}`, { intent: "comment", body, ...fields });
const thread = async (slug: string) => pageText(await (await fetch(`${base()}/posts/${slug}`)).text());
/** The public log's words, without its markup (its links name the item). */
const publicLog = async () =>
  pageText((await (await fetch(`${base()}/modlog`)).text()).split("window.__remixContext")[0].replace(/<[^>]+>/g, ""));
/** A page's markup, without the copy of its data Remix writes after it. */
const markup = (html: string) => html.split("window.__remixContext")[0];
const commentsOf = (postId: number) => db.comment.count({ where: { postId } });

describe("slow mode", () => {
  it("lets each voice comment once in the wait, tells a writer too quick when, keeps the text and writes nothing", async () => {
    const post = await makePost();
    const why = uniqueWord("slow");
    expect((await act(moderator, post.slug, { intent: "slow", seconds: 120, reason: `Tempers ${why}` })).status).toBe(
      303,
    );
    expect(await thread(post.slug)).toMatch(
      new RegExp(`Slow mode since .* UTC: each voice may comment once every 2 minutes here. Why: Tempers ${why}`),
    );

    const writer = readerOn(base());
    expect((await comment(writer, post.slug, "First, within the rules")).status).toBe(303);
    const text = `Second too soon ${uniqueWord("keep")}`;
    const refused = await comment(writer, post.slug, text);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(100);
    const page = pageText(await refused.text());
    expect(page).toMatch(/each voice may comment once every 2 minutes\. You may post again at \d\d:\d\d:\d\d UTC/);
    expect(page).toContain(text);
    expect(await commentsOf(post.id)).toBe(1);

    // A reply counts as a comment of the same voice; another voice is not slowed by this one.
    const first = await db.comment.findFirstOrThrow({ where: { postId: post.id }, select: { id: true } });
    expect((await comment(writer, post.slug, "A reply, also too soon", { parentId: first.id })).status).toBe(429);
    expect((await comment(readerOn(base()), post.slug, "Another voice")).status).toBe(303);
    expect(await commentsOf(post.id)).toBe(2);
  });

  it("counts a member's account as one voice whatever name it signs with; moderators and editors are exempt", async () => {
    const post = await makePost();
    await act(moderator, post.slug, { intent: "slow", seconds: 600, reason: "Too hot" });
    const member = await signIn("member");
    expect((await comment(member, post.slug, "As myself", { voice: "member" })).status).toBe(303);
    expect((await comment(member, post.slug, "Now anonymously", { voice: "anonymous" })).status).toBe(429);
    expect((await comment(member, post.slug, "As a pseudonym", { voice: "pseudonym", name: "Quiet One" })).status).toBe(
      429,
    );
    for (const staff of [moderator, editor]) {
      expect((await comment(staff, post.slug, "Calm down, all")).status).toBe(303);
      expect((await comment(staff, post.slug, "And again")).status).toBe(303);
    }
    expect(await commentsOf(post.id)).toBe(5);
  });

  it("ends when turned off; refuses bad waits and reasons, and anyone but a moderator", async () => {
    const post = await makePost();
    for (const [fields, message] of [
      [{ intent: "slow", seconds: 5, reason: "x" }, "Choose how long each voice waits"],
      [{ intent: "slow", seconds: "soon", reason: "x" }, "Choose how long each voice waits"],
      [{ intent: "slow", seconds: 120, reason: "  " }, "Give a reason"],
      [{ intent: "slow", seconds: 120, reason: "r".repeat(301) }, "at most 300 characters"],
      [{ intent: "slow-off", reason: "" }, "Slow mode is not on"],
      [{ intent: "melt", reason: "x" }, "The form was not understood"],
    ] as const) {
      const refused = await act(moderator, post.slug, fields);
      expect(refused.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(pageText(await refused.text())).toContain(message);
    }
    expect((await act(moderator, "no-such-thread", { intent: "slow", seconds: 60, reason: "x" })).status).toBe(404);
    expect((await act(await signIn("member"), post.slug, { intent: "slow", seconds: 60, reason: "x" })).status).toBe(
      403,
    );
    const reader = await act(readerOn(base()), post.slug, { intent: "slow", seconds: 60, reason: "x" });
    expect(reader.status).toBe(302);
    expect(reader.headers.get("location")).toMatch(/^\/login/);
    expect(await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { slowModeSeconds: true } })).toEqual({
      slowModeSeconds: null,
    });

    await act(moderator, post.slug, { intent: "slow", seconds: 3600, reason: "Night shift" });
    const writer = readerOn(base());
    await comment(writer, post.slug, "Once");
    expect((await comment(writer, post.slug, "Twice")).status).toBe(429);
    expect((await act(moderator, post.slug, { intent: "slow-off", reason: "Calmer now" })).status).toBe(303);
    expect((await comment(writer, post.slug, "Twice")).status).toBe(303);
    expect(await thread(post.slug)).not.toContain("Slow mode");
    const log = await publicLog();
    expect(log).toContain("one comment every 1 hour per voice: Night shift");
    expect(log).toContain("slow mode off: Calmer now");
    expect(log).not.toContain(moderator.user.username);
  });
});

describe("closing and reopening", () => {
  it("closes a thread now: it stays readable, says why, takes no comment (text kept); reopened, it takes them", async () => {
    const title = `Overtime ban ${uniqueWord("titl")}`;
    const post = await makePost({ title });
    await makeComment({ postId: post.id, body: "Said before the close" });
    const why = `Ballot result tomorrow ${uniqueWord("clos")}`;
    expect((await act(moderator, post.slug, { intent: "close", reason: why })).status).toBe(303);
    const page = await thread(post.slug);
    expect(page).toContain(`Comments are closed on this post: ${why}`);
    expect(page).toContain("Said before the close");
    expect(page).not.toContain("Add a comment");
    expect(pageText(await (await fetch(`${base()}/`)).text())).toContain("comments closed");

    const refused = await comment(readerOn(base()), post.slug, "Too late to say this");
    expect(refused.status).toBe(403);
    expect(pageText(await refused.text())).toContain("Too late to say this");
    expect(await commentsOf(post.id)).toBe(1);
    expect((await act(moderator, post.slug, { intent: "close", reason: why })).status).toBe(409);
    expect((await act(moderator, post.slug, { intent: "reopen", reason: "" })).status).toBe(303);
    expect((await comment(readerOn(base()), post.slug, "Open again")).status).toBe(303);
    const log = await publicLog();
    expect(log).toContain(`A moderator closed comments on a post on “${title}”`);
    expect(log).toContain(why);
    expect(log).toContain(`A moderator reopened comments on a post on “${title}”`);
  });

  it("sets a close and a reopening in advance; refuses times past, malformed or too far", async () => {
    const post = await makePost();
    const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().slice(0, 16).replace("T", " ");
    expect(
      (
        await act(moderator, post.slug, {
          intent: "schedule",
          closesAt: at(2),
          reopensAt: at(10),
          reason: "Vote count",
        })
      ).status,
    ).toBe(303);
    const page = await thread(post.slug);
    expect(page).toMatch(/Comments close at .* UTC: Vote count/);
    expect((await comment(readerOn(base()), post.slug, "Still open")).status).toBe(303);
    expect(await publicLog()).toMatch(/closes at \d{4}-\d\d-\d\d \d\d:\d\d UTC; reopens at .* UTC: Vote count/);
    for (const [fields, message] of [
      [{ closesAt: at(-1) }, "still to come"],
      [{ closesAt: "tomorrow at ten" }, "YYYY-MM-DD HH:MM"],
      [{ closesAt: "2026-02-31 10:00" }, "YYYY-MM-DD HH:MM"],
      [{ reopensAt: at(24 * 90) }, "within 60 days"],
      [{ closesAt: at(1), reason: "" }, "Give a reason"],
    ] as const) {
      const refused = await act(moderator, post.slug, { intent: "schedule", reason: "r", ...fields });
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(pageText(await refused.text())).toContain(message);
    }
  });

  it(
    "closes and reopens by itself at the set time, and the kept page follows without any other change",
    { timeout: 60_000 },
    async () => {
      const post = await makePost();
      const closesAt = new Date(Date.now() + 6000);
      await scheduleThread({ postId: post.id, moderator: moderator.user, closesAt, reopensAt: null, reason: "Count" });
      // Kept by the page cache before the time: the page says when it closes.
      await expect
        .poll(async () => (await fetch(`${base()}/posts/${post.slug}`)).headers.has("content-length"))
        .toBe(true);
      expect(await thread(post.slug)).toContain("Comments close at");
      await expect
        .poll(() => thread(post.slug), { timeout: 20_000, interval: 100 })
        .toContain("Comments are closed on this post: Count");
      expect(Date.now()).toBeGreaterThanOrEqual(closesAt.getTime());
      expect((await comment(readerOn(base()), post.slug, "After the close")).status).toBe(403);

      const reopensAt = new Date(Date.now() + 6000);
      await scheduleThread({ postId: post.id, moderator: moderator.user, closesAt: null, reopensAt, reason: "" });
      await expect
        .poll(async () => (await fetch(`${base()}/posts/${post.slug}`)).headers.has("content-length"))
        .toBe(true);
      expect(await thread(post.slug)).toMatch(/They reopen at .* UTC/);
      await expect
        .poll(() => thread(post.slug), { timeout: 20_000, interval: 100 })
        .not.toContain("Comments are closed");
      expect((await comment(readerOn(base()), post.slug, "After the reopening")).status).toBe(303);
    },
  );
});

describe("a close and a reopening set in advance, across a restart", () => {
  afterAll(killServerProcesses);
  const serve = async () => startServerProcess({ env: { PICKET_TRUST_PROXY: "loopback" } });
  const read = async (server: { base: string }, slug: string) =>
    pageText(await (await fetch(`${server.base}/posts/${slug}`)).text());
  const kept = (server: { base: string }, slug: string) =>
    expect.poll(async () => (await fetch(`${server.base}/posts/${slug}`)).headers.has("content-length")).toBe(true);

  it(
    "are kept in the database: a server started after a close was set closes the thread at its time",
    { timeout: 90_000 },
    async () => {
      const post = await makePost();
      // Far enough ahead for the server to start and keep the page before it, on a busy machine.
      const closesAt = new Date(Date.now() + 25_000);
      await scheduleThread({ postId: post.id, moderator: moderator.user, closesAt, reopensAt: null, reason: "Vote" });
      const server = await serve();
      await kept(server, post.slug);
      expect(await read(server, post.slug)).toContain("Comments close at");
      expect(Date.now()).toBeLessThan(closesAt.getTime());
      await expect
        .poll(() => read(server, post.slug), { timeout: 40_000, interval: 100 })
        .toContain("Comments are closed on this post: Vote");
    },
  );
});

describe("cooling", () => {
  async function flag(slug: string, commentId: number, reason: string) {
    const response = await readerOn(base()).post(`/posts/${slug}/comments/${commentId}`, {
      intent: "flag",
      commentId,
      reason,
      note: reason === "other" ? "see" : "",
    });
    expect(response.status).toBe(303);
  }

  it("holds new comments after a burst of identity or abuse flags, says so, and shows the queue why", async () => {
    const saved = await admin.post("/admin/rules", {
      watchedWords: "",
      maxLinks: "4",
      holdAfterDays: "",
      burstCount: "",
      burstMinutes: "",
      flagThreshold: "3",
      coolingCount: "3",
      coolingMinutes: "10",
    });
    expect(saved.status).toBe(200);
    const post = await makePost();
    const comments = await Promise.all([1, 2, 3, 4].map((i) => makeComment({ postId: post.id, body: `Heat ${i}` })));
    // Spam and off-topic flags are not what cools a thread.
    await flag(post.slug, comments[0].id, "spam");
    await flag(post.slug, comments[0].id, "off-topic");
    await flag(post.slug, comments[1].id, "abusive");
    await flag(post.slug, comments[2].id, "identity");
    expect(await thread(post.slug)).not.toContain("cooling down");
    expect((await comment(readerOn(base()), post.slug, "Published still")).status).toBe(303);
    await flag(post.slug, comments[3].id, "abusive");
    expect(await thread(post.slug)).toMatch(/This thread is cooling down: since .* new comments wait for a moderator/);

    const word = uniqueWord("cool");
    const held = await comment(readerOn(base()), post.slug, `Held while cooling ${word}`);
    expect(held.status).toBe(303);
    const heldId = Number(/comments\/(\d+)/.exec(held.headers.get("location") ?? "")?.[1]);
    expect(
      await db.comment.findUniqueOrThrow({ where: { id: heldId }, select: { status: true, holdReason: true } }),
    ).toEqual({ status: "held", holdReason: COOLING_HOLD });
    expect(await thread(post.slug)).not.toContain(word);
    const queue = pageText(await (await moderator.get(`/moderation?post=${post.slug}`)).text());
    expect(queue).toContain(`held: ${COOLING_HOLD}`);
    expect(queue).toContain(word);
    expect(await publicLog()).toContain("held new comments for review on a post");
    expect(await publicLog()).toContain(
      "automatically: 3 flags for revealing someone's identity or abuse in 10 minutes",
    );
    // Staff are not held.
    expect((await comment(moderator, post.slug, "A moderator's word")).headers.get("location")).toMatch(/#c-\d+$/);

    // A moderator has looked: new comments are published again.
    expect((await act(moderator, post.slug, { intent: "warm", reason: "Dealt with" })).status).toBe(303);
    expect(await thread(post.slug)).not.toContain("cooling down");
    expect((await comment(readerOn(base()), post.slug, "Free again")).headers.get("location")).toMatch(/#c-\d+$/);
    expect(await publicLog()).toContain("ended the hold on new comments on a post");
  });

  it("is started by a moderator by hand, with a reason", async () => {
    const post = await makePost();
    expect((await act(moderator, post.slug, { intent: "cool", reason: "" })).status).toBe(400);
    expect((await act(moderator, post.slug, { intent: "cool", reason: "Doxxing attempts" })).status).toBe(303);
    expect(await thread(post.slug)).toContain("(Doxxing attempts)");
    expect((await act(moderator, post.slug, { intent: "cool", reason: "Again" })).status).toBe(409);
    const held = await comment(readerOn(base()), post.slug, "Waits");
    expect(held.headers.get("location")).toMatch(/\/comments\/\d+/);
  });
});

describe("staff notes", () => {
  it("reach staff alone: never a reader's page, the thread every reader shares, a feed or the log", async () => {
    const post = await makePost();
    const target = await makeComment({ postId: post.id, body: "A comment staff talk about" });
    const note = `Watch this one ${uniqueWord("note")}`;
    const written = await moderator.post(tools(post.slug), {
      intent: "note",
      commentId: target.id,
      body: note,
      back: `/posts/${post.slug}/comments/${target.id}#staff-notes`,
    });
    expect(written.status).toBe(303);
    expect(written.headers.get("location")).toBe(`/posts/${post.slug}/comments/${target.id}#staff-notes`);
    const onThread = `A note on the whole thread ${uniqueWord("note")}`;
    expect((await moderator.post(tools(post.slug), { intent: "note", commentId: "", body: onThread })).status).toBe(
      303,
    );

    // Staff read them on the comment's own page, the thread's tools and the staff-only request.
    expect(pageText(await (await moderator.get(`/posts/${post.slug}/comments/${target.id}`)).text())).toContain(note);
    expect(pageText(await (await moderator.get(tools(post.slug))).text())).toContain(onThread);
    const notes = (await (await moderator.get(`/moderation/notes.json?post=${post.slug}`)).json()) as {
      notes: { commentId: number | null; body: string; author: string }[];
    };
    expect(notes.notes).toMatchObject([
      { commentId: target.id, body: note, author: moderator.user.username },
      { commentId: null, body: onThread },
    ]);
    expect((await readerOn(base()).get(`/moderation/notes.json?post=${post.slug}`)).status).toBe(302);
    expect((await (await signIn("member")).get(`/moderation/notes.json?post=${post.slug}`)).status).toBe(403);

    // Every page and feed a reader (or the comment's writer, or a moderator reading the shared page) gets.
    const reader = readerOn(base());
    const pages = [
      `/posts/${post.slug}`,
      `/posts/${post.slug}?sort=newest`,
      `/posts/${post.slug}?_data=${encodeURIComponent("routes/posts.$slug")}`,
      `/posts/${post.slug}/comments/${target.id}`,
      `/posts/${post.slug}/comments.atom`,
      "/feeds/comments.atom",
      "/feeds/posts.atom",
      "/",
      "/tags",
      "/modlog",
      `/me.json?post=${post.slug}`,
      "/me/replies",
    ];
    for (const who of [reader, moderator])
      for (const path of pages) {
        if (who === moderator && path.includes("/comments/")) continue;
        const body = pageText(await (await who.get(path)).text());
        expect(body, path).not.toContain(note);
        expect(body, path).not.toContain(onThread);
      }
    expect(await publicLog()).toContain("wrote a staff note on a comment");
  });

  it("refuses an empty or overlong note, or one under a comment of another thread, keeping the text", async () => {
    const post = await makePost();
    const other = await makeComment({ postId: (await makePost()).id });
    for (const [fields, status, message] of [
      [{ body: "  " }, 400, "Write the note first"],
      [{ body: "n".repeat(2001) }, 400, "at most 2,000 characters"],
      [{ body: "Wrong thread note", commentId: other.id }, 404, "not in this thread"],
      [{ body: "Not a number note", commentId: "twelve" }, 404, "not in this thread"],
    ] as const) {
      const refused = await moderator.post(tools(post.slug), { intent: "note", ...fields });
      expect(refused.status, JSON.stringify(fields)).toBe(status);
      const page = pageText(await refused.text());
      expect(page).toContain(message);
      if (fields.body.trim() && fields.body.length < 100) expect(page).toContain(fields.body);
    }
    expect(await db.moderatorNote.count({ where: { postId: post.id } })).toBe(0);
  });
});

describe("muting a voice", () => {
  it("reads the voice the page already shows on each comment, never an author reference; the page stays shared", async () => {
    const post = await makePost();
    const writer = { browserKey: "mute-test-browser-key-0123456789abcdef" };
    const anonymous = await makeComment({ postId: post.id, writer, body: "Anonymous words" });
    await makeComment({
      postId: post.id,
      writer,
      choice: { kind: "pseudonym", name: "Night Owl#secret words" },
      body: "Named words",
    });
    const html = await (await fetch(`${base()}/posts/${post.slug}`)).text();
    const tag = /data-voice="(Anonymous ·[0-9A-Z]{4})"/.exec(pageText(html))?.[1];
    expect(tag).toBeDefined();
    expect(pageText(html)).toMatch(/data-voice="Night Owl ◆[0-9A-Za-z]+"/);
    expect(pageText(html)).toContain(`id="c-${anonymous.id}" data-voice="${tag}"`);
    expect(html).not.toContain(await authorRef(writer));
    // A reader with cookies gets the very same page: muting is in the browser alone.
    const withCookie = readerOn(base());
    await comment(withCookie, post.slug, "I have a cookie now");
    await expect.poll(async () => (await fetch(`${base()}/posts/${post.slug}`)).headers.get("etag")).toBeTruthy();
    const a = await fetch(`${base()}/posts/${post.slug}`);
    const b = await withCookie.get(`/posts/${post.slug}`);
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
  });
});

describe("taking back everything I wrote", () => {
  const takeBack = (who: TestBrowser, fields: Record<string, string>) => who.post("/me/take-back", fields);

  it("deletes in one step what one browser wrote in a thread, then everywhere, leaving tombstones and replies", async () => {
    const [one, two] = [await makePost(), await makePost()];
    const writer = readerOn(base());
    const idOf = (r: Response) => Number(/#c-(\d+)$/.exec(r.headers.get("location") ?? "")?.[1]);
    const first = idOf(await comment(writer, one.slug, "My first, regretted"));
    await comment(writer, one.slug, "My second, regretted");
    await comment(writer, one.slug, "My reply, regretted", { parentId: first });
    const elsewhere = idOf(await comment(writer, two.slug, "Said in another thread"));
    const other = readerOn(base());
    await comment(other, one.slug, "Someone else's reply stays", { parentId: first });
    const ownPage = pageText(await (await writer.get(`/me/take-back?post=${one.slug}`)).text());
    expect(ownPage).toContain("Yes, delete 3 comments");
    expect(ownPage).toContain("Yes, delete 4 comments");

    // Nothing is deleted without the confirmation, nor by another browser.
    const unconfirmed = await takeBack(writer, { scope: "thread", post: one.slug });
    expect(unconfirmed.status).toBe(400);
    expect(pageText(await unconfirmed.text())).toContain("Tick the box");
    const stranger = readerOn(base());
    await comment(stranger, two.slug, "A stranger's own words");
    expect((await takeBack(stranger, { scope: "everywhere", confirm: "yes" })).status).toBe(303);
    expect(await thread(one.slug)).toContain("My first, regretted");
    expect((await takeBack(writer, { scope: "thread", post: "no-such-post", confirm: "yes" })).status).toBe(404);
    expect((await takeBack(writer, { scope: "all of it", confirm: "yes" })).status).toBe(400);

    const done = await takeBack(writer, { scope: "thread", post: one.slug, confirm: "yes" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/me/take-back?done=3&post=${one.slug}`);
    const page = await thread(one.slug);
    expect(page).not.toContain("regretted");
    expect(markup(page).match(/Deleted by its author\./g)).toHaveLength(3);
    expect(page).toContain("Someone else's reply stays");
    expect(await thread(two.slug)).toContain("Said in another thread");

    expect((await takeBack(writer, { scope: "everywhere", confirm: "yes" })).headers.get("location")).toBe(
      "/me/take-back?done=1",
    );
    expect(await thread(two.slug)).not.toContain("Said in another thread");
    expect(await db.comment.findUniqueOrThrow({ where: { id: elsewhere }, select: { status: true } })).toEqual({
      status: "deleted",
    });
    expect(await db.comment.count({ where: { postId: one.slug ? one.id : 0, status: "published" } })).toBe(1);
  });

  it("takes back what an account wrote from any browser it signed in on", async () => {
    const post = await makePost();
    const member = await makeUser();
    const [here, there] = [readerOn(base()), readerOn(base())];
    for (const browser of [here, there])
      await browser.post("/login", { username: member.username, password: "correct horse battery" });
    await comment(here, post.slug, "Signed in here, anonymous", { voice: "anonymous" });
    await comment(here, post.slug, "Signed in here, named", { voice: "member" });
    expect((await takeBack(there, { scope: "thread", post: post.slug, confirm: "yes" })).status).toBe(303);
    expect(await db.comment.count({ where: { postId: post.id, status: "deleted" } })).toBe(2);
  });
});

describe("the moderators' overview", () => {
  it("shows each active thread's comments and flags per hour as a drawn chart, what is held and since when, and links to each tool", async () => {
    const title = `Strike night ${uniqueWord("over")}`;
    const post = await makePost({ title });
    const hourAgo = new Date(Date.now() - 90 * 60_000);
    await makeComment({ postId: post.id, body: "Earlier", postedAt: hourAgo });
    for (let i = 0; i < 3; i++) await makeComment({ postId: post.id, body: `Now ${i}` });
    const target = await makeComment({ postId: post.id, body: "Flag me" });
    await readerOn(base()).post(`/posts/${post.slug}/comments/${target.id}`, {
      intent: "flag",
      commentId: target.id,
      reason: "abusive",
      note: "",
    });
    await act(moderator, post.slug, { intent: "cool", reason: "Busy" });
    await makeComment({ postId: post.id, body: "Held" });

    const response = await moderator.get("/moderation/overview");
    expect(response.status).toBe(200);
    const html = pageText(await response.text());
    const section = html.slice(html.indexOf(title));
    expect(section).toContain('<svg class="heat-chart"');
    expect(section).toContain("Comments per hour, oldest first: 0, 0, 0, 0, 1, 5. Flags per hour: 0, 0, 0, 0, 0, 1.");
    expect(section).toMatch(/1 held<\/strong>, the oldest waiting since/);
    expect(section).toContain("cooling: new comments held");
    for (const link of [
      `/moderation?post=${post.slug}`,
      `${tools(post.slug)}#slow-title`,
      `${tools(post.slug)}#notes-title`,
    ])
      expect(section).toContain(`href="${link}"`);
    expect((await readerOn(base()).get("/moderation/overview")).status).toBe(302);
    expect((await (await signIn("member")).get("/moderation/overview")).status).toBe(403);
    expect((await moderator.get("/moderation/overview?hours=999999")).status).toBe(200);
  });
});
