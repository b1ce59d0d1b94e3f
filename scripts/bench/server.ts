// The server under test: `node server.ts` as a child process on 127.0.0.1, with its memory
// sampled from /proc. Every child started here is killed when the benchmark ends, however it ends.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import http from "node:http";
import path from "node:path";
import { ROOT } from "./forum";

export const HOST = "127.0.0.1";

const children = new Set<ChildProcess>();

/** Kills every server still running (synchronously: usable from an exit handler). */
export function killAllServers() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  children.clear();
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** One GET to the server; resolves with the status code (or rejects on a connection error). */
export function get(port: number, pathname: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: HOST, port, path: pathname, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

/** VmRSS and VmHWM of a process, in bytes (null once it has gone). */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

export type RunningServer = {
  port: number;
  pid: number;
  /** The highest RSS seen since the server started, and since the last `resetPeak()`. */
  peakRss: () => number;
  resetPeak: () => void;
  scenarioPeakRss: () => number;
  /** VmHWM: the kernel's own high-water mark of the process's resident memory. */
  highWaterMark: () => number;
  /** The server's stderr (and stdout), for a report when something fails. */
  output: () => string;
  stop: () => Promise<void>;
};

export type ServerOptions = { databaseFile: string; env?: Record<string, string>; sampleMs?: number; startTimeoutMs?: number };

/**
 * How `npm run serve` runs Node: the variables set before `node` (the malloc arenas) and
 * Node's own options (the heap limit), so the server is measured as it is deployed.
 */
function serveCommand(): { env: Record<string, string>; nodeOptions: string[] } {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const serve = scripts?.serve ?? "";
  const words = serve.split(/\s+/);
  const node = words.indexOf("node");
  const env = Object.fromEntries(
    words
      .slice(0, Math.max(node, 0))
      .filter((word) => word.includes("="))
      .map((word) => [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]),
  );
  // Everything between `node` and the script: Node's options and their values.
  return { env, nodeOptions: words.slice(node + 1, -1) };
}

/** Starts `node server.ts` on a free port of 127.0.0.1 and waits until /healthz answers 200. */
export async function startServer({ databaseFile, env = {}, sampleMs = 250, startTimeoutMs = 30_000 }: ServerOptions): Promise<RunningServer> {
  if (!existsSync(path.join(ROOT, "build", "index.js"))) throw new Error("No production build: run `npx remix build` first");
  const port = await freePort();
  const serve = serveCommand();
  const child = spawn(process.execPath, [...serve.nodeOptions, path.join(ROOT, "server.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...serve.env,
      DATABASE_URL: `file:${databaseFile}`,
      PORT: String(port),
      HOST,
      NODE_ENV: "production",
      PICKET_QUIET: "1",
      PICKET_DEMO: "0",
      // The posting test measures the app, not the rate limiter.
      PICKET_COMMENTS_PER_MINUTE: "1000000",
      PICKET_NETWORK_COMMENTS_PER_MINUTE: "1000000",
      PICKET_NETWORK_NEW_VOICES_PER_MINUTE: "1000000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const pid = child.pid!;
  let peak = 0;
  let scenarioPeak = 0;
  let hwm = 0;
  const sample = () => {
    const memory = memoryOf(pid);
    if (!memory) return;
    peak = Math.max(peak, memory.rss);
    scenarioPeak = Math.max(scenarioPeak, memory.rss);
    hwm = Math.max(hwm, memory.hwm);
  };
  const sampler = setInterval(sample, sampleMs);
  sampler.unref();

  const stop = async () => {
    sample();
    clearInterval(sampler);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    children.delete(child);
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      throw new Error(`The server exited before listening (code ${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      const { status } = await get(port, "/healthz", 1000);
      if (status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /healthz within ${startTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  sample();
  return {
    port,
    pid,
    peakRss: () => peak,
    resetPeak: () => {
      sample();
      scenarioPeak = memoryOf(pid)?.rss ?? 0;
    },
    scenarioPeakRss: () => {
      sample();
      return scenarioPeak;
    },
    highWaterMark: () => {
      sample();
      return hwm;
    },
    output: () => output,
    stop,
  };
}
