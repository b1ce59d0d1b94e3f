// Hostile input through the public forms, over HTTP as a browser sends it: the Big List of
// Naughty Strings and fast-check's arbitrary strings as comment bodies, pseudonyms, flag notes
// and usernames. Nothing gets a 500; an accepted comment is stored exactly as written and its
// HTML carries nothing a browser would run. And the honeypot field stops form-filling robots.
import naughtyStrings from "big-list-of-naughty-strings";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CommentActionData } from "~/routes/thread-action.server";
import { db } from "~/lib/db.server";
import { splitTripcode } from "~/models/names.server";
import { TOP_LEVEL_PER_PAGE } from "~/models/thread.server";
import { makeComment, makePost, makeUser } from "../factories";
import { executableConstructs } from "../safe-html";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();

/** The naughty list, plus what it lacks: blank text, line endings, NUL, markup and overlong text. */
const HOSTILE: string[] = [
  ...naughtyStrings,
  "   ",
  "\r\n\r\n",
  "a\r\nb\rc",
  "tab\tand\u000bvertical",
  "nul\u0000inside",
  "<script>alert(1)</script>",
  "[x](javascript:alert(1))",
  "x".repeat(10_001),
];

let network = 0;
/** A new browser on a network of its own, so the per-network rate limits stay out of the way. */
function newReader(address = `198.18.${(++network >> 8) & 255}.${network & 255}`) {
  const browser = new TestBrowser(base);
  const post = browser.post.bind(browser);
  browser.post = (path, fields, headers = {}) => post(path, fields, { "x-forwarded-for": address, ...headers });
  return browser;
}

/** Runs `fn` over `items`, `size` at a time, as a crowd of readers would. */
async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return results;
}

const commentId = (response: Response) =>
  Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1] ?? Number.NaN);

/** What a browser can send: a form carries text as UTF-8, so a lone surrogate arrives as U+FFFD. */
const asSent = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const arbitraryText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.mixedCase(
    fc.constantFrom(
      "<script>alert(1)</script>",
      "javascript:alert(1)",
      "<img src=x onerror=alert(1)>",
      "[x](JavaScript:alert(1))",
      "admin",
      "Moderator",
    ),
  ),
  fc.constantFrom(...HOSTILE),
);

let slug = "";
beforeAll(async () => {
  slug = (await makePost({ title: "Hostile input" })).slug;
});

describe("comment bodies", () => {
  it("never get a 500; accepted ones are stored exactly and rendered safely, refused ones are blank or too long", async () => {
    const results = await inBatches(HOSTILE, 40, async (body) => {
      const response = await newReader().post(`/posts/${slug}`, { intent: "comment", body });
      return { body, status: response.status, id: commentId(response) };
    });
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const refused = results.filter((r) => r.status !== 303);
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(
        r.body.trim() === "" || r.body.includes("\u0000") || [...r.body].length > 10_000,
        JSON.stringify(r.body),
      ).toBe(true);
    }
    const accepted = results.filter((r) => r.status === 303);
    expect(accepted.length).toBeGreaterThan(HOSTILE.length - 15);
    const stored = new Map(
      (
        await db.comment.findMany({
          where: { id: { in: accepted.map((r) => r.id) } },
          select: { id: true, bodyMarkdown: true, bodyHtml: true },
        })
      ).map((c) => [c.id, c]),
    );
    for (const { body, id } of accepted) {
      expect(stored.get(id)?.bodyMarkdown).toBe(asSent(body));
      expect(executableConstructs(stored.get(id)?.bodyHtml ?? ""), JSON.stringify(body)).toEqual([]);
    }
    // Every page of the thread still opens.
    const reader = newReader();
    for (let page = 1; page <= Math.ceil(accepted.length / TOP_LEVEL_PER_PAGE); page++)
      expect((await reader.get(`/posts/${slug}?page=${page}`)).status).toBe(200);
    expect((await reader.data(`/posts/${slug}`, "routes/posts.$slug")).status).toBe(200);
  }, 90_000);

  it("hold for arbitrary strings too (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (body) => {
        const response = await newReader().post(`/posts/${slug}`, { intent: "comment", body });
        expect(response.status).toBeLessThan(500);
        if (response.status !== 303) return;
        const stored = await db.comment.findUnique({
          where: { id: commentId(response) },
          select: { bodyMarkdown: true, bodyHtml: true },
        });
        expect(stored?.bodyMarkdown).toBe(asSent(body));
        expect(executableConstructs(stored?.bodyHtml ?? "")).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});

