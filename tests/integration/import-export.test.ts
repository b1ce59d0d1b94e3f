// Moving in and out (issue 22): a branch's old blog, in each export format, comes in with its
// threads as they were (every reply under its parent, at any depth, with its date), cleaned as
// everything else is, with nothing that could unmask a writer; a second run adds nothing; old
// addresses lead to the imported posts; and the forum's export imports back into an empty one.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseProvider, listTables } from "~/lib/db.server";
import { SEARCH_TABLES } from "~/lib/search-tables";
import { ImportFileError, type ImportFormat } from "~/lib/import/forum.server";
import { readExport } from "~/lib/import/read.server";
import { importForum, type ImportReport } from "~/models/import.server";
import { installDefaultGlossary } from "~/models/tags.server";
import { makeComment, makePost, makeUser } from "../factories";
import { useApp } from "./http";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (name: string) => path.join(root, "tests/fixtures/import", name);
const base = useApp();
const scratch = mkdtempSync(path.join(os.tmpdir(), "picket-import-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the sources say about their writers that must never be stored or shown. */
const UNMASKING = [
  "secretary@branch.example.org",
  "grumpy.po@example.org",
  "198.51.100.23",
  "mick.leeds@example.org",
  "blogger.com/profile",
  "quiet.one@example.org",
  "192.0.2.44",
  "night.shift@example.org",
  "192.0.2.45",
  "192.0.2.46",
  "nightshift.example.org",
  "guest.writer@example.org",
  "203.0.113.200",
  "sam.rep@example.org",
  "203.0.113.201",
  "203.0.113.202",
  "198.51.100.9",
  "noreply@blogger.com",
];

async function importFile(format: ImportFormat, name: string, options: { dryRun?: boolean; text?: string } = {}) {
  const forum = readExport(format, options.text ?? readFileSync(fixture(name), "utf8"));
  return importForum({ forum, dryRun: options.dryRun });
}

/** The comments of a post by their source id, with what a thread is made of. */
async function threadOf(postId: number) {
  const rows = await db.comment.findMany({
    where: { postId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      parentId: true,
      rootId: true,
      depth: true,
      position: true,
      status: true,
      bodyMarkdown: true,
      bodyHtml: true,
      voice: true,
      displayName: true,
      voiceCode: true,
      authorRef: true,
      createdAt: true,
      importedFrom: true,
      tags: { select: { tag: { select: { name: true } } } },
    },
  });
  // Known by the number that ends their source id ("…post-201", "…?c=21", "9001").
  const bySource = new Map(rows.map((r) => [/(\d+)$/.exec(r.importedFrom!)![1], r]));
  return { rows, at: (id: string) => bySource.get(id)! };
}

const countRows = async () => ({ posts: await db.post.count(), comments: await db.comment.count() });

beforeAll(async () => {
  await installDefaultGlossary();
});

describe("a Blogger Takeout export", () => {
  let report: ImportReport;
  let postId: number;

  it("is counted by a dry run, which writes nothing", async () => {
    const before = await countRows();
    const dry = await importFile("blogger", "blogger-takeout.atom", { dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      posts: { added: 1, alreadyImported: 0 },
      comments: { added: 8, replies: 5, tombstones: 1 },
      orphans: ["tag:blogger.com,1999:blog-7001.post-209"],
      skipped: { spam: 1, deleted: 1, unpublished: 1, "post not found": 1 },
    });
    expect(await countRows()).toEqual(before);
  });

  it("keeps the thread's shape at every depth, with its dates, and leaves out spam, deleted and unpublished items", async () => {
    report = await importFile("blogger", "blogger-takeout.atom");
    expect(report).toMatchObject({
      dryRun: false,
      posts: { added: 1 },
      comments: { added: 8, replies: 5, tombstones: 1 },
      orphans: ["tag:blogger.com,1999:blog-7001.post-209"],
      oldAddresses: 1,
    });
    const post = await db.post.findUniqueOrThrow({
      where: { importedFrom: "blogger:tag:blogger.com,1999:blog-7001.post-100" },
      select: { id: true, slug: true, title: true, publishedAt: true, status: true, voice: true, displayName: true },
    });
    postId = post.id;
    expect(post).toMatchObject({
      slug: "ballot-result-87-for-strike-action",
      title: "Ballot result: 87% for strike action",
      status: "published",
      voice: "imported",
      displayName: "Branch Secretary",
    });
    expect(post.publishedAt!.toISOString()).toBe("2019-03-14T09:30:00.000Z");
    // The draft and the comment on it are not here.
    expect(await db.post.count({ where: { title: { contains: "Unfinished draft" } } })).toBe(0);

    const thread = await threadOf(post.id);
    expect(thread.rows.map((r) => r.importedFrom!.replace(/^.*post-/, ""))).toEqual([
      "201",
      "202",
      "203",
      "204",
      "205",
      "207",
      "208",
      "209",
    ]);
    // 201 ← 202 ← 203 ← 204 ← 205: each reply under the comment it answered.
    const chain = ["201", "202", "203", "204", "205"].map(thread.at);
    chain.forEach((comment, depth) => {
      expect(comment.depth).toBe(depth);
      expect(comment.parentId).toBe(depth === 0 ? null : chain[depth - 1].id);
      expect(comment.rootId).toBe(depth === 0 ? null : chain[0].id);
    });
    expect(thread.at("205").createdAt.toISOString()).toBe("2019-03-14T10:40:00.000Z");
    // Top-level comments take their places oldest first: the tombstone keeps its reply's place, the orphan comes last.
    expect(["201", "207", "209"].map((id) => thread.at(id).position)).toEqual([0, 1, 2]);
    expect(thread.at("207")).toMatchObject({ status: "deleted", bodyMarkdown: "", bodyHtml: "" });
    expect(thread.at("208").parentId).toBe(thread.at("207").id);
    expect(thread.at("209")).toMatchObject({ parentId: null, depth: 0 });
    expect(thread.rows.every((r) => r.status === "published" || r.importedFrom!.endsWith("207"))).toBe(true);
    expect(thread.rows.some((r) => /WATCHES/.test(r.bodyMarkdown))).toBe(false);
  });

  it("cleans hostile HTML by the forum's own rules and stores it as markdown", async () => {
    const { at } = await threadOf(postId);
    const hostile = at("202");
    expect(hostile.bodyHtml).toContain("<strong>Half</strong>");
    expect(hostile.bodyHtml).toContain(
      '<a href="https://napo.example.org/faq" rel="nofollow ugc noopener noreferrer">the FAQ</a>',
    );
    for (const bad of ["<script", "alert", "onerror", "onclick", "javascript:", "<img"])
      expect(hostile.bodyHtml).not.toContain(bad);
    expect(hostile.bodyMarkdown).toContain("**Half**");
    const post = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { bodyHtml: true, excerpt: true } });
    expect(post.bodyHtml).toBe(
      "<p>The ballot on the TR contracts closed today.</p>\n<p>Members voted <strong>87%</strong> for strike action.</p>",
    );
    expect(post.excerpt).not.toContain("steal");
  });

  it("gives anonymous writers Anonymous voices and named ones their names marked as imported, never a tripcode", async () => {
    const { at } = await threadOf(postId);
    expect(at("201")).toMatchObject({ voice: "anonymous", displayName: null, voiceCode: null });
    expect(at("202")).toMatchObject({ voice: "imported", displayName: "Grumpy PO", voiceCode: null });
    // A name that looked like a tripcode in the source is a plain name here.
    expect(at("204")).toMatchObject({ voice: "imported", displayName: "Rosa K2M9XQ4T", voiceCode: null });
    const page = await (await fetch(`${base()}/posts/ballot-result-87-for-strike-action`)).text();
    expect(page).toContain("Grumpy PO (imported)");
    expect(page).toContain("Rosa K2M9XQ4T (imported)");
    expect(page).not.toContain("◆K2M9XQ4T");
    expect(page).toContain("Four levels down and still arguing.");
  });

  it("tags imported posts and comments by the glossary, and publishes them without holds", async () => {
    const post = await db.post.findUniqueOrThrow({
      where: { id: postId },
      select: { tags: { select: { tag: { select: { name: true } } } } },
    });
    expect(post.tags.map((t) => t.tag.name)).toEqual(expect.arrayContaining(["TR", "strike"]));
    const { at } = await threadOf(postId);
    expect(at("201").tags.map((t) => t.tag.name)).toContain("NPS");
    expect(await db.comment.count({ where: { status: "held" } })).toBe(0);
  });

  it("adds only what is new from a later export of the same blog", async () => {
    const later = readFileSync(fixture("blogger-takeout.atom"), "utf8").replace(
      "</feed>",
      `<entry>
    <id>tag:blogger.com,1999:blog-7001.post-211</id>
    <blogger:type>COMMENT</blogger:type>
    <blogger:status>LIVE</blogger:status>
    <author><name>Anonymous</name><blogger:type>ANONYMOUS</blogger:type></author>
    <blogger:parent>tag:blogger.com,1999:blog-7001.post-100</blogger:parent>
    <blogger:inReplyTo>tag:blogger.com,1999:blog-7001.post-205</blogger:inReplyTo>
    <content type='html'>Five levels down, from a later export.</content>
    <published>2019-03-15T08:00:00.000Z</published>
  </entry></feed>`,
    );
    const before = await countRows();
    const again = await importFile("blogger", "", { text: later });
    expect(again).toMatchObject({
      posts: { added: 0, alreadyImported: 1 },
      comments: { added: 1, alreadyImported: 8, replies: 1, tombstones: 0 },
      orphans: [],
    });
    expect(await countRows()).toEqual({ posts: before.posts, comments: before.comments + 1 });
    const { at } = await threadOf(postId);
    expect(at("211")).toMatchObject({ parentId: at("205").id, depth: 5, rootId: at("201").id });
  });
});

