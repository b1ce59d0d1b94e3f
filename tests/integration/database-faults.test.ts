// An SQLite database that cannot be written (a read-only file system, a full disk, another
// process holding the write lock) is said so at start, with how to mend it, and while running
// answers 503 with the writer's text kept, never a 500. The file systems are small tmpfs
// mounts made for each test (these tests run as root, whom file permissions do not stop).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { findDatabaseProblem } from "~/lib/database-check.server";
import { databaseTarget } from "~/lib/database-url.server";
import { applyMigrations } from "~/lib/migrations.server";
import { root, startServerProcess } from "../server-process";
import { TestBrowser, pageText } from "./http";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh directory on a tmpfs of `size`, with a migrated forum database in it. */
async function forumOnOwnDisk(size = "8m") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "picket-disk-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  cleanups.push(() => {
    execFileSync("umount", ["-l", dir]);
    rmdirSync(dir);
  });
  const file = path.join(dir, "picket.db");
  await applyMigrations(`file:${file}`);
  return { dir, file, url: `file:${file}` };
}

/** Fills the disk holding `dir` to the last byte; returns the filler file. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, "filler");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  // The last partial chunk.
  try {
    const rest = openSync(filler, "a");
    try {
      for (;;) writeSync(rest, Buffer.alloc(512));
    } finally {
      closeSync(rest);
    }
  } catch {
    // Full.
  }
  return filler;
}

/** The server entry's server on `databaseUrl`, started past the start check (which would refuse). */
const PAST_THE_CHECK = "const { startServer } = await import('./server.ts'); await startServer();";

async function startInstance(databaseUrl: string) {
  const server = await startServerProcess({
    node: ["--input-type=module", "-e", PAST_THE_CHECK],
    env: { DATABASE_URL: databaseUrl },
  });
  cleanups.push(() => server.child.kill("SIGKILL"));
  return server;
}

/** A post to comment under, made through the instance's own database. */
function makePostIn(file: string): string {
  const connection = new BetterSqlite3(file);
  try {
    const slug = `a-post-${Math.random().toString(36).slice(2, 8)}`;
    // Dates as the driver adapter writes them.
    const now = new Date().toISOString().replace("Z", "+00:00");
    connection
      .prepare(
        `INSERT INTO "Post" ("slug", "title", "bodyMarkdown", "bodyHtml", "status", "voice", "authorRef", "publishedAt", "createdAt", "updatedAt") VALUES (?, 'The ballot', 'Vote.', '<p>Vote.</p>', 'published', 'anonymous', 'ref', ?, ?, ?)`,
      )
      .run(slug, now, now, now);
    return slug;
  } finally {
    connection.close();
  }
}

const countStored = (file: string, body: string) => {
  const connection = new BetterSqlite3(file, { readonly: true });
  try {
    return (
      connection.prepare(`SELECT count(*) AS n FROM "Comment" WHERE "bodyMarkdown" = ?`).get(body) as { n: number }
    ).n;
  } finally {
    connection.close();
  }
};

