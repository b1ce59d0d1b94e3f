// A cache of whole pages for readers without a session or a browser key: the crowd that
// refreshes a strike-night thread. Pages opt in by naming what they show in an
// `X-Picket-Cache` header ("post:12 home"); a thread event drops every page that shows
// that post, on every instance (events travel through the database), so nobody is served a
// comment after it was removed. Entries also age out after PAGE_TTL_MS, for what has no
// event (tag names, say).
import { createHash } from "node:crypto";
import { subscribe, type ThreadEvent } from "./live.server";

export const PAGE_TTL_MS = 30_000;
export const PAGE_CACHE_MAX_ENTRIES = 500;
export const PAGE_CACHE_MAX_BYTES = 64 * 1024 * 1024;
export const CACHE_TAGS_HEADER = "x-picket-cache";

/** Cookies that make a page personal: such requests are never served from the cache. */
const PERSONAL_COOKIES = /(?:^|;\s*)(picket_session|picket_voice)=/;

export type CachedPage = { status: number; headers: [string, string][]; body: Buffer; etag: string; tags: string[]; storedAt: number };

export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly ttlMs = PAGE_TTL_MS) {}

  /** Whether a request may be answered from (and stored in) the cache. */
  static cacheable(method: string, cookieHeader: string | undefined, authorization: string | undefined) {
    return (method === "GET" || method === "HEAD") && !authorization && !PERSONAL_COOKIES.test(cookieHeader ?? "");
  }

  get(key: string, now = Date.now()): CachedPage | null {
    const entry = this.entries.get(key);
    if (!entry || now - entry.storedAt > this.ttlMs) {
      if (entry) this.delete(key);
      this.misses++;
      return null;
    }
    // Most recently used last, so the oldest is evicted first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  set(key: string, page: Omit<CachedPage, "etag" | "storedAt">, now = Date.now()): CachedPage {
    this.delete(key);
    const entry = { ...page, etag: `"${createHash("sha256").update(page.body).digest("base64url").slice(0, 27)}"`, storedAt: now };
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > PAGE_CACHE_MAX_ENTRIES || this.bytes > PAGE_CACHE_MAX_BYTES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return entry;
  }

  /** Drops every page that shows any of these things. */
  invalidate(...tags: string[]) {
    for (const [key, entry] of this.entries) if (entry.tags.some((t) => tags.includes(t))) this.delete(key);
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length;
    this.entries.delete(key);
  }
}

/** The tags a thread event touches: its post's pages, the home page (counts) and the feeds. */
export function tagsFor(event: ThreadEvent): string[] {
  return [`post:${event.postId}`, "home", "feeds", "tags"];
}

let shared: Promise<PageCache> | undefined;

/** This instance's page cache, listening to every thread event (null when disabled). */
export function pageCache(): Promise<PageCache> | null {
  if (process.env.PICKET_PAGE_CACHE === "0") return null;
  shared ??= (async () => {
    const cache = new PageCache();
    await subscribe("any", (event) => (event.kind === "site" ? cache.clear() : cache.invalidate(...tagsFor(event))));
    return cache;
  })();
  return shared;
}
