// npm run bench: builds the production app, generates a large forum in its own database file
// (bench/forum-<size>.db), serves it with `node server.ts` on 127.0.0.1 and measures it with
// autocannon (and wrk, when installed) against the targets of issue 10, and the strike-night
// scenarios of issue 20 (scripts/bench/strike.ts). See docs/benchmark.md.
//
//   npm run bench [-- --size small|default|large] [--duration 10] [--warmup 2] [--reuse]
//                 [--no-build] [--compare [--large] [--rounds 5]]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import {
  BENCH_DIR,
  RESULTS_DIR,
  ROOT,
  SIZES,
  databaseFile,
  isSizeName,
  readMeta,
  type ForumMeta,
  type SizeName,
} from "./bench/forum";
import {
  leanReadPage,
  postComments,
  readPage,
  settle,
  stopAllLoad,
  wrkInstalled,
  wrkPostComments,
  wrkPostCommentsAtRate,
  wrkReadPage,
  type Figures,
  type PostingFigures,
} from "./bench/load";

// A 1 MB page is read again with a lighter client than autocannon: wrk when installed, else
// Node's own (which costs the client more, so it understates the server).
const readBigPage = wrkInstalled ? wrkReadPage : leanReadPage;
const BIG_PAGE_CLIENT = wrkInstalled ? "wrk" : "node:http client";
import { get, killAllServers, startServer, type RunningServer } from "./bench/server";
import { MOVING_RATES, cookieReaders, movingThread, strikeChecks } from "./bench/strike";
import type { CookieRun, MovingRun } from "./bench/strike";
import { SEARCHES, searchChecks, searchReaders, type SearchRun } from "./bench/search";

// ---------------------------------------------------------------------------------------------
// Options

const SCENARIOS = ["home", "thread", "tag", "feed", "posting", "cold", "moving", "cookies", "search"] as const;
/** Earlier names of scenarios, still understood by --only. */
const SCENARIO_ALIASES: Record<string, Scenario> = { uncached: "cold" };
/** Issue 20: the thread made with nothing kept, for one reader, in under this (p50). */
const COLD_THREAD_P50_MS = 10;
/** Issue 10's posting target: comments per second, sustained. */
const POSTING_TARGET_RATE = 300;
/**
 * The share of a paced run's posts that may go out more than 10 ms after their slot. A late
 * post went out when a connection was answered, not on time: past a few, the run measures
 * writers waiting for their answers (closed loop), whose latencies understate the wait.
 */
const LATE_SHARE_ALLOWED = 0.01;
type Scenario = (typeof SCENARIOS)[number];

type Options = {
  size: SizeName;
  duration: number;
  warmup: number;
  reuse: boolean;
  build: boolean;
  compare: boolean;
  large: boolean;
  rounds: number;
  readers: number;
  writers: number;
  only: Set<Scenario> | null;
};

function usage(problem?: string): never {
  if (problem) console.error(`bench: ${problem}\n`);
  console.error(
    [
      "Usage: npm run bench -- [options]",
      "  --size small|default|large  forum size (default: 2,000 posts, 100,000 comments; small is 10x smaller, large 10x larger)",
      "  --duration <s>              seconds measured per scenario (default 10)",
      "  --warmup <s>                seconds of warm-up before each reading scenario (default 2)",
      "  --reuse                     keep bench/forum-<size>.db if it exists instead of generating it again",
      "  --no-build                  serve the existing build (skip `npx remix build`)",
      "  --compare                   thread and home page times on the small and default forums (with --large: and large)",
      "  --rounds <n>                with --compare: rounds of measurements alternating between the sizes (default 5; --duration is shared among them)",
      "  --readers <n>               connections for the reading scenarios (default 16)",
      "  --writers <n>               connections for the posting scenario (default 32)",
      `  --only <a,b,...>            run only these scenarios (${SCENARIOS.join(", ")})`,
    ].join("\n"),
  );
  process.exit(problem ? 2 : 0);
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    size: "default",
    duration: 10,
    warmup: 2,
    reuse: false,
    build: true,
    compare: false,
    large: false,
    rounds: 5,
    readers: 16,
    writers: 32,
    only: null,
  };
  const number = (flag: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) usage(`${flag} needs a number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--size") {
      const size = argv[++i];
      if (!size || !isSizeName(size)) usage(`--size must be one of ${Object.keys(SIZES).join(", ")}`);
      options.size = size;
    } else if (arg === "--duration") options.duration = number(arg, argv[++i], 1, 300);
    else if (arg === "--warmup") options.warmup = number(arg, argv[++i], 0, 60);
    else if (arg === "--rounds") options.rounds = number(arg, argv[++i], 1, 50);
    else if (arg === "--readers") options.readers = number(arg, argv[++i], 1, 256);
    else if (arg === "--writers") options.writers = number(arg, argv[++i], 1, 256);
    else if (arg === "--only") {
      const names = (argv[++i] ?? "")
        .split(",")
        .filter(Boolean)
        .map((name) => SCENARIO_ALIASES[name] ?? name);
      const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
      if (!names.length || unknown.length) usage(`--only takes a comma-separated list of ${SCENARIOS.join(", ")}`);
      options.only = new Set(names);
    } else if (arg === "--reuse") options.reuse = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--compare") options.compare = true;
    else if (arg === "--large") options.large = true;
    else if (arg === "--help" || arg === "-h") usage();
    else usage(`unknown option ${arg}`);
  }
  if (options.large && !options.compare) options.size = "large";
  return options;
}

// ---------------------------------------------------------------------------------------------
// Child processes: the build and the generator. Killed with the servers on any way out.

const helpers = new Set<ChildProcess>();

function runChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  onLine?: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    helpers.add(child);
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) (onLine ?? console.log)(line);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      helpers.delete(child);
      if (pending) (onLine ?? console.log)(pending);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

function cleanUp() {
  stopAllLoad();
  killAllServers();
  for (const child of helpers) if (child.exitCode === null) child.kill("SIGKILL");
  helpers.clear();
}

process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping the servers.`);
    cleanUp();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Steps

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

