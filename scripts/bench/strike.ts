// Issue 20's strike-night scenarios, for scripts/bench.ts: the big thread read by a crowd of
// readers while replies arrive on it (`moving`), and read by readers who carry a voice cookie or a
// member's session (`cookies`). Each runs on its own server and its own copy of the generated
// forum, made afresh, so the thread the other scenarios read stays as it was generated.
import { rmSync } from "node:fs";
import http from "node:http";
import bcrypt from "bcryptjs";
import Database from "better-sqlite3";
import { nameKey } from "../../app/models/names.server";
import { MAX_DISPLAY_DEPTH } from "../../app/models/thread.server";
import type { ForumMeta } from "./forum";
import { READER_AGENT, settle, wrkReadPage, type Figures } from "./load";
import { FRESH_AFTER_MS, startPacedPosting, type PacedPosting } from "./paced-posting";
import { HOST, get, startServer, type RunningServer } from "./server";
import { commentMarkdown, seededRandom } from "./text";

/** Comments a second arriving on the read thread: a busy evening, and the peak of one. */
export const MOVING_RATES = [10, 50] as const;
/** The targets of issue 20 for the thread's readers, and for its writers. */
export const STRIKE_TARGETS = { plainRate: 1000, gzipRate: 2000, p99Ms: 100, postingP99Ms: 100, cookieRate: 1000 };
/** The bench members' password (they exist only in the bench's copies of the forum). */
const MEMBER_PASSWORD = "strike night reader";

export type MovingRun = {
  rate: number;
  plain: Figures;
  gzip: Figures;
  posting: PacedPosting;
  missingPublished: number[];
};
export type CookieRun = { voices: Figures; members: Figures };
export type ServerMemory = { name: string; peakRssMB: number; vmHwmMB: number };
type Check = { target: string; measured: string; pass: boolean | null };

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh copy of the forum beside it (bench/forum-<size>-<name>.db), through SQLite's backup. */
async function scratchForum(file: string, name: string): Promise<string> {
  const copy = file.replace(/\.db$/, `-${name}.db`);
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`]) rmSync(f, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(copy);
  } finally {
    source.close();
  }
  return copy;
}

/** Comments of the thread a reply to which shows on its first page (within the display depth). */
function replyTargets(file: string, postId: number): number[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare(`SELECT "id" FROM "Comment" WHERE "postId" = ? AND "status" = 'published' AND "depth" <= ?`)
      .all(postId, MAX_DISPLAY_DEPTH - 2) as { id: number }[];
    return rows.map((r) => r.id);
  } finally {
    sqlite.close();
  }
}

/** The comments of `ids` that are published (a held one is not on the public page). */
function publishedAmong(file: string, ids: number[]): number[] {
  if (!ids.length) return [];
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare(`SELECT "id" FROM "Comment" WHERE "status" = 'published' AND "id" IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: number }[];
    return rows.map((r) => r.id);
  } finally {
    sqlite.close();
  }
}

/** Members added to a copy of the forum, all with one password (hashed once: bcrypt is slow). */
function addMembers(file: string, count: number): string[] {
  const hash = bcrypt.hashSync(MEMBER_PASSWORD, 10);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const usernames = Array.from({ length: count }, (_, i) => `night reader ${i + 1}`);
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const insert = sqlite.prepare(
      `INSERT INTO "User" ("username", "nameKey", "passwordHash", "role", "createdAt", "passwordChangedAt")
       VALUES (?, ?, ?, 'member', ?, ?)`
    );
    sqlite.transaction(() => usernames.forEach((name) => insert.run(name, nameKey(name), hash, now, now)))();
  } finally {
    sqlite.close();
  }
  return usernames;
}

/** POSTs a form without cookies; resolves with the status and the first cookie set, as `name=value`. */
function postForm(
  port: number,
  path: string,
  fields: Record<string, string>
): Promise<{ status: number; cookie: string | null }> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
      "user-agent": READER_AGENT,
    };
    const request = http.request(
      { host: HOST, port, path, method: "POST", headers, agent: false, timeout: 30_000 },
      (response) => {
        response.resume();
        const setCookie = response.headers["set-cookie"]?.[0];
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, cookie: setCookie ? setCookie.split(";")[0] : null })
        );
      }
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

