// The load: autocannon's programmatic API against 127.0.0.1 only, every run bounded in time
// (reading) or in count with a time limit (posting). Latencies are kept per response (to the
// microsecond) rather than from autocannon's whole-millisecond histogram.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { HOST, get, type RunningServer } from "./server";
import { commentMarkdown, seededRandom } from "./text";

/** A reader's browser, as people's browsers send. */
export const READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

export type Figures = {
  /** Responses counted (any status). */
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerRequest: number;
  connections: number;
  /** Highest server RSS sampled during the measured run, in MB. */
  serverPeakRssMB: number;
};

const running = new Set<autocannon.Instance>();

/** Stops any autocannon run in progress (on SIGINT). */
export function stopAllLoad() {
  for (const instance of running) instance.stop();
  running.clear();
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

type RunOptions = Omit<autocannon.Options, "url"> & { port: number; path: string; limitMs?: number };

/** One autocannon run; resolves with autocannon's result and every response's latency and size. */
function run({ port, path, limitMs, ...options }: RunOptions): Promise<{ result: autocannon.Result; latencies: Float64Array; bytes: number; cutShort: boolean }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let bytes = 0;
    let cutShort = false;
    const instance = autocannon({ url: `http://${HOST}:${port}${path}`, timeout: 10, ...options }, (error, result) => {
      running.delete(instance);
      clearTimeout(limit);
      if (error) reject(error as Error);
      else resolve({ result, latencies: Float64Array.from(latencies).sort(), bytes, cutShort });
    });
    running.add(instance);
    const limit = setTimeout(() => {
      cutShort = true;
      instance.stop();
    }, limitMs ?? ((options.duration as number | undefined) ?? 10) * 1000 + 30_000);
    instance.on("response", (_client: unknown, _status: number, resBytes: number, responseTime: number) => {
      latencies.push(responseTime);
      bytes += resBytes;
    });
  });
}

function statusCodesOf(result: autocannon.Result): Record<string, number> {
  const statusCodes: Record<string, number> = {};
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  for (const [code, { count }] of Object.entries(stats)) statusCodes[code] = count;
  return statusCodes;
}

function figures(result: autocannon.Result, latencies: Float64Array, bytes: number, connections: number, server: RunningServer): Figures {
  return summarize({ latencies, bytes, seconds: result.duration, statusCodes: statusCodesOf(result), non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, connections, server });
}

/** Figures from every response's latency (sorted), the bytes received and the statuses. */
export function summarize({ latencies, bytes, seconds, statusCodes, non2xx, errors, timeouts, connections, server }: { latencies: Float64Array; bytes: number; seconds: number; statusCodes: Record<string, number>; non2xx: number; errors: number; timeouts: number; connections: number; server: RunningServer }): Figures {
  const requests = latencies.length;
  return {
    requests,
    seconds,
    requestsPerSecond: seconds ? round(requests / seconds, 1) : 0,
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.length ? latencies[latencies.length - 1] : 0),
    non2xx,
    errors,
    timeouts,
    statusCodes,
    bytesPerRequest: requests ? Math.round(bytes / requests) : 0,
    connections,
    serverPeakRssMB: round(server.scenarioPeakRss() / 1024 / 1024, 1),
  };
}

/**
 * Waits until the server has worked through what an earlier run left queued (autocannon drops
 * its connections when the time is up, but the server still answers what it had received):
 * until /healthz answers in under 50 ms twice in a row, at most `limitMs`.
 */