async function build() {
  const started = performance.now();
  console.log("Building the production app (npx remix build)…");
  await runChild("npx", ["remix", "build"], { ...process.env, NODE_ENV: "production" }, (line) =>
    console.log(`  ${line}`),
  );
  console.log(`  built in ${seconds(started)} s`);
}

/** The generated forum of a size: reused when asked and present, else generated anew. */
async function forum(size: SizeName, reuse: boolean): Promise<{ meta: ForumMeta; reused: boolean }> {
  if (reuse) {
    const meta = readMeta(size);
    const pending = meta ? pendingMigrations(meta.file) : [];
    if (pending.length)
      console.log(
        `${path.relative(ROOT, databaseFile(size))} lacks migration(s) ${pending.join(", ")}: generating it again.`,
      );
    else if (meta) {
      console.log(
        `Reusing ${path.relative(ROOT, meta.file)} (generated ${meta.generatedAt} in ${meta.generationSeconds} s; earlier posting runs may have added comments).`,
      );
      return { meta, reused: true };
    }
    console.log(`No usable ${path.relative(ROOT, databaseFile(size))} to reuse: generating it.`);
  }
  const { posts, comments } = SIZES[size];
  console.log(
    `Generating the ${size} forum (${posts.toLocaleString("en-GB")} posts, ${comments.toLocaleString("en-GB")} comments) in ${path.relative(ROOT, databaseFile(size))}…`,
  );
  let meta: ForumMeta | null = null;
  const env = { ...process.env, DATABASE_URL: `file:${databaseFile(size)}` };
  await runChild(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    [path.join(ROOT, "scripts", "bench", "generate.ts"), "--size", size],
    env,
    (line) => {
      if (line.startsWith("META ")) meta = JSON.parse(line.slice(5)) as ForumMeta;
      else console.log(line);
    },
  );
  if (!meta) throw new Error("The generator did not report the forum it made");
  return { meta, reused: false };
}

