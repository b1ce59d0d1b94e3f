// The foundation: migrations, the demo seed, and the pages every reader sees first.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseProvider, db, listTables, write } from "~/lib/db.server";
import {
  POSTGRES_SNAPSHOT_PATH,
  SCHEMA_PATH,
  migrationsDirFor,
  pendingSchemaChange,
  schemaFor,
} from "~/lib/migrations.server";
import { DEMO_ACCOUNTS, seedDemo, seedDemoIfEmpty } from "../../prisma/seed";
import { unpublishPost } from "~/models/posts.server";
import { makeComment, makePost } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const DAY = 24 * 60 * 60 * 1000;

describe("migrations", () => {
  it("create every table the schema describes in an empty SQLite file", async () => {
    const models = [...readFileSync(SCHEMA_PATH, "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length).toBeGreaterThan(10);
    const names = await listTables();
    for (const model of models) expect(names).toContain(model);
    expect(names).toContain("_prisma_migrations");
  });

  it("agree with schema.prisma, for SQLite and PostgreSQL (write them with `npm run db:migration <name>` when this fails)", async () => {
    // SQLite: the migrations are replayed on a scratch database and compared with the schema.
    expect(await pendingSchemaChange("sqlite")).toBe("");
    // PostgreSQL: its migrations were written up to the schema as it is now (npm run test:pg
    // then applies them to a fresh database for every test file).
    expect(readFileSync(POSTGRES_SNAPSHOT_PATH, "utf8")).toBe(schemaFor("postgresql"));
  });

  it("give the top-level comments of a forum written before places were kept their places in their threads", async () => {
    const dir = migrationsDirFor(databaseProvider);
    const migration = readdirSync(dir).find((name) => name.endsWith("_comment_positions"))!;
    const backfill = /UPDATE "Comment" SET "position"[\s\S]*?;/.exec(
      readFileSync(path.join(dir, migration, "migration.sql"), "utf8"),
    )![0];
    // Published weeks ago (within the 60-day rule), so that they stay off the top of the home page the tests below read.
    const longAgo = new Date(Date.now() - 40 * DAY);
    const [post, other] = [await makePost({ publishedAt: longAgo }), await makePost({ publishedAt: longAgo })];
    const first = await makeComment({ postId: post.id });
    await makeComment({ postId: other.id });
    const reply = await makeComment({ postId: post.id, parentId: first.id });
    const second = await makeComment({ postId: post.id });
    await makeComment({ postId: other.id });
    const third = await makeComment({ postId: post.id });
    const placed = () =>
      db.comment.findMany({
        where: { postId: { in: [post.id, other.id] } },
        orderBy: { id: "asc" },
        select: { postId: true, position: true },
      });
    const asWritten = await placed();
    expect(asWritten.filter((c) => c.postId === post.id).map((c) => c.position)).toEqual([0, null, 1, 2]);
    await db.comment.updateMany({ where: { postId: { in: [post.id, other.id] } }, data: { position: null } });
    await db.$executeRawUnsafe(backfill);
    expect(await placed()).toEqual(asWritten);
    expect([first, reply, second, third].map((c) => c.page)).toEqual([1, 1, 1, 1]);
  });
});

describe("reads", () => {
  it("let other requests in before each query outside a transaction (SQLite answers at once: a page's loader would otherwise hold the server from its first query to its last)", async () => {
    const order: string[] = [];
    const reads = (async () => {
      await db.post.count();
      order.push("first read");
      await db.comment.count();
      order.push("second read");
    })();
    setImmediate(() => order.push("other work"));
    await reads;
    expect(order).toEqual(["other work", "first read", "second read"]);
  });

  it("let no other request in while a batch of writes is open on SQLite, whose one connection would show it the batch's rows before their COMMIT", async () => {
    const order: string[] = [];
    await write(async (tx) => {
      await tx.setting.count();
      setImmediate(() => order.push("another request"));
      await db.setting.count();
      order.push("a read the write makes");
    });
    await new Promise((resolve) => setImmediate(resolve));
    // On PostgreSQL a read outside the transaction goes to another connection and sees only what is committed.
    expect(order).toEqual(
      databaseProvider === "sqlite"
        ? ["a read the write makes", "another request"]
        : ["another request", "a read the write makes"],
    );
  });
});

describe("pages", () => {
  const browser = new TestBrowser(base);

  it("/healthz answers 200 after checking the database", async () => {
    const response = await browser.get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("an unknown post and an unknown address are styled 404 pages, not 500s", async () => {
    for (const path of [
      "/posts/no-such-post",
      "/no/such/page",
      "/posts/no-such-post/comments/12",
      "/posts/x/comments/not-a-number",
      "/archive/2026/13",
    ]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html, path).toContain("Page not found");
      expect(html, path).toContain('href="/"');
    }
  });

  it("the home page lists pinned posts first, then the newest, with comment counts", async () => {
    const now = Date.now();
    const old = await makePost({ title: "An old post", publishedAt: new Date(now - 30 * DAY) });
    const pinned = await makePost({
      title: "The pinned ballot post",
      publishedAt: new Date(now - 20 * DAY),
      pinned: true,
    });
    const fresh = await makePost({ title: "Yesterday on the picket line", publishedAt: new Date(now - DAY) });
    for (let i = 0; i < 3; i++) await makeComment({ postId: fresh.id });
    await makeComment({ postId: old.id });

    const { status, data } = await browser.data("/", "routes/_index");
    expect(status).toBe(200);
    const titles = data.posts.map((p: { title: string }) => p.title);
    expect(titles.slice(0, 3)).toEqual(["The pinned ballot post", "Yesterday on the picket line", "An old post"]);
    expect(data.posts.find((p: { slug: string }) => p.slug === fresh.slug)?.commentCount).toBe(3);
    expect(data.posts.find((p: { slug: string }) => p.slug === old.slug)?.commentCount).toBe(1);
    expect(data.posts.find((p: { slug: string }) => p.slug === pinned.slug)?.pinned).toBe(true);

    const html = pageText(await (await browser.get("/")).text());
    expect(html.indexOf("The pinned ballot post")).toBeLessThan(html.indexOf("Yesterday on the picket line"));
    expect(html).toContain("3 comments");
  });

  it("the home page is paginated", async () => {
    for (let i = 0; i < 10; i++)
      await makePost({ title: `Filler ${i}`, publishedAt: new Date(Date.now() - (40 + i) * DAY) });
    const first = await browser.data("/", "routes/_index");
    expect(first.data.posts).toHaveLength(10);
    expect(first.data.pages).toBe(2);
    const second = await browser.data("/?page=2", "routes/_index");
    expect(second.data.page).toBe(2);
    const seen = new Set([...first.data.posts, ...second.data.posts].map((p: { id: number }) => p.id));
    expect(seen.size).toBe(first.data.posts.length + second.data.posts.length);
    expect(pageText(await (await browser.get("/?page=2")).text())).toContain("Page 2 of 2");
  });

  it("the home page's pager counts the posts published and unpublished a moment ago (the count is kept between changes)", async () => {
    const pages = async () => (await browser.data("/", "routes/_index")).data.pages;
    const before = await pages();
    expect(await pages()).toBe(before);
    const added = [];
    for (let i = 0; i < 10; i++)
      added.push(await makePost({ title: `Counted ${i}`, publishedAt: new Date(Date.now() - (400 + i) * DAY) }));
    expect(await pages()).toBe(before + 1);
    for (const post of added) await unpublishPost({ postId: post.id });
    expect(await pages()).toBe(before);
  });

  it("the archive lists the posts of one month", async () => {
    await makePost({ title: "A March report", publishedAt: new Date(Date.UTC(2025, 2, 14, 12)) });
    await makePost({ title: "An April report", publishedAt: new Date(Date.UTC(2025, 3, 2, 12)) });
    const march = pageText(await (await browser.get("/archive/2025/03")).text());
    expect(march).toContain("A March report");
    expect(march).not.toContain("An April report");
    const index = pageText(await (await browser.get("/archive")).text());
    expect(index).toContain("March 2025");
    expect(index).toContain("April 2025");
  });
});

describe("the demo seed", () => {
  it("builds a branch blog with a busy, deep, many-voiced thread and the demo accounts", async () => {
    await db.comment.deleteMany();
    await db.post.deleteMany();
    const result = await seedDemo();
    expect(result.posts).toBeGreaterThanOrEqual(8);

    const users = await db.user.findMany({ select: { username: true, role: true } });
    expect(users.map((u) => [u.username, u.role]).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.username, a.role]).sort(),
    );

    const busiest = await db.post.findFirstOrThrow({
      orderBy: { comments: { _count: "desc" } },
      select: { id: true, slug: true, pinned: true },
    });
    const comments = await db.comment.findMany({ where: { postId: busiest.id }, select: { depth: true, voice: true } });
    expect(comments.length).toBeGreaterThanOrEqual(150);
    expect(Math.max(...comments.map((c) => c.depth))).toBeGreaterThanOrEqual(6);
    const voices = new Set(comments.map((c) => c.voice));
    expect([...voices].sort()).toEqual(["anonymous", "member", "pseudonym"]);
    expect(await db.post.count({ where: { commentsOpen: false } })).toBeGreaterThanOrEqual(1);

    // The post loader returns the thread in order: replies after their parents, top level oldest first.
    const { data } = await new TestBrowser(base).data(`/posts/${busiest.slug}`, "routes/posts.$slug");
    const roots = data.thread.comments as { id: number; replies: unknown[] }[];
    expect(roots.length).toBeGreaterThan(20);
    expect(roots.map((r) => r.id)).toEqual([...roots.map((r) => r.id)].sort((a, b) => a - b));

    // Seeding again is refused: the demo only goes into an empty database.
    expect(await seedDemoIfEmpty()).toBeNull();
  });
});
