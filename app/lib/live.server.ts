// Live events: "a comment was published on post N", "something site-wide changed". Every app
// instance hears every event: within a process through an emitter, across instances through
// PostgreSQL's LISTEN/NOTIFY (an SQLite forum has one process, so the emitter is enough).
// Events carry ids only, never anything about who wrote.
import { EventEmitter } from "node:events";
import pg from "pg";
import { z } from "zod";
import { databaseProvider, notifyInstances } from "./db.server";
import { databaseTarget } from "./database-url.server";

/**
 * What instances tell each other. Of one thread: "published", a comment appeared; "changed", one
 * was edited, deleted or moderated; "post", the post itself changed. Of the whole site: "site",
 * the glossary (which every page shows) or the moderation rules or bans in force (which
 * app/lib/site-cache.server.ts keeps in memory) changed.
 */
const liveEvent = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["published", "changed"]), postId: z.number().int(), commentId: z.number().int() }),
  z.object({ kind: z.literal("post"), postId: z.number().int() }),
  z.object({ kind: z.literal("site") }),
]);
export type LiveEvent = z.infer<typeof liveEvent>;
export type SiteEvent = Extract<LiveEvent, { kind: "site" }>;
/** An event of one thread, heard by its readers. */
export type ThreadEvent = Exclude<LiveEvent, SiteEvent>;
const SITE_EVENT: SiteEvent = { kind: "site" };
const notice = z.object({ from: z.string(), event: liveEvent });

const CHANNEL = "picket_thread_events";
const INSTANCE = `${process.pid}-${Math.random().toString(36).slice(2)}`;

/** `owed`: a notice could not be sent, so the other instances are yet to be told to drop all they keep. */
/** `client`: the LISTEN connection while it is open; `stopped`: a command that is done closed it for good. */
type Bus = {
  emitter: EventEmitter;
  listening: Promise<void> | null;
  heardBefore: boolean;
  owed: boolean;
  client?: pg.Client | null;
  stopped?: boolean;
};
// Shared through globalThis: the server build and tests may load this module twice.
const globalBus = globalThis as unknown as { picketLive?: Bus };
const bus: Bus = (globalBus.picketLive ??= {
  emitter: new EventEmitter().setMaxListeners(0),
  listening: null,
  heardBefore: false,
  owed: false,
});

/** How long the LISTEN connection may take to open before the database is taken to be away. */
const LISTEN_CONNECT_TIMEOUT_MS = 5000;
/** How often a notice that could not be sent, or a LISTEN connection that dropped, is tried again. */
const TRY_AGAIN_MS = 1000;

function deliver(event: LiveEvent) {
  if (event.kind !== "site") bus.emitter.emit(`post:${event.postId}`, event);
  bus.emitter.emit("any", event);
}

/** After a dropped LISTEN connection: tries again every second until it is back. */
function listenAgainSoon() {
  setTimeout(() => void listenAcrossInstances().catch(listenAgainSoon), TRY_AGAIN_MS).unref();
}

// One LISTEN connection per instance; made again after it drops.
function listenAcrossInstances(): Promise<void> {
  if (databaseProvider !== "postgresql") return Promise.resolve();
  if (bus.listening) return bus.listening;
  const listening: Promise<void> = (async () => {
    const target = databaseTarget();
    // Kept alive, so a connection silently gone (a dead network path) is noticed and made again.
    const client = new pg.Client({
      connectionString: target.url,
      keepAlive: true,
      connectionTimeoutMillis: LISTEN_CONNECT_TIMEOUT_MS,
    });
    client.on("notification", (message) => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(message.payload ?? "");
      } catch {
        // Not ours; ignored below.
      }
      const parsed = notice.safeParse(payload);
      if (parsed.success && parsed.data.from !== INSTANCE) deliver(parsed.data.event);
    });
    // A lost connection can report more than one error: it is made again once.
    let lost = false;
    client.on("error", () => {
      if (lost) return;
      lost = true;
      if (bus.listening === listening) bus.listening = null;
      void client.end().catch(() => undefined);
      if (!bus.stopped) listenAgainSoon();
    });
    try {
      bus.client = client;
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost = true;
      void client.end().catch(() => undefined);
      throw error;
    }
    // The events other instances sent while this one could not hear them are lost: what it
    // kept from before (cached pages, rules, bans) is dropped, as a "site" event drops it.
    if (bus.heardBefore) deliver(SITE_EVENT);
    bus.heardBefore = true;
  })().catch((error) => {
    if (bus.listening === listening) bus.listening = null;
    throw error;
  });
  bus.listening = listening;
  return listening;
}

/** Sends one notice to the other instances. */
const notify = (event: LiveEvent) => notifyInstances(CHANNEL, JSON.stringify({ from: INSTANCE, event }));

/**
 * Tells the other instances to drop everything they keep, once the database takes notices
 * again: they missed one, and cannot know which pages and values it concerned.
 */
function sendOwedNotice() {
  if (bus.owed) return;
  bus.owed = true;
  const attempt = () =>
    void notify(SITE_EVENT).then(
      () => void (bus.owed = false),
      () => void setTimeout(attempt, TRY_AGAIN_MS).unref(),
    );
  setTimeout(attempt, TRY_AGAIN_MS).unref();
}

/**
 * Tells every instance of an event. It comes after the change is committed, so it never fails:
 * a notice the database would not take is logged, and made good by a "site" notice as soon as
 * it takes one again.
 */
async function publish(event: LiveEvent) {
  deliver(event);
  if (databaseProvider !== "postgresql") return;
  try {
    await notify(event);
  } catch (error) {
    console.error(
      `A live-update notice could not be sent (${error instanceof Error ? error.message.split("\n").pop() : String(error)}); the other instances will drop what they keep once the database is back.`,
    );
    sendOwedNotice();
  }
}

/** Tells every reader of a thread, on every instance, that a comment or the post appeared or changed. */
export const publishThreadEvent = (event: ThreadEvent) => publish(event);

/** Tells every instance to drop all it keeps about the site (its pages, rules, bans, glossary). */
export const publishSiteEvent = () => publish(SITE_EVENT);

/** Calls `listener` for each event of one post (or every event); returns the unsubscribe. */
export function subscribe(postId: number, listener: (event: ThreadEvent) => void): Promise<() => void>;
export function subscribe(postId: "any", listener: (event: LiveEvent) => void): Promise<() => void>;
export async function subscribe(
  postId: number | "any",
  listener: ((event: ThreadEvent) => void) | ((event: LiveEvent) => void),
): Promise<() => void> {
  await listenAcrossInstances();
  const name = postId === "any" ? "any" : `post:${postId}`;
  bus.emitter.on(name, listener);
  return () => bus.emitter.off(name, listener);
}

/** How many live readers this instance holds (for tests and the health page). */
export function liveListenerCount(): number {
  return bus.emitter
    .eventNames()
    .reduce((n, name) => n + (name === "any" || name === "shutdown" ? 0 : bus.emitter.listenerCount(name)), 0);
}

/** Closes the LISTEN connection for good, so a command (an import) that heard events can end. */
export async function stopListening() {
  bus.stopped = true;
  const client = bus.client;
  bus.client = null;
  bus.listening = null;
  await client?.end().catch(() => undefined);
}

/** Ends this instance's live streams (at shutdown): their browsers reconnect elsewhere or later. */
export function endLiveStreams() {
  bus.emitter.emit("shutdown");
}

/** Calls `listener` when this instance ends its live streams; returns the unsubscribe. */
export function onShutdown(listener: () => void): () => void {
  bus.emitter.once("shutdown", listener);
  return () => bus.emitter.off("shutdown", listener);
}