/** Migrations in prisma/migrations that a generated database has not had (the server does not migrate). */
function pendingMigrations(file: string): string[] {
  const dir = path.join(ROOT, "prisma", "migrations");
  const wanted = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const applied = new Set(
      (
        sqlite.prepare(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`).all() as {
          migration_name: string;
        }[]
      ).map((r) => r.migration_name),
    );
    return wanted.filter((name) => !applied.has(name));
  } catch {
    return ["(unreadable history)"];
  } finally {
    sqlite.close();
  }
}

/** Whether the server reads PICKET_PAGE_CACHE (the whole-page cache can be turned off). */
function buildHasPageCacheSwitch(): boolean {
  // server.ts reads it through app/lib/server-settings.server.ts, outside the build.
  const files = [path.join(ROOT, "build", "index.js"), path.join(ROOT, "app", "lib", "server-settings.server.ts")];
  return files.some((file) => existsSync(file) && readFileSync(file, "utf8").includes("PICKET_PAGE_CACHE"));
}

function countComments(file: string, postId: number): { total: number; byStatus: Record<string, number> } {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare(`SELECT "status", COUNT(*) AS n FROM "Comment" WHERE "postId" = ? GROUP BY "status"`)
      .all(postId) as { status: string; n: number }[];
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus };
  } finally {
    sqlite.close();
  }
}

/** Fetches a page once before loading it: its status, size and (for a thread) how many comments it shows. */
async function probe(server: RunningServer, pathname: string) {
  const { status, body } = await get(server.port, pathname, 30_000);
  return {
    status,
    bytes: Buffer.byteLength(body),
    commentsShown: (body.match(/<li class="comment[^"]*" id="c-\d+"/g) ?? []).length,
  };
}

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

// ---------------------------------------------------------------------------------------------
// Targets (issue 10)

type Check = { target: string; measured: string; pass: boolean | null };

type PostingCheck = {
  postId: number;
  slug: string;
  before: number;
  after: number;
  sent: number;
  accepted: number;
  unanswered: number;
  newComments: number;
  lost: number;
  newByStatus: Record<string, number>;
};

function checks(
  results: Record<string, Figures | PostingFigures | null>,
  posting: PostingCheck | null,
  peakRssMB: number,
  strike: Check[],
): Check[] {
  const out: Check[] = [];
  const fmt = (n: number, unit: string) => `${n.toLocaleString("en-GB", { maximumFractionDigits: 1 })} ${unit}`;
  // The thread is judged on Node's own client when it ran: autocannon parsing a big page
  // measures itself (see docs/benchmark.md).
  const thread = results.threadLean ?? results.thread;
  if (thread) {
    out.push({
      target: `1,000-comment thread, ${thread.connections} anonymous readers: ≥ 1,500 req/s`,
      measured: fmt(thread.requestsPerSecond, "req/s"),
      pass: thread.requestsPerSecond >= 1500,
    });
    out.push({
      target: `1,000-comment thread, ${thread.connections} anonymous readers: p99 < 50 ms`,
      measured: fmt(thread.p99Ms, "ms"),
      pass: thread.p99Ms < 50,
    });
  }
  // Issue 20 asks the cold thread for 10 ms where issue 10 asked 60.
  const cold = results.threadUncachedLean ?? results.threadUncached;
  out.push({
    target: `cold 1,000-comment thread (page cache off), one reader: p50 < ${COLD_THREAD_P50_MS} ms`,
    measured: cold ? fmt(cold.p50Ms, "ms") : "not run",
    pass: cold ? cold.p50Ms < COLD_THREAD_P50_MS : null,
  });
  // Posting likewise on wrk when installed: autocannon's JavaScript takes CPU from the server.
  const post = (results.postingWrk ?? results.posting) as PostingFigures | null;
  if (post) {
    const rate = (post.statusCodes["303"] ?? 0) / post.seconds;
    out.push({
      target: `posting: ≥ ${POSTING_TARGET_RATE} comments/s sustained (${post.connections} writers, as fast as answered)`,
      measured: fmt(rate, "comments/s"),
      pass: rate >= POSTING_TARGET_RATE,
    });
  }
  // The steady rate likewise on wrk when installed, and there only if the posts went out on
  // time: a late post was sent when a writer was answered, and its latency hides the wait.
  const steady = (results.postingAtRateWrk ?? results.postingAtRate) as PostingFigures | null;
  if (steady) {
    const rate = (steady.statusCodes["303"] ?? 0) / steady.seconds;
    const pace = steady.pace;
    const onTime = !pace || pace.late <= pace.due * LATE_SHARE_ALLOWED;
    out.push({
      target: `posting at a steady ${POSTING_TARGET_RATE}/s: all answered at that rate, p99 < 100 ms`,
      measured: `${fmt(rate, "comments/s")}, p99 ${fmt(steady.p99Ms, "ms")}${pace ? `, ${pace.late.toLocaleString("en-GB")} of ${pace.due.toLocaleString("en-GB")} sent late` : ""}`,
      pass: rate >= POSTING_TARGET_RATE * 0.95 && steady.p99Ms < 100 && onTime,
    });
  }
  // Lost: a 303 whose comment is not in the database. A post the client stopped waiting for
  // may still be written (then there are more comments than 303s, by at most the unanswered).
  if (posting) {
    const extra = posting.newComments - posting.accepted;
    out.push({
      target: "posting: none lost (new comments = 303 responses)",
      measured: `${posting.newComments.toLocaleString("en-GB")} new, ${posting.accepted.toLocaleString("en-GB")} 303s${posting.unanswered ? `, ${posting.unanswered} unanswered` : ""}`,
      pass: posting.lost === 0 && extra >= 0 && extra <= posting.unanswered,
    });
  }
  for (const [key, label] of [
    ["home", "home page"],
    ["tag", "tag page"],
    ["feed", "comments feed"],
  ] as const) {
    const r = results[key];
    out.push({
      target: `${label}: ≥ 2,000 req/s`,
      measured: r ? fmt(r.requestsPerSecond, "req/s") : "not run",
      pass: r ? r.requestsPerSecond >= 2000 : null,
    });
  }
  out.push(...strike);
  out.push({
    target: "server memory < 300 MB during the run",
    measured: fmt(peakRssMB, "MB peak RSS"),
    pass: peakRssMB < 300,
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Printing

function table(headers: string[], rows: (string | number)[][], rightAligned: Set<number>) {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? "")].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const n = (value: number, digits = 1) =>
  value.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function scenarioTable(labels: Record<string, string>, results: Record<string, Figures | null>) {
  const rows: (string | number)[][] = [];
  for (const [key, label] of Object.entries(labels)) {
    const r = results[key];
    if (!r) {
      rows.push([label, "", "skipped", "", "", "", "", "", ""]);
      continue;
    }
    const other = Object.entries(r.statusCodes)
      .filter(([code]) => !code.startsWith("2"))
      .map(([code, count]) => `${code}×${count}`)
      .join(" ");
    rows.push([
      label,
      r.connections,
      n(r.requestsPerSecond),
      n(r.p50Ms, 2),
      n(r.p99Ms, 2),
      String(r.requests),
      `${r.non2xx}${other ? ` (${other})` : ""}${r.errors ? `, ${r.errors} err` : ""}`,
      r.bytesPerRequest.toLocaleString("en-GB"),
      n(r.serverPeakRssMB),
    ]);
  }
  return table(
    ["scenario", "conns", "req/s", "p50 ms", "p99 ms", "requests", "non-2xx", "bytes/req", "peak RSS MB"],
    rows,
    new Set([1, 2, 3, 4, 5, 7, 8]),
  );
}

const loadAtStart = os.loadavg();

/** The machine, and its load average: other work on it (tests, builds) slows every figure. */
function machine() {
  const cpus = os.cpus();
  const load = (l: number[]) => l.map((x) => Math.round(x * 100) / 100);
  return {
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    cpuModel: cpus[0]?.model ?? "unknown",
    cpus: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / MB),
    node: process.version,
    loadAverageAtStart: load(loadAtStart),
    loadAverageAtEnd: load(os.loadavg()),
  };
}

/** The commit measured, and how many files differed from it (others may be editing the app). */
function sourceVersion() {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const changed = git("status", "--porcelain", "--", "app", "server.ts", "prisma").split("\n").filter(Boolean).length;
  return { commit: git("rev-parse", "--short", "HEAD") || null, uncommittedAppFiles: changed };
}

function writeResults(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/:/g, "-");
  const file = path.join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  return file;
}

// ---------------------------------------------------------------------------------------------
// The full benchmark on one forum

async function benchmark(options: Options) {
  const started = performance.now();
  const { meta, reused } = await forum(options.size, options.reuse);
  const file = meta.file;
  const threadPath = `/posts/${meta.bigThread.slug}`;
  const tagPath = `/tags/${meta.tagName}`;
  const feedPath = "/feeds/comments.atom";
  const pageCacheSwitch = buildHasPageCacheSwitch();
  const notes: string[] = [];
  if (!wrkInstalled)
    notes.push(
      "wrk is not installed (apt-get install wrk): the thread was read again with Node's HTTP client, which takes CPU from the server on a small machine, and posting was measured with autocannon only.",
    );
  if (!pageCacheSwitch)
    notes.push(
      "This build does not read PICKET_PAGE_CACHE: the 'page cache off' run serves the same app as the others.",
    );

  const results: Record<string, Figures | PostingFigures | null> = {
    home: null,
    thread: null,
    threadLean: null,
    tag: null,
    feed: null,
    posting: null,
    postingWrk: null,
    postingAtRate: null,
    postingAtRateWrk: null,
    threadUncached: null,
    threadUncachedLean: null,
  };
  const read = { readers: options.readers, duration: options.duration, warmup: options.warmup };
  let posting: PostingCheck | null = null;
  const servers: { name: string; peakRssMB: number; vmHwmMB: number }[] = [];
  const pages: Record<string, { path: string; status: number; bytes: number; commentsShown?: number }> = {};

  console.log(`\nStarting the server on 127.0.0.1 (${path.relative(ROOT, file)})…`);
  const server = await startServer({ databaseFile: file });
  try {
    for (const [key, pathname] of [
      ["home", "/"],
      ["thread", threadPath],
      ["tag", tagPath],
      ["feed", feedPath],
    ] as const) {
      const p = await probe(server, pathname);
      pages[key] = {
        path: pathname,
        status: p.status,
        bytes: p.bytes,
        ...(key === "thread" ? { commentsShown: p.commentsShown } : {}),
      };
    }
    if (pages.thread.status !== 200) throw new Error(`The thread page answered ${pages.thread.status}`);
    console.log(
      `  the thread page shows ${pages.thread.commentsShown} of its ${meta.bigThread.comments} comments (${mb(pages.thread.bytes)} MB of HTML)`,
    );
    if (!pages.thread.commentsShown)
      notes.push("Could not count the comments on the thread page (its markup changed?).");
    else if (pages.thread.commentsShown < meta.bigThread.comments)
      notes.push(
        `The thread page shows ${pages.thread.commentsShown} of the thread's ${meta.bigThread.comments} comments: replies below the display depth are behind "continue" links (the page still reads all ${meta.bigThread.comments}).`,
      );
    const scenarios: [string, string, string][] = [
      ["home", "/", "home page"],
      ["thread", threadPath, "1,000-comment thread"],
      ["tag", tagPath, "tag page"],
      ["feed", feedPath, "comments feed"],
    ];
    const wanted = (scenario: Scenario) => !options.only || options.only.has(scenario);
    for (const [key, pathname, label] of scenarios) {
      if (!wanted(key as Scenario)) continue;
      if (pages[key].status === 404) {
        notes.push(`${pathname} answered 404: the ${label} scenario was skipped.`);
        continue;
      }
      console.log(
        `  ${label} (${pathname}): ${read.warmup} s warm-up, ${read.duration} s with ${read.readers} connections…`,
      );
      results[key] = await readPage({
        server,
        path: pathname,
        connections: read.readers,
        duration: read.duration,
        warmup: read.warmup,
      });
      if (key === "thread") {
        console.log(`  ${label} again with ${BIG_PAGE_CLIENT} instead of autocannon…`);
        results.threadLean = await readBigPage({
          server,
          path: pathname,
          connections: read.readers,
          duration: read.duration,
          warmup: read.warmup,
        });
      }
    }

    if (wanted("posting")) {
      const before = countComments(file, meta.postingThread.postId);
      console.log(
        `  posting to /posts/${meta.postingThread.slug} (${before.total} comments) with ${options.writers} connections, about ${options.duration} s…`,
      );
      const closed = await postComments({
        server,
        slug: meta.postingThread.slug,
        connections: options.writers,
        duration: options.duration,
      });
      results.posting = closed;
      if (wrkInstalled) {
        console.log(`  posting again with wrk instead of autocannon, ${options.duration} s…`);
        results.postingWrk = await wrkPostComments({
          server,
          slug: meta.postingThread.slug,
          connections: options.writers,
          duration: options.duration,
        });
      }
      console.log(
        `  posting again at a steady ${POSTING_TARGET_RATE} comments/s (sent on time whatever the answers), about ${options.duration} s…`,
      );
      const steady = await postComments({
        server,
        slug: meta.postingThread.slug,
        connections: options.writers * 2,
        duration: options.duration,
        rate: POSTING_TARGET_RATE,
      });
      results.postingAtRate = steady;
      if (wrkInstalled) {
        console.log(
          `  posting again at a steady ${POSTING_TARGET_RATE} comments/s with wrk instead of autocannon, ${options.duration} s…`,
        );
        results.postingAtRateWrk = await wrkPostCommentsAtRate({
          server,
          slug: meta.postingThread.slug,
          connections: options.writers * 2,
          duration: options.duration,
          rate: POSTING_TARGET_RATE,
        });
      }
      const steadyJudged = (results.postingAtRateWrk ?? steady) as PostingFigures;
      const runs = [
        closed,
        results.postingWrk as PostingFigures | null,
        steady,
        results.postingAtRateWrk as PostingFigures | null,
      ].filter((r) => r !== null);
      const post = { sent: 0, accepted: 0, unanswered: 0, cutShort: false, statusCodes: {} as Record<string, number> };
      for (const r of runs) {
        Object.assign(post, {
          sent: post.sent + r.sent,
          accepted: post.accepted + r.accepted,
          unanswered: post.unanswered + r.unanswered,
          cutShort: post.cutShort || r.cutShort,
        });
        for (const [code, count] of [...Object.entries(r.warmupStatusCodes), ...Object.entries(r.statusCodes)])
          post.statusCodes[code] = (post.statusCodes[code] ?? 0) + count;
      }
      // The posts wrk left in flight may still be written: wait for the server to finish them.
      await settle(server);
      const after = countComments(file, meta.postingThread.postId);
      const newComments = after.total - before.total;
      const newByStatus = Object.fromEntries(
        Object.entries(after.byStatus)
          .map(([s, count]): [string, number] => [s, count - (before.byStatus[s] ?? 0)])
          .filter(([, d]) => d !== 0),
      );
      posting = {
        postId: meta.postingThread.postId,
        slug: meta.postingThread.slug,
        before: before.total,
        after: after.total,
        sent: post.sent,
        accepted: post.accepted,
        unanswered: post.unanswered,
        newComments,
        // A 303 whose comment is not in the database: a write acknowledged and then lost.
        lost: Math.max(0, post.accepted - newComments),
        newByStatus,
      };
      if (post.cutShort) notes.push("The posting run hit its time limit before every post was answered.");
      if (newComments > post.accepted)
        notes.push(
          `Posting: ${newComments - post.accepted} comment(s) were written whose writers got no 303 (${post.unanswered} post(s) unanswered: the client gives up after 30 s, and wrk drops the posts in flight when its time is up; the server still writes them).`,
        );
      const otherStatuses = Object.entries(post.statusCodes).filter(([code]) => code !== "303");
      notes.push(
        `Posting at a steady ${POSTING_TARGET_RATE}/s${results.postingAtRateWrk ? " (wrk)" : ""}: ${(steadyJudged.statusCodes["303"] ?? 0).toLocaleString("en-GB")} comments in ${steadyJudged.seconds} s. With ${options.writers} writers each waiting for its answer, latency is writers ÷ rate (Little's law): p99 < 100 ms at 32 writers needs well over 300/s, so the p99 target is read at the steady rate.`,
      );
      const pace = steadyJudged.pace;
      if (pace)
        notes.push(
          `Posting at a steady ${POSTING_TARGET_RATE}/s with wrk: ${pace.late.toLocaleString("en-GB")} of the ${pace.due.toLocaleString("en-GB")} posts due went out more than 10 ms after their time or not at all (${pace.busy.toLocaleString("en-GB")} of them because all ${steadyJudged.connections} connections were waiting for answers, the rest because wrk itself was late; the latest ${n(pace.latestMs)} ms). A late post is sent when a writer is answered, as in the closed-loop run, and its latency leaves out the wait: more than ${LATE_SHARE_ALLOWED * 100}% late fails the target.`,
        );
      if (otherStatuses.length)
        notes.push(`Posting answered other than 303: ${otherStatuses.map(([c, k]) => `${c}×${k}`).join(", ")}.`);
      if (newByStatus.held) notes.push(`${newByStatus.held} of the posted comments were held for moderation.`);
    }
  } finally {
    await server.stop();
    servers.push({
      name: "page cache as configured",
      peakRssMB: mb(server.peakRss()),
      vmHwmMB: mb(server.highWaterMark()),
    });
  }

  if (!options.only || options.only.has("cold")) {
    console.log(`\nStarting a second server with PICKET_PAGE_CACHE=0 (the cold thread: nothing kept)…`);
    const uncached = await startServer({ databaseFile: file, env: { PICKET_PAGE_CACHE: "0" } });
    try {
      console.log(
        `  1,000-comment thread, page cache off: ${read.warmup} s warm-up, ${read.duration} s with 1 connection…`,
      );
      results.threadUncached = await readPage({
        server: uncached,
        path: threadPath,
        connections: 1,
        duration: read.duration,
        warmup: read.warmup,
      });
      console.log(`  the same with ${BIG_PAGE_CLIENT}…`);
      results.threadUncachedLean = await readBigPage({
        server: uncached,
        path: threadPath,
        connections: 1,
        duration: read.duration,
        warmup: read.warmup,
      });
    } finally {
      await uncached.stop();
      servers.push({
        name: "PICKET_PAGE_CACHE=0",
        peakRssMB: mb(uncached.peakRss()),
        vmHwmMB: mb(uncached.highWaterMark()),
      });
    }
  }

  // Issue 20: each on its own server and copy of the forum (scripts/bench/strike.ts), read with wrk.
  const strike = { moving: [] as MovingRun[], cookies: null as CookieRun | null };
  const strikeRun = { meta, readers: options.readers, duration: options.duration, warmup: options.warmup, servers };
  const strikeWanted = (scenario: Scenario) => (!options.only || options.only.has(scenario)) && wrkInstalled;
  if (!wrkInstalled) notes.push("wrk is not installed: the moving and cookies scenarios were skipped.");
  if (strikeWanted("moving")) {
    for (const rate of MOVING_RATES) {
      console.log(
        `\nThe thread taking ${rate} comments/s (replies on a fixed schedule, each looked for on its page ` +
          `1 s after its 303), read by ${options.readers} readers with wrk, without gzip then with it…`,
      );
      const run = await movingThread({ ...strikeRun, rate });
      strike.moving.push(run);
      results[`moving${rate}`] = run.plain;
      results[`moving${rate}Gzip`] = run.gzip;
      results[`moving${rate}Posting`] = run.posting;
      notes.push(movingNote(run));
    }
  }
  if (strikeWanted("cookies")) {
    const readers = options.readers;
    console.log(`\nThe thread read by ${readers} readers with a voice cookie each, then ${readers} members signed in…`);
    strike.cookies = await cookieReaders(strikeRun);
    results.cookieVoices = strike.cookies.voices;
    results.cookieMembers = strike.cookies.members;
  }

  // Issue 23: readers searching, with the page cache on and off (scripts/bench/search.ts).
  let search: SearchRun | null = null;
  if (!options.only || options.only.has("search")) {
    console.log(
      `\nSearching (${SEARCHES.join(", ")}) with ${options.readers} readers, with the page cache on, then off…`,
    );
    search = await searchReaders({
      meta,
      readers: options.readers,
      duration: options.duration,
      warmup: options.warmup,
      servers,
    });
    results.search = search.cached;
    results.searchUncached = search.uncached;
  }

  const peakRssMB = Math.max(...servers.map((s) => s.peakRssMB));
  const targetChecks = checks(results, posting, peakRssMB, [
    ...strikeChecks(strike.moving, strike.cookies),
    ...searchChecks(search, meta.comments),
  ]);
  const labels = {
    home: "home page /",
    thread: "1,000-comment thread",
    threadLean: `  same, ${BIG_PAGE_CLIENT}`,
    tag: `tag page ${tagPath}`,
    feed: `feed ${feedPath}`,
    posting: "posting comments",
    postingWrk: "  same, wrk",
    postingAtRate: `  same, steady ${POSTING_TARGET_RATE}/s`,
    postingAtRateWrk: `  same, steady ${POSTING_TARGET_RATE}/s, wrk`,
    threadUncached: "cold thread (page cache off)",
    threadUncachedLean: `  same, ${BIG_PAGE_CLIENT}`,
    ...Object.fromEntries(
      MOVING_RATES.flatMap((rate) => [
        [`moving${rate}`, `thread taking ${rate} comments/s, wrk`],
        [`moving${rate}Gzip`, "  same, gzip"],
        [`moving${rate}Posting`, `  its writers, ${rate}/s`],
      ]),
    ),
    cookieVoices: "thread, voice cookies, wrk",
    cookieMembers: "thread, members signed in, wrk",
    search: "search, page cache on",
    searchUncached: "search, page cache off",
  };

  console.log(
    `\nPicket benchmark: ${options.size} forum, ${meta.posts.toLocaleString("en-GB")} posts, ${meta.comments.toLocaleString("en-GB")} comments (generation ${
      reused ? "reused" : `${meta.generationSeconds} s`
    }), ${options.duration} s per scenario\n`,
  );
  const m = machine();
  console.log(
    `${m.cpus} × ${m.cpuModel}, ${m.totalMemoryMB.toLocaleString("en-GB")} MB, Node ${m.node}; load average ${m.loadAverageAtStart.join(" ")} at the start, ${m.loadAverageAtEnd.join(" ")} now\n`,
  );
  console.log(scenarioTable(labels, results));
  if (posting) {
    console.log(
      `\nposting: ${posting.sent} posts sent, ${posting.accepted} answered 303, ${posting.unanswered} unanswered (warm-ups included); the thread went from ${posting.before} to ${posting.after} comments (+${posting.newComments}${
        Object.keys(posting.newByStatus).length
          ? `: ${Object.entries(posting.newByStatus)
              .map(([s, k]) => `${k} ${s}`)
              .join(", ")}`
          : ""
      }); lost: ${posting.lost}`,
    );
  }
  console.log(
    `server memory: ${servers.map((s) => `${s.name}: peak RSS ${s.peakRssMB} MB, VmHWM ${s.vmHwmMB} MB`).join("; ")}`,
  );
  console.log(
    `\n${table(
      ["target", "measured", "result"],
      targetChecks.map((c) => [c.target, c.measured, c.pass === null ? "n/a" : c.pass ? "pass" : "FAIL"]),
      new Set(),
    )}`,
  );
  if (notes.length) console.log(`\nNotes:\n${notes.map((x) => `- ${x}`).join("\n")}`);

  const out = writeResults("bench", {
    date: new Date().toISOString(),
    machine: machine(),
    source: sourceVersion(),
    options: {
      size: options.size,
      duration: options.duration,
      warmup: options.warmup,
      readers: options.readers,
      writers: options.writers,
      reuse: options.reuse,
      only: options.only ? [...options.only] : null,
    },
    database: {
      file: path.relative(ROOT, file),
      size: options.size,
      posts: meta.posts,
      comments: meta.comments,
      tags: meta.tags,
      commentTags: meta.commentTags,
      postTags: meta.postTags,
      bigThread: meta.bigThread,
      postingThread: meta.postingThread,
      generationSeconds: reused ? null : meta.generationSeconds,
      reused,
    },
    pageCacheSwitchInBuild: pageCacheSwitch,
    pages,
    scenarios: Object.fromEntries(
      Object.entries(results).map(([k, v]) => [k, v ? { label: labels[k as keyof typeof labels], ...v } : null]),
    ),
    posting,
    strike,
    memory: { servers, peakRssMB },
    targets: targetChecks,
    notes,
    totalSeconds: seconds(started),
  });
  console.log(`\nResults: ${path.relative(ROOT, out)} (benchmark ${seconds(started)} s)`);
}

/** What the moving-thread run's writers and freshness check saw, beyond the targets' lines. */
function movingNote({ rate, posting, missingPublished }: MovingRun): string {
  const { checked, missing, failed, latestReadMs, reads } = posting.freshness;
  const listed = missingPublished.slice(0, 10).join(", ");
  return (
    `Thread taking ${rate} comments/s: ${posting.sent} replies sent (warm-up included), ` +
    `${posting.accepted} answered 303, ` +
    `${posting.unanswered} unanswered, ${posting.late} of the timed ones sent more than 10 ms late; ` +
    `${checked} comments looked for in ${reads} reads of the page, each in the first read sent 1 s after its 303 ` +
    `(the latest ${n(latestReadMs / 1000, 2)} s after), ` +
    `${missingPublished.length} without their published comment` +
    `${listed ? ` (${listed}${missingPublished.length > 10 ? ", …" : ""})` : ""}` +
    `${missing.length > missingPublished.length ? `, ${missing.length - missingPublished.length} held` : ""}` +
    `${failed ? `, ${failed} reads failed` : ""}.`
  );
}

// ---------------------------------------------------------------------------------------------
// --compare: the same pages on forums of different sizes, measured in interleaved rounds

type ComparedPage = {
  key: "home" | "thread" | "homeUncached" | "threadUncached";
  scenario: string;
  metric: "req/s" | "p50 ms";
  cached: boolean;
  connections: number;
};

/**
 * Every size's two servers (page cache on and off) run side by side, and each round measures
 * each page on every size in turn, starting with a different size each round. A size is
 * compared with the default forum measured just before or after it, in the same round, so a
 * machine that slows down for a minute slows both sides of the ratio: the ratio given is the
 * median of the rounds' ratios, the value the median of the rounds' values.
 */
async function compare(options: Options) {
  const started = performance.now();
  const sizes: SizeName[] = options.large ? ["small", "default", "large"] : ["small", "default"];
  const runSeconds = Math.max(2, Math.round(options.duration / options.rounds));
  const pages: ComparedPage[] = [
    {
      key: "home",
      scenario: `home page, ${options.readers} readers (${BIG_PAGE_CLIENT})`,
      metric: "req/s",
      cached: true,
      connections: options.readers,
    },
    {
      key: "thread",
      scenario: `thread, ${options.readers} readers (${BIG_PAGE_CLIENT})`,
      metric: "req/s",
      cached: true,
      connections: options.readers,
    },
    {
      key: "homeUncached",
      scenario: `home page, page cache off, 1 reader (${BIG_PAGE_CLIENT})`,
      metric: "p50 ms",
      cached: false,
      connections: 1,
    },
    {
      key: "threadUncached",
      scenario: `thread, page cache off, 1 reader (${BIG_PAGE_CLIENT})`,
      metric: "p50 ms",
      cached: false,
      connections: 1,
    },
  ];

  type Side = { meta: ForumMeta; cached: RunningServer; uncached: RunningServer };
  const bySize = {} as Record<SizeName, Side>;
  for (const size of sizes) {
    const { meta } = await forum(size, options.reuse);
    console.log(
      `${size} forum: ${meta.posts.toLocaleString("en-GB")} posts, ${meta.comments.toLocaleString("en-GB")} comments`,
    );
    bySize[size] = {
      meta,
      cached: await startServer({ databaseFile: meta.file }),
      uncached: await startServer({ databaseFile: meta.file, env: { PICKET_PAGE_CACHE: "0" } }),
    };
  }

  const measure = (size: SizeName, page: ComparedPage, seconds: number, warmup: number) => {
    const side = bySize[size];
    const server = page.cached ? side.cached : side.uncached;
    const path = page.key.startsWith("home") ? "/" : `/posts/${side.meta.bigThread.slug}`;
    // The lighter client for every page: autocannon, not the server, limits the cached home page.
    return readBigPage({ server, path, connections: page.connections, duration: seconds, warmup });
  };
  const valueOf = (page: ComparedPage, figures: Figures) =>
    page.metric === "req/s" ? figures.requestsPerSecond : figures.p50Ms;

  // runs[size][page key]: one Figures a round
  const runs = Object.fromEntries(
    sizes.map((size) => [size, Object.fromEntries(pages.map((page) => [page.key, [] as Figures[]]))]),
  ) as Record<SizeName, Record<ComparedPage["key"], Figures[]>>;
  try {
    console.log(`\nWarming up every page on every size (${options.warmup} s each)…`);
    for (const page of pages)
      for (const size of sizes) if (options.warmup > 0) await measure(size, page, options.warmup, 0);
    console.log(
      `${options.rounds} rounds of ${runSeconds} s a page and size (${sizes.join(", ")}, each round starting with the next size)…`,
    );
    for (let round = 0; round < options.rounds; round++) {
      const order = sizes.map((_, i) => sizes[(i + round) % sizes.length]);
      for (const page of pages) {
        for (const size of order) runs[size][page.key].push(await measure(size, page, runSeconds, 0));
      }
      console.log(
        `  round ${round + 1}: ` +
          pages
            .map(
              (page) =>
                `${page.key} ${sizes.map((size) => n(valueOf(page, runs[size][page.key][round]), 1)).join(" / ")}`,
            )
            .join("; "),
      );
    }
  } finally {
    for (const size of sizes) {
      await bySize[size].cached.stop();
      await bySize[size].uncached.stop();
    }
  }

  type Row = {
    size: string;
    scenario: string;
    metric: string;
    value: number;
    rounds: number[];
    ratio: number;
    ratios: number[];
    pass: boolean;
  };
  const rows: Row[] = [];
  for (const size of sizes) {
    for (const page of pages) {
      const values = runs[size][page.key].map((figures) => valueOf(page, figures));
      const ratios = values.map(
        (value, round) => Math.round((value / valueOf(page, runs.default[page.key][round])) * 100) / 100,
      );
      const ratio = median(ratios);
      rows.push({
        size,
        scenario: page.scenario,
        metric: page.metric,
        value: median(values),
        rounds: values,
        ratio,
        ratios,
        pass: Math.abs(ratio - 1) <= 0.2,
      });
    }
  }
  console.log(
    `\nThe same pages on forums of different sizes (median of ${options.rounds} rounds; ratio to the default forum in the same round, the median of the rounds' ratios; the target is within 20%)\n`,
  );
  console.log(
    table(
      ["forum", "comments", "scenario", "metric", "value", "ratio", "rounds' ratios", "result"],
      rows.map((r) => [
        r.size,
        bySize[r.size as SizeName].meta.comments.toLocaleString("en-GB"),
        r.scenario,
        r.metric,
        n(r.value, 2),
        n(r.ratio, 2),
        r.size === "default" ? "" : r.ratios.map((x) => n(x, 2)).join(" "),
        r.size === "default" ? "" : r.pass ? "pass" : "FAIL",
      ]),
      new Set([1, 4, 5]),
    ),
  );
  const out = writeResults("bench-compare", {
    date: new Date().toISOString(),
    machine: machine(),
    source: sourceVersion(),
    options: {
      duration: options.duration,
      warmup: options.warmup,
      readers: options.readers,
      rounds: options.rounds,
      secondsPerRun: runSeconds,
      sizes,
    },
    forums: Object.fromEntries(
      sizes.map((size) => [
        size,
        {
          posts: bySize[size].meta.posts,
          comments: bySize[size].meta.comments,
          generationSeconds: bySize[size].meta.generationSeconds,
          peakRssMB: mb(Math.max(bySize[size].cached.peakRss(), bySize[size].uncached.peakRss())),
          runs: runs[size],
        },
      ]),
    ),
    comparison: rows,
    target: "the same page times on a forum ten times smaller and ten times larger (within 20%)",
    totalSeconds: seconds(started),
  });
  console.log(`\nResults: ${path.relative(ROOT, out)} (comparison ${seconds(started)} s)`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(BENCH_DIR, { recursive: true });
  if (options.build) await build();
  else if (!existsSync(path.join(ROOT, "build", "index.js")))
    usage("--no-build needs an existing build (run `npx remix build`)");
  if (options.compare) await compare(options);
  else await benchmark(options);
}

main().then(
  () => {
    cleanUp();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`\nbench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    cleanUp();
    process.exit(1);
  },
);
