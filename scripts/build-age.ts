// Whether the server build is older than what it is built from: `npm start` builds again, and the
// tests refuse to test old code.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestChange(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce(
    (newest, entry) => Math.max(newest, newestChange(path.join(target, entry))),
    stat.mtimeMs,
  );
}

/** True when build/index.js is missing or older than any of `sources` (paths from the project root). */
export function buildIsStale(sources: string[]): boolean {
  const build = path.join(root, "build", "index.js");
  const present = sources.map((source) => path.join(root, source)).filter(existsSync);
  return !existsSync(build) || Math.max(...present.map(newestChange)) > statSync(build).mtimeMs;
}
