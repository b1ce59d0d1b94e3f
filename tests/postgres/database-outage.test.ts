// An instance that loses its PostgreSQL connections (a failover, a database restart) keeps
// running: what is asked meanwhile answers 503 with the writer's text kept, and it reconnects.
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDatabaseProblem } from "~/lib/database-check.server";
import { databaseTarget } from "~/lib/database-url.server";
import { databaseProvider, db } from "~/lib/db.server";
import { followPost } from "~/models/following.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, pageText } from "../integration/http";
import { openEventStream } from "../integration/live";
import { startServerProcess, type ServerProcess } from "../server-process";
import { DatabaseRelay } from "./proxy";

const startInstance = (env: Record<string, string> = {}) =>
  startServerProcess({
    env: {
      PICKET_TRUST_PROXY: "loopback",
      // Many comments from one test network in a minute.
      PICKET_COMMENTS_PER_MINUTE: "1000",
      PICKET_NETWORK_COMMENTS_PER_MINUTE: "10000",
      ...env,
    },
  });

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const databaseName = () => new URL(process.env.DATABASE_URL!).pathname.slice(1);

/** A connection of the test's own, outside the app's pool, to cut the app's connections with. */
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Ends every connection to the test database, as a failover or a restart does. */
const cutConnections = () =>
  admin((c) =>
    c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
      databaseName(),
    ]),
  );

const commentIdOf = (response: Response) => Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]);

let instance: ServerProcess;
const relay = new DatabaseRelay();
/** An instance whose every connection to the database goes through the relay. */
let relayed: ServerProcess;
beforeAll(async () => {
  await relay.open();
  [instance, relayed] = await Promise.all([
    startInstance(),
    startInstance({ DATABASE_URL: relay.url(process.env.DATABASE_URL!) }),
  ]);
});
afterAll(async () => {
  instance?.child.kill("SIGTERM");
  relayed?.child.kill("SIGTERM");
  await relay.close();
});

const storedWith = (body: string) => db.comment.count({ where: { bodyMarkdown: body } });