const health = async (base: string) => {
  const response = await fetch(`${base}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; database: string } };
};

/** Asserts the answer a comment gets when it cannot be saved: 503, Retry-After, the text back. */
async function expectKeptText(response: Response, body: string, reason: string) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  const page = pageText(await response.text());
  expect(page).toContain(`The forum cannot save right now (${reason})`);
  expect(page).toContain(`>${body}</textarea>`);
}

describe("an SQLite database that cannot be written", () => {
  it("stops the start with what is wrong and how to mend it when its directory is on a read-only file system", async () => {
    const { dir, url } = await forumOnOwnDisk();
    execFileSync("mount", ["-o", "remount,ro", dir]);
    const started = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, PORT: "0", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(() => started.kill("SIGKILL"));
    let output = "";
    started.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => started.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain(`Picket cannot start: ${dir}/ is on a read-only file system: mount ${dir}/ read-write`);
    expect(output).not.toContain("listening");
  });

  it("stops the start when the disk holding it is full", async () => {
    const { dir, file } = await forumOnOwnDisk();
    fillDisk(dir);
    expect(await findDatabaseProblem(databaseTarget(`file:${file}`))).toBe(
      `The disk holding ${dir}/ is full: free some space there (or move the database to a larger disk).`,
    );
  });

  it("tells a user who may not write the database file which file it is and how to mend it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "picket-perm-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    chmodSync(dir, 0o777);
    const file = path.join(dir, "picket.db");
    writeFileSync(file, "");
    chmodSync(file, 0o444);
    // Root may write any file: the check runs as the unprivileged user "nobody".
    const script = `const { findDatabaseProblem } = await import(${JSON.stringify(path.join(root, "app/lib/database-check.server.ts"))});
      const { databaseTarget } = await import(${JSON.stringify(path.join(root, "app/lib/database-url.server.ts"))});
      console.log(await findDatabaseProblem(databaseTarget(${JSON.stringify(`file:${file}`)})));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      uid: 65534,
      gid: 65534,
      env: { ...process.env, HOME: dir },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(
      `${file} is read-only for user nobody: chown nobody ${file} && chmod u+rw ${file} (an immutable file also needs chattr -i).`,
    );
  });

  it("finds nothing wrong with a database that can be written", async () => {
    const { file } = await forumOnOwnDisk();
    expect(await findDatabaseProblem(databaseTarget(`file:${file}`))).toBeNull();
  });

  it("answers a comment on a read-only database with 503 and the text kept, and /healthz says why", async () => {
    const { dir, file, url } = await forumOnOwnDisk();
    const slug = makePostIn(file);
    execFileSync("mount", ["-o", "remount,ro", dir]);
    const { base } = await startInstance(url);
    expect(await health(base)).toEqual({
      status: 503,
      body: { status: "unavailable", database: "database read-only" },
    });
    const response = await new TestBrowser(() => base).post(`/posts/${slug}`, {
      intent: "comment",
      body: "nowhere to write this",
    });
    expect([503]).toContain(response.status);
    const page = pageText(await response.text());
    expect(page).toMatch(/The forum cannot save right now \(database (read-only|I\/O error)\)/);
    expect(page).toContain(">nowhere to write this</textarea>");
  });

  it("answers a comment met by a full disk with 503 and the text kept, says so on /healthz, and saves again once there is room", async () => {
    const { dir, file, url } = await forumOnOwnDisk();
    const slug = makePostIn(file);
    const { base, child } = await startInstance(url);
    const browser = new TestBrowser(() => base);
    expect((await browser.post(`/posts/${slug}`, { intent: "comment", body: "while there was room" })).status).toBe(
      303,
    );
    const filler = fillDisk(dir);
    await expectKeptText(
      await browser.post(`/posts/${slug}`, { intent: "comment", body: "no room for this" }),
      "no room for this",
      "disk full",
    );
    expect(await health(base)).toEqual({ status: 503, body: { status: "unavailable", database: "disk full" } });
    rmSync(filler);
    expect((await browser.post(`/posts/${slug}`, { intent: "comment", body: "room again" })).status).toBe(303);
    expect(await health(base)).toEqual({ status: 200, body: { status: "ok", database: "ok" } });
    // Saved for good, as seen from outside the instance (no transaction was left open).
    for (const body of ["while there was room", "room again"]) expect(countStored(file, body), body).toBe(1);
    expect(countStored(file, "no room for this")).toBe(0);
    expect(child.exitCode).toBeNull();
  });

  it("answers 503 with the text kept while another process holds the write lock, and saves for good once it lets go", async () => {
    const { file, url } = await forumOnOwnDisk();
    const slug = makePostIn(file);
    const { base } = await startInstance(url);
    const browser = new TestBrowser(() => base);
    const other = new BetterSqlite3(file);
    cleanups.push(() => other.close());
    other.prepare("BEGIN IMMEDIATE").run();
    try {
      await expectKeptText(
        await browser.post(`/posts/${slug}`, { intent: "comment", body: "waiting for the lock" }),
        "waiting for the lock",
        "database busy",
      );
    } finally {
      other.prepare("ROLLBACK").run();
    }
    expect((await browser.post(`/posts/${slug}`, { intent: "comment", body: "after the lock" })).status).toBe(303);
    expect(countStored(file, "after the lock")).toBe(1);
  });
});