describe("pseudonyms", () => {
  // Sent as the page's script sends its form (a data request answered with JSON), the other
  // way every form can arrive.
  const signAs = async (slug: string, name: string) => {
    const response = await newReader().post(`/posts/${slug}?_data=${encodeURIComponent("routes/posts.$slug")}`, {
      intent: "comment",
      voice: "pseudonym",
      name,
      body: "Signed with a name",
      js: "1",
    });
    const data = response.headers.get("content-type")?.startsWith("application/json")
      ? ((await response.json()) as CommentActionData)
      : null;
    return { name, status: response.status, id: data?.ok ? Number(data.commentId) : Number.NaN };
  };

  it("never get a 500, and an accepted name is stored as written (trimmed, without its tripcode secret)", async () => {
    const { slug } = await makePost({ title: "Hostile names" });
    const names = [
      ...HOSTILE.filter((s) => s.length <= 300),
      "Night Shift",
      "Night Shift#secret",
      "  padded  ",
      "Admin",
      "ADM1N",
    ];
    const results = await inBatches(names, 40, (name) => signAs(slug, name));
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(results.find((r) => r.name === "Night Shift")?.status).toBe(200);
    expect(results.find((r) => r.name === "Admin")?.status).toBe(403);
    const accepted = results.filter((r) => r.status === 200);
    const stored = new Map(
      (
        await db.comment.findMany({
          where: { id: { in: accepted.map((r) => r.id) } },
          select: { id: true, displayName: true },
        })
      ).map((c) => [c.id, c.displayName]),
    );
    for (const { name, id } of accepted) expect(stored.get(id)).toBe(splitTripcode(asSent(name)).name);
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (name) => {
        expect((await signAs(slug, name)).status).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  }, 90_000);
});

describe("flag notes", () => {
  it("never get a 500, and an accepted note is kept (trimmed)", async () => {
    const post = await makePost();
    const target = await makeComment({ postId: post.id, body: "Flag me" });
    const notes = HOSTILE.filter((s) => s.length <= 600);
    const flag = async (note: string) => {
      const response = await newReader().post(`/posts/${post.slug}/comments/${target.id}`, {
        intent: "flag",
        commentId: target.id,
        reason: "other",
        note,
      });
      return { note, status: response.status };
    };
    const results = await inBatches(notes, 40, flag);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const accepted = results.filter((r) => r.status === 303);
    expect(accepted.length).toBeGreaterThan(notes.length - 15);
    const stored = (await db.flag.findMany({ where: { commentId: target.id }, select: { note: true } })).map(
      (f) => f.note ?? "",
    );
    expect(stored.sort()).toEqual(accepted.map((r) => asSent(r.note).trim()).sort());
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (note) => {
        expect((await flag(note)).status).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  }, 90_000);
});

describe("accounts", () => {
  it("never answer a hostile username with a 500, joining or signing in", async () => {
    // One network for all: past the join and sign-in limits the answer is a quick 429, so
    // most strings exercise validation and the limits, the first few the whole way.
    const joiner = () => newReader("198.19.0.1");
    const joins = await inBatches(HOSTILE, 40, async (username) => ({
      username,
      status: (await joiner().post("/join", { username, password: "a long enough password" })).status,
    }));
    expect(joins.filter((r) => r.status >= 500)).toEqual([]);
    const joined = joins.filter((r) => r.status === 302);
    expect(joined.length).toBeGreaterThan(0);
    for (const { username } of joined) expect(await db.user.count({ where: { username: asSent(username) } })).toBe(1);
    // Sign-ins as the page's script sends them; joins above as plain forms, echoing the name back.
    const signIn = async (username: string) =>
      (
        await newReader("198.19.0.2").post(`/login?_data=${encodeURIComponent("routes/login")}`, {
          username,
          password: "not the password",
        })
      ).status;
    const signIns = await inBatches(HOSTILE, 40, signIn);
    expect(signIns.filter((s) => s >= 500)).toEqual([]);
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (username) => {
        expect((await joiner().post("/join", { username, password: "a long enough password" })).status).toBeLessThan(
          500,
        );
        expect(await signIn(username)).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
  }, 90_000);
});

describe("the honeypot field", () => {
  it("is on every public form, out of sight and out of the tab order", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id });
    const reader = newReader();
    for (const path of [
      `/posts/${post.slug}`,
      `/posts/${post.slug}/comments/${comment.id}?flag=1`,
      "/join",
      "/login",
    ]) {
      const html = await (await reader.get(path)).text();
      const fields = [...html.matchAll(/<input[^>]*name="website"[^>]*>/g)].map((m) => m[0]);
      expect(fields.length, path).toBeGreaterThan(0);
      for (const field of fields) {
        expect(field).toContain('tabindex="-1"');
        expect(field).toMatch(/autocomplete="off"/i);
      }
      expect(html).toMatch(
        /<div class="visually-hidden" aria-hidden="true"><label[^>]*>Leave this empty<\/label><input[^>]*name="website"/,
      );
    }
  });

  it("refuses a comment, a flag, a join and a sign-in that fill it in, writing nothing", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id });
    const robot = newReader();
    const commented = await robot.post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "Buy cheap watches",
      website: "http://spam.example",
    });
    expect(commented.status).toBe(400);
    expect(pageText(await commented.text())).toContain("Your message looks automated");
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(1);

    const flagged = await robot.post(`/posts/${post.slug}/comments/${comment.id}`, {
      intent: "flag",
      commentId: comment.id,
      reason: "spam",
      note: "",
      website: "x",
    });
    expect(flagged.status).toBe(400);
    expect(await db.flag.count({ where: { commentId: comment.id } })).toBe(0);

    const joined = await robot.post("/join", {
      username: "robot-account",
      password: "a long enough password",
      website: "x",
    });
    expect(joined.status).toBe(400);
    expect(pageText(await joined.text())).toContain("Your message looks automated");
    expect(await db.user.count({ where: { username: "robot-account" } })).toBe(0);

    const user = await makeUser();
    const signedIn = await robot.post("/login", {
      username: user.username,
      password: "correct horse battery",
      website: "x",
    });
    expect(signedIn.status).toBe(400);
    expect(robot.cookies.has("picket_session")).toBe(false);

    // Left empty, as people leave it, the same forms work.
    expect(
      (await robot.post(`/posts/${post.slug}`, { intent: "comment", body: "A person's comment", website: "" })).status,
    ).toBe(303);
    expect(
      (await robot.post("/login", { username: user.username, password: "correct horse battery", website: "" })).status,
    ).toBe(302);
  });
});
