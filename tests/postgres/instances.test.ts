// Two app instances on one PostgreSQL database, as behind a load balancer: what one instance
// writes or counts, the other sees at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseProvider, db } from "~/lib/db.server";
import { DEFAULT_RULES, setModerationRules } from "~/models/rules.server";
import { createTag } from "~/models/tags.server";
import { SIGN_IN_FAILURES_PER_ACCOUNT } from "~/models/users.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, browserOn as on, pageText } from "../integration/http";
import { openEventStream } from "../integration/live";
import { killServerProcesses, startServerProcess } from "../server-process";

const startInstance = async () => (await startServerProcess({ env: { PICKET_TRUST_PROXY: "loopback" } })).base;

let a = "";
let b = "";
beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
});
afterAll(killServerProcesses);

describe("two instances on one PostgreSQL database", () => {
  it("runs on PostgreSQL", () => {
    expect(databaseProvider).toBe("postgresql");
  });

  it("shows a comment posted through one instance on the other at once, with the same poster tag", async () => {
    const post = await makePost();
    const reader = on(a);
    expect(
      (await reader.post(`/posts/${post.slug}`, { intent: "comment", body: "posted through instance A" })).status,
    ).toBe(303);
    // The same browser (its cookie) writes again through B: one voice, one tag, whichever instance.
    const viaB = new TestBrowser(() => b);
    viaB.cookies = reader.cookies;
    expect((await viaB.post(`/posts/${post.slug}`, { intent: "comment", body: "and through instance B" })).status).toBe(
      303,
    );
    const html = pageText(await (await on(b).get(`/posts/${post.slug}`)).text());
    expect(html).toContain("posted through instance A");
    expect(html).toContain("and through instance B");
    const tags = [...html.matchAll(/class="author anonymous">Anonymous ·([0-9A-Z]{4})</g)].map((m) => m[1]);
    expect(tags).toHaveLength(2);
    expect(tags[0]).toBe(tags[1]);
  });

  it("gives every top-level comment written through both instances at once its own place in the thread", async () => {
    const post = await makePost();
    // Each instance commits its writes in batches: both read the thread's last place before either commits.
    const sends = Array.from({ length: 60 }, (_, i) =>
      on(i % 2 ? a : b, { "x-forwarded-for": `203.0.113.${100 + i}` }).post(`/posts/${post.slug}`, {
        intent: "comment",
        body: `at once ${i}`,
      }),
    );
    const statuses = (await Promise.all(sends)).map((response) => response.status);
    expect(statuses).toEqual(Array(60).fill(303));
    const placed = await db.comment.findMany({
      where: { postId: post.id },
      orderBy: { id: "asc" },
      select: { position: true },
    });
    expect(placed.map((c) => c.position)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it("delivers a comment posted through one instance to a live reader connected to the other", async () => {
    const post = await makePost();
    const stream = await openEventStream(`${b}/posts/${post.slug}/events`);
    try {
      const waiting = stream.next("published", 10_000);
      const response = await on(a).post(`/posts/${post.slug}`, {
        intent: "comment",
        body: "heard on the other instance",
      });
      expect(response.status).toBe(303);
      const id = Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]);
      expect(JSON.parse((await waiting).data)).toEqual({ commentId: id });
    } finally {
      stream.close();
    }
  });

  it("holds a comment on one instance by a rule an admin just set on the other (the rules kept in memory are dropped)", async () => {
    const admin = await makeUser({ role: "admin" });
    const adminOnA = on(a, { "x-forwarded-for": "203.0.113.8" });
    expect(
      (await adminOnA.post("/login", { username: admin.username, password: "correct horse battery" })).status,
    ).toBe(302);
    const post = await makePost();
    // B reads the rules (and keeps them) before they change.
    expect(
      (await on(b).post(`/posts/${post.slug}`, { intent: "comment", body: "scab labour again, before the rule" }))
        .status,
    ).toBe(303);
    const stream = await openEventStream(`${b}/posts/${post.slug}/events`);
    try {
      const rules = {
        watchedWords: "hold: scab labour",
        maxLinks: "4",
        holdAfterDays: "",
        burstCount: "",
        burstMinutes: "",
        flagThreshold: "3",
      };
      expect((await adminOnA.post("/admin/rules", rules)).status).toBe(200);
      // Events reach B in the order they were sent: once it hears of a later comment, it has heard of the rules.
      const heard = stream.next("published", 10_000);
      expect((await on(a).post(`/posts/${post.slug}`, { intent: "comment", body: "a later comment" })).status).toBe(
        303,
      );
      await heard;
      const held = await on(b).post(`/posts/${post.slug}`, {
        intent: "comment",
        body: "scab labour again, after the rule",
      });
      expect(held.status).toBe(303);
      const id = Number(/#c-(\d+)$/.exec(held.headers.get("location") ?? "")?.[1]);
      expect(await db.comment.findUniqueOrThrow({ where: { id }, select: { status: true, holdReason: true } })).toEqual(
        { status: "held", holdReason: 'the watched word "scab labour"' },
      );
    } finally {
      stream.close();
      await setModerationRules(DEFAULT_RULES);
    }
  });

  it("refuses on one instance a writer a moderator just banned on the other (the bans kept in memory are dropped)", async () => {
    const moderator = await makeUser({ role: "moderator" });
    const modOnA = on(a, { "x-forwarded-for": "203.0.113.9" });
    expect(
      (await modOnA.post("/login", { username: moderator.username, password: "correct horse battery" })).status,
    ).toBe(302);
    const post = await makePost();
    // B reads the bans in force (and keeps them) when the troll first writes through it.
    const troll = on(b, { "x-forwarded-for": "203.0.113.10" });
    const first = await troll.post(`/posts/${post.slug}`, { intent: "comment", body: "the first troll comment" });
    expect(first.status).toBe(303);
    const id = Number(/#c-(\d+)$/.exec(first.headers.get("location") ?? "")?.[1]);
    const stream = await openEventStream(`${b}/posts/${post.slug}/events`);
    try {
      expect(
        (
          await modOnA.post("/moderation", {
            single: `ban c:${id}`,
            [`banDays:c:${id}`]: "30",
            [`reason:c:${id}`]: "trolling",
          })
        ).status,
      ).toBe(302);
      // Events reach B in the order they were sent: once it hears of a later comment, it has heard of the ban.
      const heard = stream.next("published", 10_000);
      expect((await on(a).post(`/posts/${post.slug}`, { intent: "comment", body: "a later comment" })).status).toBe(
        303,
      );
      await heard;
      const refused = await troll.post(`/posts/${post.slug}`, { intent: "comment", body: "the second troll comment" });
      expect(refused.status).toBe(403);
      expect(pageText(await refused.text())).toContain("a moderator banned this writer (trolling)");
    } finally {
      stream.close();
    }
  });

  it("drops the pages an instance kept once it hears events again after its connection for them was cut", async () => {
    const post = await makePost();
    const reader = (base: string) => fetch(`${base}/posts/${post.slug}`);
    // A keeps the thread: its answers now come from its page cache (scripts allowed by hash).
    await expect.poll(async () => (await reader(a)).headers.get("content-security-policy")).toContain("'sha256-");
    const listening = async () =>
      Number(
        (
          await db.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN picket%'`,
          )
        )[0].n,
      );
    expect(await listening()).toBeGreaterThanOrEqual(2);
    await db.$queryRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN picket%'`,
    );
    // Written while no instance hears events: A never hears of this comment.
    await expect.poll(listening, { interval: 20 }).toBe(0);
    expect(
      (await on(b).post(`/posts/${post.slug}`, { intent: "comment", body: "written while nobody listened" })).status,
    ).toBe(303);
    await expect
      .poll(async () => pageText(await (await reader(a)).text()), { timeout: 10_000 })
      .toContain("written while nobody listened");
    expect(await listening()).toBeGreaterThanOrEqual(2);
  });

  it("drops every page an instance kept when the glossary changes elsewhere (a site event)", async () => {
    const post = await makePost({ title: "Before the glossary changed" });
    const reader = async () => pageText(await (await fetch(`${a}/posts/${post.slug}`)).text());
    // A keeps the thread: its answers now come from its page cache (scripts allowed by hash).
    await expect
      .poll(async () => (await fetch(`${a}/posts/${post.slug}`)).headers.get("content-security-policy"))
      .toContain("'sha256-");
    // Changed behind every instance's back, so only a site event makes A read it again.
    await db.post.update({ where: { id: post.id }, data: { title: "After the glossary changed" } });
    expect(await reader()).toContain("Before the glossary changed");
    await createTag({ name: `sitewide${Date.now() % 100000}`, description: "A new word.", patterns: "sitewide" });
    await expect.poll(reader, { timeout: 10_000 }).toContain("After the glossary changed");
  });

  it("keeps a session made on one instance working on the other, and ends it on both", async () => {
    const user = await makeUser();
    const browser = on(a, { "x-forwarded-for": "203.0.113.7" });
    expect((await browser.post("/login", { username: user.username, password: "correct horse battery" })).status).toBe(
      302,
    );
    const sameBrowserOnB = new TestBrowser(() => b);
    sameBrowserOnB.cookies = browser.cookies;
    expect((await sameBrowserOnB.get("/me")).status).toBe(200);
    expect((await browser.post("/logout", {})).status).toBe(302);
    const staleOnB = new TestBrowser(() => b);
    staleOnB.cookies = new Map(sameBrowserOnB.cookies);
    expect((await staleOnB.get("/me")).status).toBe(302);
  });

  it("counts sign-in failures sent to both instances against one limit", async () => {
    const user = await makeUser();
    const network = { "x-forwarded-for": "203.0.113.99" };
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT.limit; i++) {
      const base = i % 2 === 0 ? a : b;
      expect((await on(base, network).post("/login", { username: user.username, password: `wrong ${i}` })).status).toBe(
        401,
      );
    }
    const onA = await on(a, network).post("/login", { username: user.username, password: "correct horse battery" });
    const onB = await on(b, network).post("/login", { username: user.username, password: "correct horse battery" });
    expect(onA.status).toBe(429);
    expect(onB.status).toBe(429);
  });
});