describe("the older Blogger (GData) export", () => {
  it("reads comment kinds, the post in thr:in-reply-to and the parent in link rel=related", async () => {
    const report = await importFile("blogger", "blogger-gdata.xml");
    expect(report).toMatchObject({
      posts: { added: 1 },
      comments: { added: 6, replies: 4, tombstones: 1 },
      orphans: ["tag:blogger.com,1999:blog-5150.post-4006"],
      skipped: { unpublished: 1, deleted: 1 },
    });
    const post = await db.post.findUniqueOrThrow({
      where: { importedFrom: "blogger:tag:blogger.com,1999:blog-5150.post-3000" },
      select: { id: true, slug: true, publishedAt: true, bodyHtml: true },
    });
    expect(post.slug).toBe("crc-staff-told-to-reapply");
    expect(post.publishedAt!.toISOString()).toBe("2012-05-02T07:15:00.000Z");
    expect(post.bodyHtml).toBe("<p>Staff at the CRC were told on Monday.<br /><br />More <em>soon</em>.</p>");
    const { at } = await threadOf(post.id);
    expect(["4001", "4002", "4003", "4004", "4005"].map((id) => at(id).depth)).toEqual([0, 1, 2, 3, 4]);
    expect(at("4005").parentId).toBe(at("4004").id);
    expect(at("4004")).toMatchObject({ status: "deleted", bodyHtml: "" });
    expect(at("4002")).toMatchObject({ voice: "imported", displayName: "Mick from Leeds" });
    expect(at("4002").bodyHtml).toBe("<p>Ask your <strong>Napo</strong> rep.</p>");
    expect(at("4006")).toMatchObject({ parentId: null, position: 1 });
  });
});

