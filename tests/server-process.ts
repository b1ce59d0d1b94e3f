// A real server in its own process, on a free port, as `npm run serve` starts it: for tests that
// stop it, restart it, run several at once, or give it an environment of its own.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ServerProcess = {
  base: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
};

type Start = {
  /** Added to the environment of `npm run serve` in production on 127.0.0.1. */
  env?: Record<string, string>;
  /** `npm <npm>` instead of `node --import tsx <node>`. */
  npm?: string[];
  node?: string[];
};

const started: ChildProcess[] = [];

/** Resolves once the server says it is listening; rejects if it stops first or takes 20 s. */
export function startServerProcess({ env = {}, npm, node = ["server.ts"] }: Start = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const [command, args] = npm ? ["npm", npm] : [process.execPath, ["--import", "tsx", ...node]];
    const child = spawn(command, args, {
      cwd: root,
      env: {
        ...process.env,
        PORT: "0",
        HOST: "127.0.0.1",
        PICKET_QUIET: "",
        NODE_ENV: "production",
        PICKET_DEMO: "0",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: `npm start` and the Node server under it are stopped together.
      detached: true,
    });
    started.push(child);
    let output = "";
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/([\d.]+|localhost):(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ base: `http://127.0.0.1:${match[2]}`, child, exited, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server stopped (${code}) before listening:\n${output}`));
    });
  });
}

/** Kills every server this test file started that is still running, with whatever runs under it. */
export function killServerProcesses() {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
  }
}
