// Live thread events: "a comment was published on post N". Every app instance hears every
// event: within a process through an emitter, across instances through PostgreSQL's
// LISTEN/NOTIFY (an SQLite forum has one process, so the emitter is enough). Events carry
// ids only, never anything about who wrote.
import { EventEmitter } from "node:events";
import pg from "pg";
import { databaseProvider, notifyInstances } from "./db.server";
import { databaseTarget } from "./database-url.server";

/**
 * "published": a comment appeared; "changed": one was edited, deleted or moderated; "post":
 * the post itself changed; "site": something site-wide changed (the glossary, which every page
 * shows, or the moderation rules and the bans in force, which app/lib/site-cache.server.ts
 * keeps in memory).
 */
export type ThreadEvent = { postId: number; commentId: number; kind: "published" | "changed" | "post" | "site" };

const CHANNEL = "picket_thread_events";
const INSTANCE = `${process.pid}-${Math.random().toString(36).slice(2)}`;

type Bus = { emitter: EventEmitter; listening: Promise<void> | null; heardBefore: boolean };
// Shared through globalThis: the server build and tests may load this module twice.
const globalBus = globalThis as unknown as { picketLive?: Bus };
const bus: Bus = (globalBus.picketLive ??= { emitter: new EventEmitter().setMaxListeners(0), listening: null, heardBefore: false });

function deliver(event: ThreadEvent) {
  bus.emitter.emit(`post:${event.postId}`, event);
  bus.emitter.emit("any", event);
}

/** After a dropped LISTEN connection: tries again every second until it is back. */
function listenAgainSoon() {
  setTimeout(() => void listenAcrossInstances().catch(listenAgainSoon), 1000).unref();
}

// One LISTEN connection per instance; made again after it drops.
function listenAcrossInstances(): Promise<void> {
  if (databaseProvider !== "postgresql") return Promise.resolve();
  bus.listening ??= (async () => {
    const target = databaseTarget();
    // Kept alive, so a connection silently gone (a dead network path) is noticed and made again.
    const client = new pg.Client({ connectionString: target.url, keepAlive: true });
    client.on("notification", (message) => {
      try {
        const { from, event } = JSON.parse(message.payload ?? "{}") as { from: string; event: ThreadEvent };
        if (from !== INSTANCE) deliver(event);
      } catch {
        // Not ours; ignore.
      }
    });
    client.on("error", () => {
      bus.listening = null;
      void client.end().catch(() => undefined);
      listenAgainSoon();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    // The events other instances sent while this one could not hear them are lost: what it
    // kept from before (cached pages, rules, bans) is dropped, as a "site" event drops it.
    if (bus.heardBefore) deliver({ postId: 0, commentId: 0, kind: "site" });
    bus.heardBefore = true;
  })().catch((error) => {
    bus.listening = null;
    throw error;
  });
  return bus.listening;
}

/** Tells every reader of a thread, on every instance, that a comment appeared or changed. */
export async function publishThreadEvent(event: ThreadEvent) {
  deliver(event);
  if (databaseProvider === "postgresql") await notifyInstances(CHANNEL, JSON.stringify({ from: INSTANCE, event }));
}

/** Calls `listener` for each event of one post (or of all posts); returns the unsubscribe. */
export async function subscribe(postId: number | "any", listener: (event: ThreadEvent) => void): Promise<() => void> {
  await listenAcrossInstances();
  const name = postId === "any" ? "any" : `post:${postId}`;
  bus.emitter.on(name, listener);
  return () => bus.emitter.off(name, listener);
}

/** How many live readers this instance holds (for tests and the health page). */
export function liveListenerCount(): number {
  return bus.emitter.eventNames().reduce((n, name) => n + (name === "any" || name === "shutdown" ? 0 : bus.emitter.listenerCount(name)), 0);
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
