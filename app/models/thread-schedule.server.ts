// A close or reopening set in advance takes effect by itself: it is read from the post whenever
// the thread is (thread-state.ts). But the page cache keeps the page made before it, so each
// instance keeps one timer for the next such time of any thread, and then tells every instance
// that the thread changed: its pages, the home page and the feeds are made again. The times live
// in the database, so a restarted instance, or another one, arms its timer from the same rows.
import { db } from "~/lib/db.server";
import { publishThreadEvent, subscribe } from "~/lib/live.server";

/** Looked again at least this often: a timer cannot wait past 24 days, and a missed event is made good. */
const LOOK_AGAIN_MS = 10 * 60_000;
/** After the database could not be read. */
const TRY_AGAIN_MS = 5_000;
/** Fired just after the time: a page made then already shows the thread as it is after it. */
const AFTER_MS = 25;

type Watch = { timer: NodeJS.Timeout | null; checkedUpTo: Date; started: Promise<void> | null };
// Shared through globalThis: the server build and tests may load this module twice.
const shared = globalThis as unknown as { picketSchedules?: Watch };
const watch: Watch = (shared.picketSchedules ??= { timer: null, checkedUpTo: new Date(), started: null });

/** The next close or reopening of any published thread after `after`. */
async function nextScheduled(after: Date): Promise<Date | null> {
  const published = { status: "published" } as const;
  const [close, reopen] = await Promise.all([
    db.post.findFirst({
      where: { ...published, closesAt: { gt: after } },
      orderBy: { closesAt: "asc" },
      select: { closesAt: true },
    }),
    db.post.findFirst({
      where: { ...published, reopensAt: { gt: after } },
      orderBy: { reopensAt: "asc" },
      select: { reopensAt: true },
    }),
  ]);
  const times = [close?.closesAt, reopen?.reopensAt].filter((at): at is Date => Boolean(at));
  return times.length ? new Date(Math.min(...times.map((at) => at.getTime()))) : null;
}

function setTimer(ms: number) {
  if (watch.timer) clearTimeout(watch.timer);
  watch.timer = setTimeout(() => void due().catch(() => setTimer(TRY_AGAIN_MS)), ms);
  watch.timer.unref();
}

/**
 * Sets the timer for the next time any thread opens or closes by itself, counted from the last
 * look: a time that came since then (and is not yet told) fires at once.
 */
async function arm() {
  const next = await nextScheduled(watch.checkedUpTo);
  const wait = next ? Math.max(0, next.getTime() - Date.now() + AFTER_MS) : LOOK_AGAIN_MS;
  setTimer(Math.min(wait, LOOK_AGAIN_MS));
}

/** Tells every instance of each thread whose time came since the last look, then sets the next timer. */
async function due() {
  const now = new Date();
  const window = { gt: watch.checkedUpTo, lte: now };
  const came = await db.post.findMany({
    where: { status: "published", OR: [{ closesAt: window }, { reopensAt: window }] },
    select: { id: true },
  });
  for (const post of came) await publishThreadEvent({ postId: post.id, kind: "post" });
  watch.checkedUpTo = now;
  await arm();
}

/** Starts this instance's timer, set again whenever a post changes (a time set, moved or dropped). */
export function watchThreadSchedules(): Promise<void> {
  watch.started ??= subscribe("any", (event) => {
    if (event.kind === "post" || event.kind === "site") void arm().catch(() => setTimer(TRY_AGAIN_MS));
  }).then(() => arm().catch(() => setTimer(TRY_AGAIN_MS)));
  return watch.started;
}

/** Stops the timer (at shutdown). */
export function stopWatchingSchedules() {
  if (watch.timer) clearTimeout(watch.timer);
  watch.timer = null;
}