describe("a WordPress export", () => {
  it("threads by wp:comment_parent, keeps line breaks, and leaves out spam, trash, pingbacks, pending comments, pages and drafts", async () => {
    const report = await importFile("wordpress", "wordpress.xml");
    expect(report).toMatchObject({
      posts: { added: 1 },
      comments: { added: 5, replies: 3, tombstones: 0 },
      orphans: ["https://branchvoice.example.org/?c=28"],
      skipped: { spam: 1, deleted: 1, "pingback or trackback": 1, unpublished: 2, "not a post": 1 },
      oldAddresses: 2,
    });
    const post = await db.post.findUniqueOrThrow({
      where: { importedFrom: "wordpress:https://branchvoice.example.org/?p=12" },
      select: { id: true, slug: true, bodyHtml: true, displayName: true },
    });
    expect(post).toMatchObject({ slug: "walkout-at-the-nps-office", displayName: "Shop Steward" });
    expect(post.bodyHtml).toBe(
      "<p>Staff walked out at 10am.</p>\n<p>They were back by noon, with <strong>promises</strong>.</p>",
    );
    const { at } = await threadOf(post.id);
    expect(at("21").bodyHtml).toBe("<p>Solidarity from the CRC.<br />Second line.</p>\n<p>Second paragraph.</p>");
    expect(at("21")).toMatchObject({ voice: "anonymous", depth: 0 });
    expect([at("22").parentId, at("23").parentId, at("24").parentId]).toEqual([at("21").id, at("22").id, at("23").id]);
    expect(at("24").depth).toBe(3);
    expect(at("23")).toMatchObject({ voice: "anonymous", displayName: null });
    expect(at("22").bodyHtml).toBe("<p>Was anyone <em>not</em> out? see</p>");
  });
});