/** The page at `path` as read with `cookie`. */
function pageWith(port: number, path: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { cookie, "user-agent": READER_AGENT };
    const request = http.get({ host: HOST, port, path, headers, agent: false, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

type RunOptions = { meta: ForumMeta; readers: number; duration: number; warmup: number; servers: ServerMemory[] };

async function withServer<T>(
  databaseFile: string,
  name: string,
  servers: ServerMemory[],
  work: (server: RunningServer) => Promise<T>
): Promise<T> {
  const server = await startServer({ databaseFile });
  try {
    return await work(server);
  } finally {
    await server.stop();
    servers.push({ name, peakRssMB: mb(server.peakRss()), vmHwmMB: mb(server.highWaterMark()) });
  }
}

/**
 * The big thread read by `readers` with wrk, without gzip and then with it, while replies
 * arrive on it at `rate` a second; every reply answered 303 is looked for on its page one
 * second later. The posts' latencies are those sent during the two measured runs.
 */
export async function movingThread({
  meta,
  rate,
  readers,
  duration,
  warmup,
  servers,
}: RunOptions & { rate: number }): Promise<MovingRun> {
  const file = await scratchForum(meta.file, "moving");
  const parentIds = replyTargets(file, meta.bigThread.postId);
  const path = `/posts/${meta.bigThread.slug}`;
  return withServer(file, `moving thread, ${rate}/s`, servers, async (server) => {
    await get(server.port, path, 30_000);
    await settle(server);
    const posting = startPacedPosting({ server, slug: meta.bigThread.slug, rate, parentIds });
    // The thread grows while it runs: the runs follow one another without waiting for a pause.
    const read = { server, path, connections: readers, warmup: 0, settleFirst: false };
    try {
      // Readers and writers both warm up before anything is timed.
      if (warmup > 0) await wrkReadPage({ ...read, duration: warmup });
      else await sleep(FRESH_AFTER_MS);
      posting.measureFrom();
      const plain = await wrkReadPage({ ...read, duration });
      const gzip = await wrkReadPage({ ...read, duration, headers: { "accept-encoding": "gzip" } });
      const figures = await posting.stop();
      const published = new Set(publishedAmong(file, figures.freshness.missing));
      return {
        rate,
        plain,
        gzip,
        posting: figures,
        missingPublished: figures.freshness.missing.filter((id) => published.has(id)),
      };
    } finally {
      await posting.stop();
    }
  });
}

/**
 * The big thread read by `readers` each holding a voice cookie (given by the server for a
 * reply each posted), then by as many members signed in through /login.
 */
export async function cookieReaders({ meta, readers, duration, warmup, servers }: RunOptions): Promise<CookieRun> {
  const file = await scratchForum(meta.file, "cookies");
  const usernames = addMembers(file, readers);
  const [parentId] = replyTargets(file, meta.bigThread.postId);
  const path = `/posts/${meta.bigThread.slug}`;
  const random = seededRandom(0xc00c1e);
  return withServer(file, "cookie readers", servers, async (server) => {
    const voices: string[] = [];
    for (let i = 0; i < readers; i++) {
      const body = commentMarkdown(random);
      const answer = await postForm(server.port, path, {
        intent: "comment",
        voice: "anonymous",
        parentId: String(parentId),
        body,
      });
      if (answer.status !== 303 || !answer.cookie?.startsWith("picket_voice="))
        throw new Error(`Posting for a voice cookie answered ${answer.status} ${answer.cookie ?? "without a cookie"}`);
      voices.push(answer.cookie);
    }
    const sessions: string[] = [];
    for (const username of usernames) {
      const answer = await postForm(server.port, "/login", { username, password: MEMBER_PASSWORD, redirectTo: "/" });
      if (answer.status !== 302 || !answer.cookie?.startsWith("picket_session="))
        throw new Error(`Signing in ${username} answered ${answer.status} ${answer.cookie ?? "without a cookie"}`);
      sessions.push(answer.cookie);
    }
    // A session the server did not take would measure readers who are nobody in particular
    // (the page is the same for all: who is signed in is its personal part, /me.json).
    if (!(await pageWith(server.port, "/me.json", sessions[0])).includes(`"username":${JSON.stringify(usernames[0])}`))
      throw new Error(`/me.json read with ${usernames[0]}'s session does not show them signed in`);
    const voiceFigures = await wrkReadPage({ server, path, connections: readers, duration, warmup, cookies: voices });
    const memberFigures = await wrkReadPage({
      server,
      path,
      connections: readers,
      duration,
      warmup,
      cookies: sessions,
    });
    return { voices: voiceFigures, members: memberFigures };
  });
}

const fmt = (n: number, unit: string) => `${n.toLocaleString("en-GB", { maximumFractionDigits: 1 })} ${unit}`;
const readersMeet = (r: Figures, rate: number) =>
  r.requestsPerSecond >= rate && r.p99Ms < STRIKE_TARGETS.p99Ms && r.non2xx === 0 && r.errors === 0;

/** The lines of the targets table for issue 20's scenarios that ran. */
export function strikeChecks(moving: MovingRun[], cookies: CookieRun | null): Check[] {
  const out: Check[] = [];
  const { plainRate, gzipRate, p99Ms, postingP99Ms, cookieRate } = STRIKE_TARGETS;
  for (const run of moving) {
    const { plain, gzip, posting } = run;
    const thread = `thread taking ${run.rate} comments/s, ${plain.connections} readers`;
    out.push({
      target: `${thread}: ≥ ${fmt(plainRate, "req/s")}, p99 < ${p99Ms} ms`,
      measured: `${fmt(plain.requestsPerSecond, "req/s")}, p99 ${fmt(plain.p99Ms, "ms")}`,
      pass: readersMeet(plain, plainRate),
    });
    out.push({
      target: `${thread} with gzip: ≥ ${fmt(gzipRate, "req/s")}, p99 < ${p99Ms} ms`,
      measured: `${fmt(gzip.requestsPerSecond, "req/s")}, p99 ${fmt(gzip.p99Ms, "ms")}`,
      pass: readersMeet(gzip, gzipRate),
    });
    const answered = posting.statusCodes["303"] ?? 0;
    out.push({
      target: `posting ${run.rate}/s on that thread: all answered 303, p99 < ${postingP99Ms} ms`,
      measured: `${answered.toLocaleString("en-GB")} of ${posting.requests.toLocaleString("en-GB")} 303, p99 ${fmt(
        posting.p99Ms,
        "ms"
      )}${posting.late ? `, ${posting.late} sent late` : ""}`,
      pass: posting.requests > 0 && answered === posting.requests && posting.p99Ms < postingP99Ms,
    });
    const { checked, missing, failed, latestReadMs } = posting.freshness;
    const held = missing.length - run.missingPublished.length;
    const readAfter = `read ${(FRESH_AFTER_MS / 1000).toFixed(1)}–${(latestReadMs / 1000).toFixed(1)} s after`;
    out.push({
      target: `${run.rate}/s: every comment answered 303 on its page read ${FRESH_AFTER_MS / 1000} s later`,
      measured:
        `${checked} checked (${readAfter}), ${run.missingPublished.length} missing` +
        `${held ? ` (+${held} held)` : ""}${failed ? `, ${failed} reads failed` : ""}`,
      pass: checked > 0 && checked === posting.accepted && run.missingPublished.length === 0 && failed === 0,
    });
  }
  if (cookies) {
    for (const [r, who] of [
      [cookies.voices, "readers with a voice cookie"],
      [cookies.members, "members signed in"],
    ] as const) {
      out.push({
        target: `thread, ${r.connections} ${who}: ≥ ${fmt(cookieRate, "req/s")}, p99 < ${p99Ms} ms`,
        measured: `${fmt(r.requestsPerSecond, "req/s")}, p99 ${fmt(r.p99Ms, "ms")}`,
        pass: readersMeet(r, cookieRate),
      });
    }
  }
  return out;
}
