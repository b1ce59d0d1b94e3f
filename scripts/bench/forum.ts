// What the benchmark's generated forums look like and where they live. Shared by the
// generator (scripts/bench/generate.ts, run in its own process) and the runner (scripts/bench.ts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BENCH_DIR = path.join(ROOT, "bench");
export const RESULTS_DIR = path.join(BENCH_DIR, "results");

export const SIZES = {
  small: { posts: 200, comments: 10_000 },
  default: { posts: 2_000, comments: 100_000 },
  large: { posts: 20_000, comments: 1_000_000 },
} as const;
export type SizeName = keyof typeof SIZES;
export const isSizeName = (s: string): s is SizeName => s in SIZES;

/** Comments in the one big thread, in every size (so its page is the same page in each). */
export const BIG_THREAD_COMMENTS = 1_000;
/** Comments already on the thread the posting test writes to. */
export const POSTING_THREAD_COMMENTS = 60;

/** What the generator leaves beside a database, for the runner (and for --reuse). */
export type ForumMeta = {
  size: SizeName;
  file: string;
  posts: number;
  comments: number;
  tags: number;
  postTags: number;
  commentTags: number;
  bigThread: { slug: string; postId: number; comments: number; topLevel: number; maxDepth: number };
  postingThread: { slug: string; postId: number; comments: number };
  tagName: string;
  generatedAt: string;
  generationSeconds: number;
};

export const databaseFile = (size: SizeName) => path.join(BENCH_DIR, `forum-${size}.db`);
export const metaFile = (size: SizeName) => `${databaseFile(size)}.meta.json`;

/** The meta of a generated database, or null when it is missing or unusable. */
export function readMeta(size: SizeName): ForumMeta | null {
  const file = metaFile(size);
  if (!existsSync(file) || !existsSync(databaseFile(size))) return null;
  try {
    const meta = JSON.parse(readFileSync(file, "utf8")) as ForumMeta;
    return meta.size === size && meta.bigThread?.slug ? meta : null;
  } catch {
    return null;
  }
}