describe("a Disqus export", () => {
  it("puts a thread's comments under the post already imported at its address, and makes posts of the others", async () => {
    const report = await importFile("disqus", "disqus.xml");
    expect(report).toMatchObject({
      posts: { added: 1, alreadyImported: 1 },
      comments: { added: 5, replies: 3 },
      orphans: ["9006"],
      skipped: { spam: 1, deleted: 2 },
    });
    const ballot = await db.post.findUniqueOrThrow({
      where: { slug: "ballot-result-87-for-strike-action" },
      select: { id: true },
    });
    const { at, rows } = await threadOf(ballot.id);
    expect(rows.filter((r) => r.importedFrom!.startsWith("disqus:"))).toHaveLength(4);
    expect(["9001", "9002", "9003", "9007"].map((id) => at(id).depth)).toEqual([0, 1, 2, 3]);
    expect(at("9001")).toMatchObject({ voice: "anonymous" });
    expect(at("9002")).toMatchObject({ voice: "imported", displayName: "Sam the Rep" });
    expect(at("9002").bodyHtml).not.toContain("script");
    expect(at("9002").bodyHtml).not.toContain("_blank");
    const pay = await db.post.findUniqueOrThrow({
      where: { importedFrom: "disqus:thread-501" },
      select: { id: true, title: true, commentsOpen: true, voice: true },
    });
    expect(pay).toMatchObject({ title: "Pay offer rejected", commentsOpen: false, voice: "anonymous" });
    expect((await threadOf(pay.id)).at("9006")).toMatchObject({ parentId: null, voice: "imported" });
  });
});

