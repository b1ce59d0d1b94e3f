// Writers posting replies to one thread on a fixed schedule (open loop: each post goes out at
// its time, whatever the answers), and a reader who checks every comment answered 303 is on
// the thread's page read one second later. Node's own client: at 10 or 50 posts a second
// it costs the machine little beside the readers wrk sends.
import http from "node:http";
import { HOST, type RunningServer } from "./server";
import { READER_AGENT, round, summarize, type Figures } from "./load";
import { commentMarkdown, pick, seededRandom } from "./text";

/** How long after its 303 a comment must be on the thread's page. */
export const FRESH_AFTER_MS = 1000;
/** How often the checker reads the page, whatever the rate, and how many reads it may have waiting. */
const CHECK_EVERY_MS = 100;
const MAX_CHECK_READS = 16;
/** A post sent more than this after its time was sent late (the client itself was busy). */
const LATE_MS = 10;
/** A writer waits this long for an answer, as in the other posting scenarios. */
const POST_TIMEOUT_MS = 30_000;

export type Freshness = {
  /** Comments answered 303 whose page was read a second later (each by the first read that late). */
  checked: number;
  /** Their ids, when the page read did not contain `id="c-<id>"`. */
  missing: number[];
  /** Comments whose read got no page (a status other than 200, or no answer). */
  failed: number;
  /** The latest a check's read was sent after its comment's 303, in ms. */
  latestReadMs: number;
  /** Reads of the page the checks made. */
  reads: number;
};

export type PacedPosting = Figures & {
  rate: number;
  /** Posts sent and answered 303, warm-up included (`requests` and the latencies: measured only). */
  sent: number;
  accepted: number;
  unanswered: number;
  /** Measured posts sent more than LATE_MS after their time. */
  late: number;
  /** The ids of the comments answered 303. */
  commentIds: number[];
  freshness: Freshness;
};

/** A comment answered 303, not yet looked for on its page. */
type Waiting = { id: number; page: string; answeredAt: number };

type Answer = { status: number; location: string | null };

function send(agent: http.Agent, port: number, path: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
      "user-agent": READER_AGENT,
    };
    const request = http.request({ host: HOST, port, path, method: "POST", agent, headers, timeout: POST_TIMEOUT_MS });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null })
      );
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

/** The page at `path`, as bytes; null when no page came back. */
function readPage(agent: http.Agent, port: number, path: string): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const headers = { "user-agent": READER_AGENT, accept: "text/html" };
    const request = http.get({ host: HOST, port, path, agent, headers, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(response.statusCode === 200 ? Buffer.concat(chunks) : null));
      response.on("error", () => resolve(null));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", () => resolve(null));
  });
}

/**
 * Starts posting `rate` replies a second to the thread `slug`, each to one of `parentIds`,
 * each without a cookie (a new anonymous voice, as in the posting scenario). Posts sent
 * before `measureFrom()` is called are the warm-up: checked for freshness, not timed.
 */
