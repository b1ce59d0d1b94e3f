// A heated thread's rules on two app instances of one PostgreSQL database: a thread closed or
// slowed through one is so on the other at once, and a close or reopening set in advance happens
// on both at its time, and on an instance started after it was set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { scheduleThread } from "~/models/moderation.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, browserOn, pageText } from "../integration/http";
import { killServerProcesses, startServerProcess, type ServerProcess } from "../server-process";

const startInstance = () => startServerProcess({ env: { PICKET_TRUST_PROXY: "loopback" } });

let a: ServerProcess;
let b: ServerProcess;
let moderator: TestBrowser;
let moderatorUser: { id: number; username: string };
let networks = 0;
const reader = (base: string) => browserOn(base, { "x-forwarded-for": `203.0.113.${++networks}` });

beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
  moderatorUser = await makeUser({ role: "moderator" });
  moderator = reader(a.base);
  await moderator.post("/login", { username: moderatorUser.username, password: "correct horse battery" });
});
afterAll(killServerProcesses);

/** The same browser (its cookies) on another instance. */
function sameBrowserOn(base: string, browser: TestBrowser) {
  const there = reader(base);
  there.cookies = browser.cookies;
  return there;
}

const comment = (who: TestBrowser, slug: string, body: string) =>
  who.post(`/posts/${slug}`, { intent: "comment", body });
const threadOn = async (base: string, slug: string) => pageText(await (await fetch(`${base}/posts/${slug}`)).text());
/** Reads the thread until the instance's page cache keeps it (a kept page is sent with its length). */
const keptOn = (base: string, slug: string) =>
  expect.poll(async () => (await fetch(`${base}/posts/${slug}`)).headers.has("content-length")).toBe(true);

describe("a heated thread on two instances", () => {
  it("closed through one instance, it is closed on the other at once, its kept page included", async () => {
    const post = await makePost();
    await keptOn(b.base, post.slug);
    expect(
      (await moderator.post(`/moderation/threads/${post.slug}`, { intent: "close", reason: "Count" })).status,
    ).toBe(303);
    const refused = await comment(reader(b.base), post.slug, "Through the other instance");
    expect(refused.status).toBe(403);
    expect(pageText(await refused.text())).toContain("Through the other instance");
    await expect.poll(() => threadOn(b.base, post.slug)).toContain("Comments are closed on this post: Count");
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("slows a voice on every instance: its comment through one counts on the other", async () => {
    const post = await makePost();
    await moderator.post(`/moderation/threads/${post.slug}`, { intent: "slow", seconds: "600", reason: "Heated" });
    const onA = reader(a.base);
    expect((await comment(onA, post.slug, "Through A")).status).toBe(303);
    const onB = sameBrowserOn(b.base, onA);
    const refused = await comment(onB, post.slug, "Then through B");
    expect(refused.status).toBe(429);
    expect(pageText(await refused.text())).toContain("You may post again at");
    expect((await comment(reader(b.base), post.slug, "Another voice through B")).status).toBe(303);
  });

  it(
    "closes and reopens at the set times on both instances, and on one started after the time was set",
    { timeout: 120_000 },
    async () => {
      const post = await makePost();
      const closesAt = new Date(Date.now() + 6000);
      // Set from a third process: both instances hear of it through the database.
      await scheduleThread({ postId: post.id, moderator: moderatorUser, closesAt, reopensAt: null, reason: "Vote" });
      for (const instance of [a, b]) {
        await keptOn(instance.base, post.slug);
        expect(await threadOn(instance.base, post.slug)).toContain("Comments close at");
      }
      for (const instance of [a, b])
        await expect
          .poll(() => threadOn(instance.base, post.slug), { timeout: 10_000, interval: 100 })
          .toContain("Comments are closed on this post: Vote");
      expect(Date.now()).toBeGreaterThanOrEqual(closesAt.getTime());

      // B stops; the reopening is set while it is down; a new instance takes its place.
      process.kill(-b.child.pid!, "SIGKILL");
      await b.exited;
      // Far enough ahead for the new instance to start and keep the page before it.
      const reopensAt = new Date(Date.now() + 25_000);
      await scheduleThread({ postId: post.id, moderator: moderatorUser, closesAt: null, reopensAt, reason: "" });
      b = await startInstance();
      await keptOn(b.base, post.slug);
      expect(await threadOn(b.base, post.slug)).toMatch(/They reopen at .* UTC/);
      expect(Date.now()).toBeLessThan(reopensAt.getTime());
      await expect
        .poll(() => threadOn(b.base, post.slug), { timeout: 40_000, interval: 100 })
        .not.toContain("Comments are closed");
      expect((await comment(reader(b.base), post.slug, "Open again")).status).toBe(303);
    },
  );
});
