// A cache of whole pages for readers without a session or a browser key: the crowd that
// refreshes a strike-night thread. Pages opt in by naming what they show in an
// `X-Picket-Cache` header ("post:12 home"); a thread event drops every page that shows
// that post, on every instance (events travel through the database), so nobody is served a
// comment after it was removed. Every change a cached page shows sends an event, and an
// instance that could not hear events for a while drops every page when it hears them again
// (app/lib/live.server.ts); PAGE_TTL_MS is only the backstop. A page older than that is
// rendered again by one reader while the others are still answered with it. (Rendering a
// 1,000-comment thread holds the server for 50–100 ms: with a 30 s TTL a crowd reading an
// unchanged thread had its slowest answers made by these renders.)
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { subscribe, type ThreadEvent } from "./live.server";
import { settings } from "~/env.server";

export const PAGE_TTL_MS = 5 * 60_000;
export const PAGE_CACHE_MAX_ENTRIES = 500;
export const PAGE_CACHE_MAX_BYTES = 64 * 1024 * 1024;
export const CACHE_TAGS_HEADER = "x-picket-cache";

/** Cookies that make a page personal: such requests are never served from the cache. */
const PERSONAL_COOKIES = /(?:^|;\s*)(picket_session|picket_voice)=/;

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  etag: string;
  tags: string[];
  storedAt: number;
  /** The SHA-256 hashes of the page's inline scripts, for its Content-Security-Policy (the body never changes, so no nonce). */
  scriptHashes: string[];
  /** The body gzipped, once it has been (in the background after storing). */
  gzipped?: Buffer;
};

/** The CSP source expressions ('sha256-…') of the inline scripts of an HTML page. */
export function inlineScriptHashes(html: Buffer): string[] {
  const hashes = new Set<string>();
  for (const match of html.toString("utf8").matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc=/i.test(match[0].slice(0, match[0].indexOf(">")))) continue;
    hashes.add(`'sha256-${createHash("sha256").update(match[1], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

const gzipAsync = promisify(gzip);

export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  /** Counts invalidations; a page rendered before one of its tags was invalidated is not stored. */
  private epoch = 0;
  private invalidatedAt = new Map<string, number>();
  private clearedAt = 0;
  /** Addresses of pages stored at some time (bounded): a crowd asking for one again waits for one render. */
  private known = new Set<string>();
  hits = 0;
  misses = 0;

  /** Where invalidations stand now: take it before reading what a page will show. */
  get currentEpoch() {
    return this.epoch;
  }

  constructor(private readonly ttlMs = PAGE_TTL_MS) {}

  /** Whether a request may be answered from (and stored in) the cache. */
  cacheable(method: string, cookieHeader: string | undefined, authorization: string | undefined) {
    return (method === "GET" || method === "HEAD") && !authorization && !PERSONAL_COOKIES.test(cookieHeader ?? "");
  }

  /**
   * The stored page, if any. A page older than the TTL is still given for another TTL (check
   * `isFresh`): one reader renders it again while the others are answered with it, so a
   * crowd never waits for a page merely growing old. Invalidated pages are gone at once.
   */
  get(key: string, now = Date.now()): CachedPage | null {
    const entry = this.entries.get(key);
    if (!entry || now - entry.storedAt > 2 * this.ttlMs) {
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

  /** Whether a page was stored under this address before (so it is worth waiting for). */
  knows(key: string) {
    return this.known.has(key);
  }

  /** Whether a page is young enough to be served without rendering it again. */
  isFresh(entry: CachedPage, now = Date.now()) {
    return now - entry.storedAt <= this.ttlMs;
  }

  /**
   * Stores a page, unless something it shows changed since `renderedFrom` (the epoch taken
   * before it was rendered): it may then show a comment removed in the meantime. Returns the
   * entry, or null when it was not stored.
   */
  set(key: string, page: Omit<CachedPage, "etag" | "storedAt" | "scriptHashes" | "gzipped">, now = Date.now(), renderedFrom = this.epoch): CachedPage | null {
    this.delete(key);
    if (this.known.size >= 10 * PAGE_CACHE_MAX_ENTRIES) this.known.clear();
    this.known.add(key);
    if (this.clearedAt > renderedFrom || page.tags.some((tag) => (this.invalidatedAt.get(tag) ?? -1) > renderedFrom)) return null;
    const entry: CachedPage = { ...page, etag: `"${createHash("sha256").update(page.body).digest("base64url").slice(0, 27)}"`, storedAt: now, scriptHashes: inlineScriptHashes(page.body) };
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > PAGE_CACHE_MAX_ENTRIES || this.bytes > PAGE_CACHE_MAX_BYTES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return entry;
  }

  /** The page gzipped for browsers that take it, made once per stored page, off the main thread. */
  async gzip(key: string, entry: CachedPage): Promise<void> {
    if (entry.gzipped) return;
    const gzipped = await gzipAsync(entry.body);
    // Kept (and counted against the cache's size) only while the page is still in it.
    if (this.entries.get(key) !== entry) return;
    entry.gzipped = gzipped;
    this.bytes += gzipped.length;
  }

  /** Drops every page that shows any of these things. */
  invalidate(...tags: string[]) {
    this.epoch++;
    for (const tag of tags) this.invalidatedAt.set(tag, this.epoch);
    for (const [key, entry] of this.entries) if (entry.tags.some((t) => tags.includes(t))) this.delete(key);
  }

  clear() {
    this.epoch++;
    this.clearedAt = this.epoch;
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length + (entry.gzipped?.length ?? 0);
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
  if (!settings().pageCache) return null;
  shared ??= (async () => {
    const cache = new PageCache();
    await subscribe("any", (event) => (event.kind === "site" ? cache.clear() : cache.invalidate(...tagsFor(event))));
    return cache;
  })();
  return shared;
}
