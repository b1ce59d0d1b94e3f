// Values that nearly every write reads and admins or moderators rarely change (the moderation
// rules, the glossary, the bans in force), kept in memory instead of read on each request.
// Whoever changes one publishes a "site" event, which every instance hears
// (app/lib/live.server.ts) and which drops every such value at once; SITE_CACHE_MAX_AGE_MS
// bounds how stale a value can be should an instance miss the event (while its LISTEN
// connection is being re-made). A value about posts (how many are published) is also dropped
// by every "post" event, which each change of a post sends.
import { subscribe, type LiveEvent } from "./live.server";

export const SITE_CACHE_MAX_AGE_MS = 10_000;

type Entry<T> = { value: Promise<T>; generation: number; postGeneration: number; loadedAt: number };

let generation = 0;
let postGeneration = 0;
let listening: Promise<void> | null = null;

function onEvent(event: LiveEvent) {
  if (event.kind === "site") generation++;
  else if (event.kind === "post") postGeneration++;
}

/** Hears every instance's events before anything is cached; null when that is impossible. */
function listen(): Promise<void> {
  listening ??= subscribe("any", onEvent).then(
    () => undefined,
    (error: unknown) => {
      listening = null;
      throw error;
    },
  );
  return listening;
}

/**
 * A value loaded by `load`, shared by the requests of this instance until a "site" event (or,
 * with `droppedByPosts`, a "post" event) or `maxAgeMs`; `.reload()` loads it afresh at once.
 * Without the event stream (it could not be joined) every call loads afresh.
 */
export function siteCached<T>(
  load: () => Promise<T>,
  { maxAgeMs = SITE_CACHE_MAX_AGE_MS, droppedByPosts = false } = {},
): { (): Promise<T>; reload: () => Promise<T> } {
  let entry: Entry<T> | null = null;
  const fetch = (now: number) => {
    // Stamped with the generations it started in: an event during the load makes it stale at once.
    const loading: Entry<T> = { value: load(), generation, postGeneration, loadedAt: now };
    entry = loading;
    loading.value.catch(() => {
      if (entry === loading) entry = null;
    });
    return loading.value;
  };
  const get = async (): Promise<T> => {
    try {
      await listen();
    } catch {
      return load();
    }
    const now = Date.now();
    if (
      entry &&
      entry.generation === generation &&
      (!droppedByPosts || entry.postGeneration === postGeneration) &&
      now - entry.loadedAt < maxAgeMs
    )
      return entry.value;
    return fetch(now);
  };
  return Object.assign(get, { reload: () => fetch(Date.now()) });
}