export async function settle(server: RunningServer, limitMs = 30_000): Promise<number> {
  const started = Date.now();
  let quick = 0;
  while (Date.now() - started < limitMs && quick < 2) {
    const t = performance.now();
    try {
      await get(server.port, "/healthz", limitMs);
      quick = performance.now() - t < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    if (quick < 2) await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

const READER_HEADERS: Record<string, string> = { "user-agent": READER_AGENT, accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

/** GETs one page as anonymous readers (no cookies, no Accept-Encoding): a warm-up, then `duration` seconds measured. */
export async function readPage({ server, path, connections, duration, warmup }: { server: RunningServer; path: string; connections: number; duration: number; warmup: number }): Promise<Figures> {
  const headers = READER_HEADERS;
  await settle(server);
  if (warmup > 0) await run({ port: server.port, path, connections, duration: warmup, headers });
  server.resetPeak();
  const { result, latencies, bytes } = await run({ port: server.port, path, connections, duration, headers });
  return figures(result, latencies, bytes, connections, server);
}

/** GETs several pages as anonymous readers, each connection asking for them in turn: a warm-up, then `duration` seconds measured. */
export async function readPages({ server, paths, connections, duration, warmup }: { server: RunningServer; paths: string[]; connections: number; duration: number; warmup: number }): Promise<Figures> {
  const headers = READER_HEADERS;
  const requests = paths.map((path) => ({ method: "GET" as const, path, headers }));
  await settle(server);
  if (warmup > 0) await run({ port: server.port, path: paths[0], connections, duration: warmup, headers, requests });
  server.resetPeak();
  const { result, latencies, bytes } = await run({ port: server.port, path: paths[0], connections, duration, headers, requests });
  return figures(result, latencies, bytes, connections, server);
}

export type PostingFigures = Figures & {
  /** Posts sent, warm-up included. */
  sent: number;
  /** 303 responses (a comment written and the writer sent to it), warm-up included. */
  accepted: number;
  /** Posts that got no answer (client time-out after 30 s, or a connection error), warm-up included. */
  unanswered: number;
  /** Statuses of the warm-up's answers. */
  warmupStatusCodes: Record<string, number>;
  /** Posts sent in the warm-up (counted in `accepted` and in the database check). */
  warmupRequests: number;
  cutShort: boolean;
  /** A paced wrk run's schedule (`wrkPostCommentsAtRate`); absent for the other runs. */
  pace?: Pace;
};

/**
 * How well a paced run kept its schedule (measured run only): the slots due, and those whose
 * post went out more than 10 ms late or not at all; `busy` of them because every connection was
 * waiting for an answer (the rest because wrk itself was late, the machine being busy).
 */
export type Pace = { offeredRate: number; due: number; late: number; busy: number; latestMs: number };

/** The posting scenarios' form bodies: 500 comments of the generated forum's kind (seeded). */
function postBodies(): string[] {
  const random = seededRandom(0xc0ffee);
  return Array.from({ length: 500 }, () => `intent=comment&voice=anonymous&body=${encodeURIComponent(commentMarkdown(random))}`);
}

/**
 * Writers posting new comments to one thread, as plain forms (each without a cookie, so each
 * is a new anonymous voice). Runs a fixed number of posts, sized from a warm-up to take about
 * `duration` seconds, so that every request sent gets its answer counted: then the comments
 * in the database can be compared with the 303s exactly. A time limit still bounds it.
 */
export async function postComments({ server, slug, connections, duration, rate }: { server: RunningServer; slug: string; connections: number; duration: number; rate?: number }): Promise<PostingFigures> {
  const bodies = postBodies();
  let next = 0;
  const options = {
    port: server.port,
    path: `/posts/${slug}`,
    connections,
    // A writer waits longer than a reader before giving up, so fewer posts end unanswered.
    timeout: 30,
    requests: [
      {
        method: "POST" as const,
        path: `/posts/${slug}`,
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": READER_AGENT },
        setupRequest: (request: autocannon.Request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  };
  await settle(server);
  const warmupRequests = connections * 5;
  const warm = await run({ ...options, amount: warmupRequests, limitMs: 60_000 });
  const warmRate = warm.latencies.length / Math.max(0.1, warm.result.duration);
  // At a given rate (open loop: posts are sent on time, whatever the answers), or as fast as
  // the writers get answers (closed loop: the server's capacity).
  const amount = rate ? Math.round(rate * duration) : Math.max(connections * 2, Math.min(500_000, Math.round(warmRate * duration)));
  server.resetPeak();
  const measured = await run({ ...options, amount, ...(rate ? { overallRate: rate } : {}), limitMs: duration * 3000 + 10_000 });
  const base = figures(measured.result, measured.latencies, measured.bytes, connections, server);
  const warmupStatusCodes = statusCodesOf(warm.result);
  const sent = warmupRequests + amount;
  const answered = warm.latencies.length + measured.latencies.length;
  return {
    ...base,
    sent,
    accepted: (base.statusCodes["303"] ?? 0) + (warmupStatusCodes["303"] ?? 0),
    unanswered: sent - answered,
    warmupStatusCodes,
    warmupRequests,
    cutShort: measured.cutShort || warm.cutShort,
  };
}

/**
 * The same reading as `readPage`, with Node's own HTTP client (keep-alive, body counted and
 * dropped) instead of autocannon, which parses and keeps every body as a string and so, on a
 * big page, measures itself. Each connection finishes its request in flight when the time is
 * up (at most the 10 s time-out later).
 */
export async function leanReadPage({ server, path, connections, duration, warmup }: { server: RunningServer; path: string; connections: number; duration: number; warmup: number }): Promise<Figures> {
  await settle(server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const once = () =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const request = http.get({ host: HOST, port: server.port, path, agent, headers: READER_HEADERS, timeout: 10_000 }, (response) => {
        let bytes = response.rawHeaders.reduce((sum, h) => sum + h.length + 2, 0);
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
      request.on("error", reject);
    });
  const load = async (seconds: number) => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let bytes = 0;
    let errors = 0;
    let timeouts = 0;
    const started = performance.now();
    const end = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          try {
            const answer = await once();
            latencies.push(performance.now() - t);
            bytes += answer.bytes;
            statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
          } catch (error) {
            errors++;
            if ((error as { code?: string }).code === "TIMEOUT") timeouts++;
          }
        }
      }),
    );
    return { latencies: Float64Array.from(latencies).sort(), statusCodes, bytes, errors, timeouts, seconds: (performance.now() - started) / 1000 };
  };
  try {
    if (warmup > 0) await load(warmup);
    server.resetPeak();
    const run = await load(duration);
    const non2xx = Object.entries(run.statusCodes).reduce((sum, [code, count]) => (code.startsWith("2") ? sum : sum + count), 0);
    return summarize({ ...run, seconds: round(run.seconds, 2), non2xx, connections, server });
  } finally {
    agent.destroy();
  }
}

/** Whether Debian's wrk is installed (`apt-get install wrk`): the client of choice for big pages and for posting. */
export const wrkInstalled = (() => {
  try {
    return spawnSync("wrk", ["--version"], { encoding: "utf8" }).error === undefined;
  } catch {
    return false;
  }
})();

const WRK_DIR = path.dirname(fileURLToPath(import.meta.url));

type WrkRun = { requests: number; sent: number; seconds: number; bytes: number; errors: number; timeouts: number; statusCodes: Record<string, number>; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; pace: Pace | null };

/** One wrk run (one thread, `connections` kept-alive connections, no Accept-Encoding), with wrk-report.lua or a script that loads it. */
function wrk(port: number, pathname: string, connections: number, seconds: number, { script = "wrk-report.lua", headers = READER_HEADERS, timeout = 10, scriptArgs = [] as string[] } = {}): Promise<WrkRun> {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", `${timeout}s`, "-s", path.join(WRK_DIR, script), ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]), `http://${HOST}:${port}${pathname}`, "--", ...scriptArgs];
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const limit = setTimeout(() => child.kill("SIGKILL"), (seconds + timeout + 20) * 1000);
    child.on("error", reject);
    child.on("exit", () => {
      clearTimeout(limit);
      const lines = out.split("\n");
      const line = lines.find((l) => l.startsWith("WRK_RESULT "));
      if (!line) return reject(new Error(`wrk gave no result:\n${out}`));
      const [requests, durationUs, bytes, connect, read, write, status, timeout, p50, p90, p99, max] = line.split(" ").slice(1).map(Number);
      // wrk counts answers of 400 and above only, the rest are taken as 200; wrk-post.lua
      // counts every status itself ("WRK_POSTS <sent> <status>:<count> ...").
      const posts = lines.find((l) => l.startsWith("WRK_POSTS "))?.split(" ").slice(1);
      const statusCodes: Record<string, number> = posts
        ? Object.fromEntries(posts.slice(1).map((pair) => pair.split(":")).map(([code, count]) => [code, Number(count)]))
        : status ? { "200": requests - status, "4xx/5xx": status } : { "200": requests };
      // With a rate, wrk-post.lua also prints how well it kept its schedule:
      // "WRK_PACE <rate> <slots due> <late> <busy> <latest ms>".
      const paced = lines.find((l) => l.startsWith("WRK_PACE "))?.split(" ").slice(1).map(Number);
      const pace = paced ? { offeredRate: paced[0], due: paced[1], late: paced[2], busy: paced[3], latestMs: paced[4] } : null;
      const ms = (us: number) => round(us / 1000);
      resolve({ requests, sent: posts ? Number(posts[0]) : requests, seconds: round(durationUs / 1e6), bytes, errors: connect + read + write + timeout, timeouts: timeout, statusCodes, p50Ms: ms(p50), p90Ms: ms(p90), p99Ms: ms(p99), maxMs: ms(max), pace });
    });
  });
}

function wrkFigures(r: WrkRun, connections: number, server: RunningServer): Figures {
  return {
    requests: r.requests,
    seconds: r.seconds,
    requestsPerSecond: round(r.requests / r.seconds, 1),
    p50Ms: r.p50Ms,
    p90Ms: r.p90Ms,
    p99Ms: r.p99Ms,
    maxMs: r.maxMs,
    non2xx: Object.entries(r.statusCodes).reduce((sum, [code, count]) => (code.startsWith("2") ? sum : sum + count), 0),
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: r.statusCodes,
    bytesPerRequest: r.requests ? Math.round(r.bytes / r.requests) : 0,
    connections,
    serverPeakRssMB: round(server.scenarioPeakRss() / 1024 / 1024, 1),
  };
}

/**
 * The same reading as `readPage`, with wrk: written in C, it reads a big page for far less
 * than the server spends sending it, so the figures are the server's.
 * `headers` are sent besides a reader's (Accept-Encoding, say); with `cookies`, each request
 * carries the next of them in turn (wrk-cookies.lua), as that many readers would. `settleFirst`
 * false reads at once, for a run beside other load that never lets the server settle.
 */
export async function wrkReadPage(read: {
  server: RunningServer;
  path: string;
  connections: number;
  duration: number;
  warmup: number;
  headers?: Record<string, string>;
  cookies?: string[];
  settleFirst?: boolean;
}): Promise<Figures> {
  const { server, path: pathname, connections, duration, warmup, headers = {}, cookies, settleFirst = true } = read;
  const dir = cookies ? mkdtempSync(path.join(os.tmpdir(), "picket-bench-")) : null;
  const options = {
    headers: { ...READER_HEADERS, ...headers } as Record<string, string>,
    script: "wrk-report.lua",
    scriptArgs: [] as string[],
  };
  if (dir && cookies) {
    writeFileSync(path.join(dir, "cookies.txt"), cookies.join("\n") + "\n");
    Object.assign(options, { script: "wrk-cookies.lua", scriptArgs: [path.join(dir, "cookies.txt")] });
  }
  try {
    if (settleFirst) await settle(server);
    if (warmup > 0) await wrk(server.port, pathname, connections, warmup, options);
    server.resetPeak();
    return wrkFigures(await wrk(server.port, pathname, connections, duration, options), connections, server);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The posting of `postComments` as fast as answered, with wrk (wrk-post.lua, the same bodies
 * with a number appended): autocannon's JavaScript takes CPU from the server on a 2-core
 * machine. wrk runs for a time, not a count: the posts in flight when it stops (up to one
 * a connection) are unanswered, and the server may still write them. A 1 s warm-up first.
 */
export function wrkPostComments(options: { server: RunningServer; slug: string; connections: number; duration: number }): Promise<PostingFigures> {
  return wrkPost(options);
}

/**
 * The posting of `postComments` at a steady rate, with wrk: wrk-post.lua sends the posts on a
 * fixed schedule (`rate` a second) whatever the answers, as long as a connection is free, and
 * counts the posts that went out late (`pace`). The posts in flight when it stops (about
 * rate × latency) are unanswered. A 1 s warm-up at the same rate first.
 */
export function wrkPostCommentsAtRate(options: { server: RunningServer; slug: string; connections: number; duration: number; rate: number }): Promise<PostingFigures> {
  return wrkPost(options);
}

async function wrkPost({ server, slug, connections, duration, rate }: { server: RunningServer; slug: string; connections: number; duration: number; rate?: number }): Promise<PostingFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "picket-bench-"));
  const bodies = path.join(dir, "bodies.txt");
  writeFileSync(bodies, postBodies().join("\n") + "\n");
  const post = (seconds: number, first: number) =>
    wrk(server.port, `/posts/${slug}`, connections, seconds, { script: "wrk-post.lua", headers: { "user-agent": READER_AGENT }, timeout: 30, scriptArgs: [bodies, String(first), ...(rate ? [String(rate)] : [])] });
  try {
    await settle(server);
    const warm = await post(1, 0);
    server.resetPeak();
    const measured = await post(duration, warm.sent);
    const sent = warm.sent + measured.sent;
    return {
      ...wrkFigures(measured, connections, server),
      sent,
      accepted: (warm.statusCodes["303"] ?? 0) + (measured.statusCodes["303"] ?? 0),
      unanswered: sent - warm.requests - measured.requests,
      warmupStatusCodes: warm.statusCodes,
      warmupRequests: warm.sent,
      cutShort: false,
      ...(measured.pace ? { pace: measured.pace } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