export function startPacedPosting({
  server,
  slug,
  rate,
  parentIds,
  seed = 0x5e20,
}: {
  server: RunningServer;
  slug: string;
  rate: number;
  parentIds: number[];
  seed?: number;
}) {
  const writers = new http.Agent({ keepAlive: true });
  const checker = new http.Agent({ keepAlive: true, maxSockets: MAX_CHECK_READS });
  const random = seededRandom(seed);
  const interval = 1000 / rate;
  const pending = new Set<Promise<void>>();
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const freshness: Freshness = { checked: 0, missing: [], failed: 0, latestReadMs: 0, reads: 0 };
  const commentIds: number[] = [];
  /** Comments answered 303 and not yet looked for, in the order of their answers. */
  let waiting: Waiting[] = [];
  let postsDone = false;
  let sent = 0;
  let answered = 0;
  let late = 0;
  let errors = 0;
  let timeouts = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  let measuredFrom = Infinity;
  let measuredUntil = Infinity;
  let slot = 0;
  let stopped = false;
  let result: Promise<PacedPosting> | undefined;
  const started = performance.now();

  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  // One read of a page checks every comment answered at least a second before it was sent, so
  // the checker's reads stay few at any rate. They go out on time, not one after another: a
  // slow page must not make the next comments' reads later than a second.
  const reads = new Set<Promise<void>>();
  const checkPage = async (page: string, due: Waiting[]) => {
    const sentAt = performance.now();
    freshness.reads++;
    const body = await readPage(checker, server.port, page);
    for (const w of due) {
      freshness.latestReadMs = Math.max(freshness.latestReadMs, sentAt - w.answeredAt);
      if (!body) freshness.failed++;
      else {
        freshness.checked++;
        if (!body.includes(`id="c-${w.id}"`)) freshness.missing.push(w.id);
      }
    }
  };
  const checkPages = async () => {
    while (!postsDone || waiting.length || reads.size) {
      const now = performance.now();
      const due = waiting.filter((w) => now - w.answeredAt >= FRESH_AFTER_MS);
      if (due.length && reads.size < MAX_CHECK_READS) {
        waiting = waiting.filter((w) => !due.includes(w));
        for (const page of new Set(due.map((w) => w.page))) {
          const read = checkPage(
            page,
            due.filter((w) => w.page === page)
          );
          reads.add(read);
          void read.finally(() => reads.delete(read));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, CHECK_EVERY_MS - (performance.now() - now))));
    }
  };
  const checking = checkPages();

  const post = async () => {
    const body = [
      "intent=comment&voice=anonymous",
      `parentId=${pick(random, parentIds)}`,
      `body=${encodeURIComponent(commentMarkdown(random))}`,
    ].join("&");
    const at = performance.now();
    const measured = at >= measuredFrom;
    sent++;
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    try {
      const answer = await send(writers, server.port, `/posts/${slug}`, body);
      const answeredAt = performance.now();
      inFlight--;
      answered++;
      if (measured) {
        latencies.push(answeredAt - at);
        statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
      }
      const id = Number(/#c-(\d+)$/.exec(answer.location ?? "")?.[1] ?? NaN);
      if (answer.status !== 303 || !Number.isInteger(id)) return;
      commentIds.push(id);
      waiting.push({ id, page: answer.location!.slice(0, answer.location!.indexOf("#")), answeredAt });
    } catch (error) {
      inFlight--;
      if (measured) errors++;
      if (measured && (error as Error).message === "timed out") timeouts++;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    const due = started + slot * interval;
    if (due >= measuredFrom && performance.now() - due > LATE_MS) late++;
    slot++;
    track(post());
    timer = setTimeout(tick, Math.max(0, started + slot * interval - performance.now()));
  };
  tick();

  return {
    /** Posts from now on are timed. */
    measureFrom() {
      measuredFrom = performance.now();
    },
    /** Stops posting, waits for the answers and the checks, and gives the figures (once). */
    stop(): Promise<PacedPosting> {
      result ??= finish();
      return result;
    },
  };

  async function finish(): Promise<PacedPosting> {
    stopped = true;
    clearTimeout(timer);
    measuredUntil = performance.now();
    while (pending.size) await Promise.all([...pending]);
    postsDone = true;
    await checking;
    writers.destroy();
    checker.destroy();
    const sorted = Float64Array.from(latencies).sort();
    const seconds = round((measuredUntil - Math.min(measuredFrom, measuredUntil)) / 1000);
    const non2xx = Object.entries(statusCodes).reduce((sum, [code, n]) => (code.startsWith("2") ? sum : sum + n), 0);
    return {
      ...summarize({
        latencies: sorted,
        bytes: 0,
        seconds,
        statusCodes,
        non2xx,
        errors,
        timeouts,
        connections: mostInFlight,
        server,
      }),
      rate,
      sent,
      accepted: commentIds.length,
      unanswered: sent - answered,
      late,
      commentIds,
      freshness,
    };
  }
}