describe("an instance whose database connections are cut", () => {
  it("runs on PostgreSQL", () => {
    expect(databaseProvider).toBe("postgresql");
  });

  it("keeps running while comments are posted, loses none it confirmed, and answers only 303 or 503 meanwhile", async () => {
    const post = await makePost();
    // A live reader makes the instance listen for other instances' events.
    const stream = await openEventStream(`${instance.base}/posts/${post.slug}/events`);
    const listening = async () =>
      Number(
        (
          await db.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN picket%'`,
          )
        )[0].n,
      );
    await expect.poll(listening).toBeGreaterThanOrEqual(1);
    const answers: { body: string; status: number | "dropped"; response?: Response; text?: string }[] = [];
    let posting = true;
    const writer = async (w: number) => {
      const browser = new TestBrowser(() => instance.base);
      for (let i = 0; posting; i++) {
        const body = `said by writer ${w}, number ${i}`;
        try {
          const response = await browser.post(
            `/posts/${post.slug}`,
            { intent: "comment", body },
            { "x-forwarded-for": `203.0.113.${w + 1}` },
          );
          answers.push({ body, status: response.status, response, text: await response.text() });
        } catch {
          answers.push({ body, status: "dropped" });
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    try {
      for (let cut = 0; cut < 5; cut++) {
        const before = answers.length;
        await expect.poll(() => answers.length > before + 3, { timeout: 20_000 }).toBe(true);
        await cutConnections();
      }
      const before = answers.length;
      await expect.poll(() => answers.length > before + 10, { timeout: 20_000 }).toBe(true);
    } finally {
      posting = false;
      await Promise.all(writers);
      stream.close();
    }
    expect(alive(instance.child), instance.output()).toBe(true);
    const statuses = new Set(answers.map((a) => a.status));
    for (const status of statuses)
      expect([303, 503], `answers: ${JSON.stringify([...statuses])}\n${instance.output()}`).toContain(status);
    for (const refused of answers.filter((a) => a.status === 503)) {
      expect(refused.response!.headers.get("retry-after")).toMatch(/^\d+$/);
      const page = pageText(refused.text!);
      // Lost before its COMMIT: not saved; lost during it: perhaps saved, and not written twice.
      expect(page).toMatch(/cannot save right now|cannot tell whether it was saved/);
      expect(page).toContain(`>${refused.body}</textarea>`);
    }
    // Every comment the writer was sent on to is stored, under the id it was sent to.
    const confirmed = answers.filter((a) => a.status === 303);
    const stored = await db.comment.findMany({
      where: { id: { in: confirmed.map((a) => commentIdOf(a.response!)) } },
      select: { id: true, bodyMarkdown: true },
    });
    const storedBodies = new Map(stored.map((c) => [c.id, c.bodyMarkdown]));
    for (const answer of confirmed) expect(storedBodies.get(commentIdOf(answer.response!))).toBe(answer.body);
    // And it works again, and listens again for other instances' events.
    const after = await new TestBrowser(() => instance.base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "after the cuts",
    });
    expect(after.status).toBe(303);
    expect((await fetch(`${instance.base}/posts/${post.slug}`)).status).toBe(200);
    await expect.poll(listening, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  });

  it("answers 503 with the text kept while the database cannot be reached, says why on /healthz, and recovers by itself", async () => {
    const post = await makePost();
    const browser = new TestBrowser(() => relayed.base);
    expect((await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "before the outage" })).status).toBe(
      303,
    );
    await relay.close();
    try {
      const refused = await browser.post(`/posts/${post.slug}`, {
        intent: "comment",
        body: "written while the database is away",
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      const page = pageText(await refused.text());
      expect(page).toContain("The forum cannot save right now (database unreachable)");
      expect(page).toContain(">written while the database is away</textarea>");
      // The in-page form gets the same answer as data.
      const inPage = await browser.post(`/posts/${post.slug}?_data=${encodeURIComponent("routes/posts.$slug")}`, {
        intent: "comment",
        body: "sent by the page's script",
        js: "1",
      });
      expect(inPage.status).toBe(503);
      expect(inPage.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await inPage.json()).toMatchObject({ ok: false, values: { body: "sent by the page's script" } });
      const health = await fetch(`${relayed.base}/healthz`);
      expect(health.status).toBe(503);
      const said = await health.text();
      expect(JSON.parse(said)).toEqual({ status: "unavailable", database: "database unreachable" });
      expect(said).not.toContain(String(relay.port));
      // Pages are answered from the page cache or refused for a while, never with a 500.
      for (const path of [
        `/posts/${post.slug}`,
        "/",
        "/feeds/comments.atom",
        `/posts/${post.slug}/comments.atom`,
        "/login",
      ]) {
        expect([200, 503], path).toContain((await fetch(`${relayed.base}${path}`)).status);
      }
      expect(alive(relayed.child)).toBe(true);
    } finally {
      await relay.open();
    }
    await expect.poll(async () => (await fetch(`${relayed.base}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    expect((await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "after the outage" })).status).toBe(
      303,
    );
    expect(await storedWith("written while the database is away")).toBe(0);
  });

  it("writes again, once, a comment whose connection was lost before its COMMIT was sent", async () => {
    const post = await makePost();
    relay.cutWhenSent('INSERT INTO "public"."Comment"');
    const response = await new TestBrowser(() => relayed.base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "cut while being written",
    });
    expect(relay.cutsPending).toBe(0);
    expect(response.status).toBe(303);
    expect(await storedWith("cut while being written")).toBe(1);
  });

  it("does not write twice a comment whose connection was lost during its COMMIT, and says it may be saved", async () => {
    const post = await makePost();
    relay.cutWhenSent("COMMIT", { sendFirst: true });
    const response = await new TestBrowser(() => relayed.base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "cut while being committed",
    });
    expect(relay.cutsPending).toBe(0);
    expect(response.status).toBe(503);
    const page = pageText(await response.text());
    expect(page).toContain("cannot tell whether it was saved");
    expect(page).toContain(">cut while being committed</textarea>");
    // The database did commit it; a blind retry would have stored it twice.
    await expect.poll(() => storedWith("cut while being committed")).toBe(1);
  });

  it("answers 303 for a comment whose live-update notice failed after it was saved, and the other instances still drop their copy of the thread", async () => {
    const post = await makePost();
    // The instance on the real connection keeps the thread: its answers come from its page cache.
    const reader = () => fetch(`${instance.base}/posts/${post.slug}`);
    await expect.poll(async () => (await reader()).headers.get("content-security-policy")).toContain("'sha256-");
    relay.cutWhenSent("pg_notify");
    const response = await new TestBrowser(() => relayed.base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "saved, but nobody was told",
    });
    expect(relay.cutsPending).toBe(0);
    expect(response.status).toBe(303);
    expect(await storedWith("saved, but nobody was told")).toBe(1);
    await expect
      .poll(async () => pageText(await (await reader()).text()), { timeout: 10_000 })
      .toContain("saved, but nobody was told");
  });

  it("answers 503 with the text kept when the database accepts only reads (a standby after a failover), and /healthz says so", async () => {
    const post = await makePost();
    const browser = new TestBrowser(() => relayed.base);
    const readOnly = (on: boolean) =>
      admin((c) =>
        c.query(`ALTER DATABASE "${databaseName()}" SET default_transaction_read_only = ${on ? "on" : "off"}`),
      );
    // A member who follows the thread: reading it notes what they have seen, a write.
    const user = await makeUser();
    const member = new TestBrowser(() => relayed.base);
    expect(
      (
        await member.post(
          "/login",
          { username: user.username, password: "correct horse battery" },
          { "x-forwarded-for": "203.0.113.50" },
        )
      ).status,
    ).toBe(302);
    await followPost({ userId: user.id, postId: post.id });
    await readOnly(true);
    try {
      // Connections made from now on take only reads.
      await cutConnections();
      await expect.poll(async () => (await fetch(`${relayed.base}/healthz`)).status, { timeout: 10_000 }).toBe(503);
      expect(await (await fetch(`${relayed.base}/healthz`)).json()).toEqual({
        status: "unavailable",
        database: "database read-only",
      });
      const refused = await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "written to a standby" });
      expect(refused.status).toBe(503);
      const page = pageText(await refused.text());
      expect(page).toContain("The forum cannot save right now (database read-only)");
      expect(page).toContain(">written to a standby</textarea>");
      // Reading needs no write.
      expect((await member.get(`/posts/${post.slug}`)).status).toBe(200);
      expect(await findDatabaseProblem()).toBe(
        `The PostgreSQL database "${databaseName()}" at 127.0.0.1:5432 accepts only reads (default_transaction_read_only is on): ALTER DATABASE "${databaseName()}" SET default_transaction_read_only = off, or point DATABASE_URL at a writable server.`,
      );
    } finally {
      await readOnly(false);
      await cutConnections();
    }
    await expect.poll(async () => (await fetch(`${relayed.base}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    expect(
      (await browser.post(`/posts/${post.slug}`, { intent: "comment", body: "written to the primary" })).status,
    ).toBe(303);
  });

  it("says at start when nothing answers where DATABASE_URL points, and finds nothing wrong with a working database", async () => {
    expect(await findDatabaseProblem(databaseTarget("postgresql://picket:secret@127.0.0.1:1/forum"))).toBe(
      "Nothing answers at 127.0.0.1:1 (connection refused): start PostgreSQL there, or correct DATABASE_URL.",
    );
    expect(await findDatabaseProblem()).toBeNull();
  });
});