describe("after every import", () => {
  it("runs again adding nothing", async () => {
    const before = await countRows();
    for (const [format, name] of [
      ["blogger", "blogger-takeout.atom"],
      ["blogger", "blogger-gdata.xml"],
      ["wordpress", "wordpress.xml"],
      ["disqus", "disqus.xml"],
    ] as const) {
      const again = await importFile(format, name);
      expect(again.posts.added, name).toBe(0);
      expect(again.comments.added, name).toBe(0);
    }
    expect(await countRows()).toEqual(before);
  });

  it("stores no address, email or profile link of any writer, anywhere in the database", async () => {
    let everything = "";
    // The search index's own tables hold its words in binary pages: on SQLite the file is read below.
    const tables = (await listTables()).filter((table) => !SEARCH_TABLES.includes(table));
    for (const table of tables) {
      // On PostgreSQL each row as text: its search columns (tsvector) have no JavaScript type.
      const rows = await db.$queryRawUnsafe<unknown[]>(
        databaseProvider === "postgresql" ? `SELECT t::text AS row FROM "${table}" t` : `SELECT * FROM "${table}"`,
      );
      everything += JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
    }
    expect(everything).toContain("Grumpy PO");
    for (const secret of UNMASKING) expect(everything, secret).not.toContain(secret);
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    if (databaseProvider === "sqlite")
      for (const part of [file, `${file}-wal`].filter(existsSync)) {
        const bytes = readFileSync(part).toString("latin1");
        for (const secret of UNMASKING) expect(bytes, `${secret} in ${part}`).not.toContain(secret);
      }
  });

  it("answers the old addresses with a 301 to the imported post", async () => {
    const expectations: [string, string][] = [
      ["/2019/03/ballot-result-87-for-strike-action.html", "/posts/ballot-result-87-for-strike-action"],
      ["/2019/03/ballot-result-87-for-strike-action.html?m=1", "/posts/ballot-result-87-for-strike-action"],
      ["/2012/05/crc-staff-told-to-reapply.html", "/posts/crc-staff-told-to-reapply"],
      ["/?p=12", "/posts/walkout-at-the-nps-office"],
      ["/2020/02/07/walkout-at-the-nps-office/", "/posts/walkout-at-the-nps-office"],
      ["/2020/02/07/walkout-at-the-nps-office", "/posts/walkout-at-the-nps-office"],
      ["/2019/04/pay-offer-rejected.html", "/posts/pay-offer-rejected"],
    ];
    for (const [old, now] of expectations) {
      const response = await fetch(`${base()}${old}`, { redirect: "manual" });
      expect(response.status, old).toBe(301);
      expect(response.headers.get("location"), old).toBe(now);
    }
    for (const unknown of ["/?p=999", "/?p=abc", "/?p=", "/2019/03/never-was.html", "/2019/13/x/y/z", "/%2e%2e/2019"]) {
      const response = await fetch(`${base()}${unknown}`, { redirect: "manual" });
      expect(response.status, unknown).toBe(404);
    }
    const home = await fetch(`${base()}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Walkout at the NPS office");
  });

  it("shows imported comments in the feeds with their original dates", async () => {
    const feed = await (await fetch(`${base()}/posts/ballot-result-87-for-strike-action/comments.atom`)).text();
    expect(feed).toContain("<published>2019-03-14T10:40:00.000Z</published>");
    expect(feed).toContain("Four levels down and still arguing.");
  });
});

describe("files that cannot be imported", () => {
  it("are refused with a message, writing nothing", async () => {
    const before = await countRows();
    const cases: [ImportFormat, string][] = [
      ["blogger", "<feed><entry>"],
      ["blogger", readFileSync(fixture("wordpress.xml"), "utf8")],
      ["wordpress", readFileSync(fixture("disqus.xml"), "utf8")],
      ["disqus", "not xml at all"],
      [
        "blogger",
        '<?xml version="1.0"?><!DOCTYPE f [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><feed>&b;</feed>',
      ],
      ["picket", "{}"],
      ["picket", '{"format":"picket-export","version":1,"forum":"x"}\n{"type":"comment","id":"1"}'],
    ];
    for (const [format, text] of cases)
      expect(() => readExport(format, text), text.slice(0, 40)).toThrow(ImportFileError);
    expect(await countRows()).toEqual(before);
  });
});

/** Runs one of the forum's commands as an admin would, against `databaseUrl`. */
function run(args: string[], databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PICKET_DEMO: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

let databases = 0;

/** A new, empty database of the kind the tests run on. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (databaseProvider === "sqlite")
    return { url: `file:${path.join(scratch, `empty-${++databases}.db`)}`, drop: () => Promise.resolve() };
  const server = process.env.PICKET_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `picket_roundtrip_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: server });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

type Line = Record<string, unknown> & { type?: string };
const linesOf = (file: string): Line[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

/** Threads as text: each post with its comments nested under their parents, ids left out. */
function threadsOf(lines: Line[]) {
  const comments = lines.filter((l) => l.type === "comment");
  const shape = (parent: unknown, post: unknown): unknown[] =>
    comments
      .filter((c) => c.parent === parent && c.post === post)
      .map((c) => ({
        // A comment awaiting review is exported as its placeholder, and comes back as a tombstone holding its replies.
        status: c.status === "withheld" ? "deleted" : c.status,
        markdown: c.markdown,
        author: c.author,
        anonymousTag: c.author === null ? c.code : undefined,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
        replies: shape(c.id, post),
      }));
  return lines
    .filter((l) => l.type === "post")
    .map((p) => ({
      title: p.title,
      markdown: p.markdown,
      author: p.author,
      publishedAt: p.publishedAt,
      commentsOpen: p.commentsOpen,
      tags: p.tags,
      oldAddresses: p.oldAddresses,
      comments: shape(null, p.id),
    }))
    .sort((a, b) => String(a.title).localeCompare(String(b.title)));
}

// Each command is a process of its own, started as an admin starts it: seconds each on a busy machine.
const COMMANDS_TIMEOUT_MS = 240_000;

describe("npm run export and npm run import -- picket", () => {
  it(
    "export the forum without anything a page would not show, and import it into an empty forum with the same threads, texts and dates",
    async () => {
      // The forum's own writers too: a member, a pseudonym with a tripcode, an anonymous voice, a held comment.
      const member = await makeUser({ username: "roundtrip-rosa" });
      const post = await makePost({
        title: "Written here, not imported",
        body: "Our own **post** about the TR ballot.",
      });
      const first = await makeComment({ postId: post.id, body: "Anonymous here" });
      const named = await makeComment({
        postId: post.id,
        parentId: first.id,
        body: "Signed with a tripcode",
        choice: { kind: "pseudonym", name: "Grumpy PO#secret" },
      });
      await makeComment({
        postId: post.id,
        parentId: named.id,
        body: "As a member",
        writer: { userId: member.id },
        member: { id: member.id, username: member.username },
        choice: { kind: "member" },
      });
      await db.comment.update({ where: { id: first.id }, data: { status: "held", holdReason: "flags" } });

      const exported = path.join(scratch, "forum.jsonl");
      const out = await run(["scripts/export.ts", exported], process.env.DATABASE_URL!);
      expect(out.code, out.output).toBe(0);
      expect(out.output).toMatch(/Exported \d+ post\(s\), \d+ comment\(s\)/);
      const text = readFileSync(exported, "utf8");
      const lines = linesOf(exported);
      expect(lines[0]).toMatchObject({ format: "picket-export", version: 1 });
      // Nothing that identifies a writer or an account: no author references, hashes, sessions or secrets.
      const refs = await db.comment.findMany({ where: { importedFrom: null }, select: { authorRef: true } });
      const user = await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { passwordHash: true } });
      for (const secret of [...refs.map((r) => r.authorRef), user.passwordHash]) expect(text).not.toContain(secret);
      for (const word of ["authorRef", "passwordHash", "cloak", "formKey", "session", "holdReason", "Anonymous here"])
        expect(text, word).not.toContain(word);
      for (const secret of UNMASKING) expect(text, secret).not.toContain(secret);
      const held = lines.find((l) => l.type === "comment" && l.status === "withheld");
      expect(held).toMatchObject({ markdown: "", author: null, code: null });

      const empty = await emptyDatabase();
      try {
        const imported = await run(["scripts/import.ts", "picket", exported], empty.url);
        expect(imported.code, imported.output).toBe(0);
        expect(imported.output).toMatch(/Imported \d+ post\(s\) and \d+ comment\(s\)/);
        expect(imported.output).toMatch(/Done in \d+\.\d s/);
        const again = path.join(scratch, "again.jsonl");
        const back = await run(["scripts/export.ts", again], empty.url);
        expect(back.code, back.output).toBe(0);
        const twice = linesOf(again);
        expect(threadsOf(twice)).toEqual(threadsOf(lines));
        expect(twice.filter((l) => l.type === "tag").map((l) => l.name)).toEqual(
          expect.arrayContaining(lines.filter((l) => l.type === "tag").map((l) => l.name)),
        );
        // Imported once more, it adds nothing.
        const rerun = await run(["scripts/import.ts", "picket", exported], empty.url);
        expect(rerun.output).toMatch(/Imported 0 post\(s\) and 0 comment\(s\)/);
      } finally {
        await empty.drop();
      }
    },
    COMMANDS_TIMEOUT_MS,
  );

  it(
    "reports a dry run's counts and its orphans, and refuses a wrong command",
    async () => {
      // On SQLite the commands are for a forum whose server is stopped (README): a database of their own.
      const fresh = await emptyDatabase();
      try {
        const first = await run(["scripts/import.ts", "blogger", fixture("blogger-gdata.xml")], fresh.url);
        expect(first.output).toContain("comments: 6 of 6");
        const dry = await run(["scripts/import.ts", "blogger", fixture("blogger-gdata.xml"), "--dry-run"], fresh.url);
        expect(dry.code, dry.output).toBe(0);
        expect(dry.output).toContain("Would import 0 post(s) and 0 comment(s)");
        expect(dry.output).toContain("Already imported before: 1 post(s), 6 comment(s).");
        const counted = await run(["scripts/import.ts", "wordpress", fixture("wordpress.xml"), "--dry-run"], fresh.url);
        expect(counted.output).toContain("Would import 1 post(s) and 5 comment(s)");
        expect(counted.output).toMatch(/Left out: .*1 spam.*1 pingback or trackback/);
        expect(counted.output).toContain("1 orphan(s)");
        expect(counted.output).toContain("https://branchvoice.example.org/?c=28");
      } finally {
        await fresh.drop();
      }
      const usage = await run(["scripts/import.ts", "tumblr", "x"], process.env.DATABASE_URL!);
      expect(usage.code).toBe(2);
      expect(usage.output).toContain("Usage: npm run import");
      const missing = await run(
        ["scripts/import.ts", "blogger", path.join(scratch, "nope.xml")],
        process.env.DATABASE_URL!,
      );
      expect(missing.code).toBe(1);
      expect(missing.output).toContain("Nothing was imported");
    },
    COMMANDS_TIMEOUT_MS,
  );
});
