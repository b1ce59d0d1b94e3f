// Issue 23's search scenario, for scripts/bench.ts: readers searching the forum (common words,
// a phrase, acronyms), 16 at a time, on the server as it is configured (the page cache keeps
// a search's page until anything changes, so readers asking the same thing again get it kept)
// and with the page cache off (every request searches). Run on the default and the large forum,
// the figures show whether a search costs the same in a forum ten times the size.
import type { ForumMeta } from "./forum";
import { readPages, type Figures } from "./load";
import { startServer } from "./server";

/** What readers search for: words that most comments hold, a phrase, the branch's acronyms. */
export const SEARCHES = [
  "/search?q=office",
  "/search?q=strike+ballot",
  "/search?q=%22picket+line%22",
  "/search?q=CRC",
  "/search?q=TR",
  "/search?q=NPS&sort=newest",
];
/** Issue 23's targets for 16 readers searching. */
export const SEARCH_TARGETS = { p50Ms: 30, p99Ms: 150 };

export type SearchRun = { cached: Figures; uncached: Figures };
type ServerMemory = { name: string; peakRssMB: number; vmHwmMB: number };
type Check = { target: string; measured: string; pass: boolean | null };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(
  meta: ForumMeta,
  env: Record<string, string>,
  name: string,
  servers: ServerMemory[],
  read: { readers: number; duration: number; warmup: number },
): Promise<Figures> {
  const server = await startServer({ databaseFile: meta.file, env });
  try {
    return await readPages({ server, paths: SEARCHES, connections: read.readers, ...read });
  } finally {
    await server.stop();
    servers.push({ name, peakRssMB: mb(server.peakRss()), vmHwmMB: mb(server.highWaterMark()) });
  }
}

/** The searches, read by `readers` connections with the page cache on, then off. */
export async function searchReaders({
  meta,
  readers,
  duration,
  warmup,
  servers,
}: {
  meta: ForumMeta;
  readers: number;
  duration: number;
  warmup: number;
  servers: ServerMemory[];
}): Promise<SearchRun> {
  const read = { readers, duration, warmup };
  const cached = await measure(meta, {}, "search, page cache on", servers, read);
  const uncached = await measure(meta, { PICKET_PAGE_CACHE: "0" }, "search, page cache off", servers, read);
  return { cached, uncached };
}

const fmt = (n: number, unit: string) => `${n.toLocaleString("en-GB", { maximumFractionDigits: 1 })} ${unit}`;

export function searchChecks(run: SearchRun | null, comments: number): Check[] {
  if (!run) return [];
  const { p50Ms, p99Ms } = SEARCH_TARGETS;
  const forum = `${comments.toLocaleString("en-GB")} comments`;
  const runs: [Figures, string][] = [
    [run.cached, "page cache on"],
    [run.uncached, "page cache off: every request searches"],
  ];
  return runs.map(([f, how]) => {
    return {
      target: `search (${SEARCHES.length} searches, ${f.connections} readers, ${forum}), ${how}: p50 < ${p50Ms} ms, p99 < ${p99Ms} ms`,
      measured: `p50 ${fmt(f.p50Ms, "ms")}, p99 ${fmt(f.p99Ms, "ms")}, ${fmt(f.requestsPerSecond, "req/s")}${f.non2xx ? `, ${f.non2xx} not 2xx` : ""}`,
      pass: f.non2xx === 0 && f.p50Ms < p50Ms && f.p99Ms < p99Ms,
    };
  });
}
