// The page cache (decision 013): whole pages that are the same for every reader, kept in
// memory and answered before the rest of the server runs. A route opts in by naming what its
// page shows in an `X-Picket-Cache` header ("post:12 home"); entry.server stores what it
// renders for such a route, and every change sends an event (app/lib/live.server.ts) that marks
// the pages showing it stale, on every instance. A stale page is still answered while one
// reader has it made again, so a thread that changes many times a second is never made by
// more than one request at a time, and no finished render is thrown away. A page that keeps
// changing is made again at most every `remakeMs` (decision 021): its readers share each
// render, and a writer (the `picket_wrote` cookie) gets a page made after their change.
// Switched off with PICKET_PAGE_CACHE=0; the pages are then made for every request.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import accepts from "accepts";
import onHeaders from "on-headers";
import { subscribe, type ThreadEvent } from "./live.server";
import { PAGE_REMAKE_MS, settings } from "~/env.server";

/** How long a page is answered without being made again, should an event be missed. */
export const PAGE_TTL_MS = 5 * 60_000;
/** Set on a writer's answer: for this long their reads of the thread wait for a page made after their change. */
export const WROTE_COOKIE = "picket_wrote";
const WROTE_COOKIE_SECONDS = 10;

/** The cookie for a writer's answer: it says only that this browser just changed the thread at `path`. */
export function wroteCookie(path: string) {
  return `${WROTE_COOKIE}=1; Path=${path}; Max-Age=${WROTE_COOKIE_SECONDS}; HttpOnly; SameSite=Lax${settings().secureCookies ? "; Secure" : ""}`;
}
export const PAGE_CACHE_MAX_ENTRIES = 500;
export const PAGE_CACHE_MAX_BYTES = 64 * 1024 * 1024;
export const CACHE_TAGS_HEADER = "x-picket-cache";

/** Headers of a rendered page that are worked out again for each answer, or never kept. */
const UNKEPT_HEADERS = new Set([
  CACHE_TAGS_HEADER,
  "content-length",
  "content-encoding",
  "etag",
  "vary",
  "set-cookie",
  "date",
  "connection",
  "transfer-encoding",
  "content-security-policy",
]);

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  etag: string;
  tags: string[];
  storedAt: number;
  /** Something it shows changed since it was made: answered only until a newer one is made. */
  stale: boolean;
  /** The invalidation count, and the time, when its making began. */
  madeFrom: number;
  madeAt: number;
  /** The CSP source expressions of the page's inline scripts: the same bytes for everyone, so no nonce. */
  scriptHashes: string[];
  /** The body gzipped, once it has been (in the background after storing). */
  gzipped?: Buffer;
  /** Until then, the gzipping: readers who take gzip wait for it (off the main thread). */
  gzipping?: Promise<void>;
};

/** A render the cache waits for: which invalidations it saw, and who waits for it. */
type Render = { from: number; startedAt: number; done: Promise<void>; finish: () => void };

const WROTE = new RegExp(`(?:^|;)\\s*${WROTE_COOKIE}=`);
const SCRIPT_OPEN = Buffer.from("<script");
const SCRIPT_CLOSE = Buffer.from("</script>");

/**
 * The CSP source expressions ('sha256-…') of the inline scripts of an HTML page. Read in the
 * page's bytes: a big thread's page is megabytes, and its scripts are a few.
 */
export function inlineScriptHashes(html: Buffer): string[] {
  const hashes = new Set<string>();
  for (let at = html.indexOf(SCRIPT_OPEN); at !== -1; at = html.indexOf(SCRIPT_OPEN, at + 1)) {
    const tagEnd = html.indexOf(">", at);
    if (tagEnd === -1) break;
    const tag = html.toString("latin1", at, tagEnd + 1);
    if (!/^<script[\s>]/i.test(tag) || /\ssrc=/i.test(tag)) continue;
    const end = html.indexOf(SCRIPT_CLOSE, tagEnd);
    if (end === -1) break;
    hashes.add(
      `'sha256-${createHash("sha256")
        .update(html.subarray(tagEnd + 1, end))
        .digest("base64")}'`,
    );
    at = end;
  }
  return [...hashes];
}

const gzipAsync = promisify(gzip);
const GZIP_CHUNK_BYTES = 1024 * 1024;
const gzipEtagOf = (page: CachedPage) => `${page.etag.slice(0, -1)}-gz"`;

export class PageCache {
  private entries = new Map<string, CachedPage>();
  private rendering = new Map<string, Render>();
  /** Addresses stored at some time (bounded): only for those is a render worth waiting for. */
  private known = new Set<string>();
  private bytes = 0;
  /** Counts invalidations: a page made before one of its tags was invalidated is stored stale. */
  private epoch = 0;
  private invalidatedAt = new Map<string, number>();
  private clearedAt = 0;
  hits = 0;
  misses = 0;

  private readonly ttlMs: number;
  private readonly remakeMs: number;

  constructor({ ttlMs = PAGE_TTL_MS, remakeMs = PAGE_REMAKE_MS }: { ttlMs?: number; remakeMs?: number } = {}) {
    this.ttlMs = ttlMs;
    this.remakeMs = remakeMs;
  }

  /**
   * Whether a request may be answered from (and stored in) the cache: any read, cookies or not.
   * Only pages their routes mark are kept, and those routes never read who is asking (decision 016).
   */
  cacheable(method: string | undefined, authorization: string | undefined) {
    return (method === "GET" || method === "HEAD") && !authorization;
  }

  /** The stored page, if it is not too old to answer at all. */
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

  /** Whether a page can be answered without being made again. */
  isFresh(entry: CachedPage, now = Date.now()) {
    return !entry.stale && now - entry.storedAt <= this.ttlMs;
  }

  /** A page that changed, made too recently to be made again yet: answered as it is. */
  private remadeLately(entry: CachedPage, now = Date.now()) {
    return now - entry.madeAt < this.remakeMs;
  }

  /**
   * Express-style middleware: answers from the cache, or lets the request through to be made
   * (and stored by `store`). While a page is being made, others asking for it get the version
   * before it, or wait for it when there is none.
   */
  middleware() {
    return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
      if (!this.cacheable(req.method, req.headers.authorization)) return next();
      const key = req.url ?? "/";
      if (WROTE.test(req.headers.cookie ?? "")) return this.madeSince(this.epoch, key, req, res, next);
      const page = this.get(key);
      const render = this.rendering.get(key);
      if (page && (this.isFresh(page) || render || this.remadeLately(page))) return this.send(req, res, page);
      if (!page && render && this.known.has(key)) {
        render.done.then(() => {
          const made = this.get(key);
          if (made) this.send(req, res, made);
          else this.renderFor(key, res, next);
        }, next);
        return;
      }
      this.renderFor(key, res, next);
    };
  }

  /** Answers with a page made after invalidation `since` (a writer's read): waits for it, or makes it. */
  private madeSince(
    since: number,
    key: string,
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) {
    const page = this.get(key);
    if (page && (!page.stale || page.madeFrom >= since)) return this.send(req, res, page);
    const render = this.rendering.get(key);
    if (render && (page || this.known.has(key))) {
      render.done.then(() => this.madeSince(since, key, req, res, next), next);
      return;
    }
    this.renderFor(key, res, next);
  }

  /** Lets a request through to be made; readers of the same page wait for it or get the one before. */
  private renderFor(key: string, res: ServerResponse, next: () => void) {
    if (!this.rendering.has(key)) {
      let finish = () => {};
      const done = new Promise<void>((resolve) => (finish = resolve));
      const render: Render = { from: this.epoch, startedAt: Date.now(), done, finish: () => {} };
      render.finish = () => {
        if (this.rendering.get(key) === render) this.rendering.delete(key);
        finish();
      };
      this.rendering.set(key, render);
      // Stored (or not) before its headers are written; a stream or a failure lets the others on.
      onHeaders(res, render.finish);
      res.once("close", render.finish);
    }
    next();
  }

  /**
   * Called with every page made (entry.server): keeps it when its route named what it shows
   * and the request was one the cache let through. Removes the cache's own header either way.
   */
  store(url: string, status: number, headers: Headers, body: Buffer, now = Date.now()) {
    const tags = headers.get(CACHE_TAGS_HEADER);
    headers.delete(CACHE_TAGS_HEADER);
    const key = url;
    const render = this.rendering.get(key);
    if (!render) return null;
    try {
      if (!tags || status !== 200 || headers.has("set-cookie")) return null;
      const tagList = tags.split(/\s+/).filter(Boolean);
      const kept: [string, string][] = [];
      headers.forEach((value, name) => {
        if (!UNKEPT_HEADERS.has(name)) kept.push([name, value]);
      });
      // Made before a change to what it shows: newer than what was kept, but stale already.
      const stale =
        this.clearedAt > render.from || tagList.some((tag) => (this.invalidatedAt.get(tag) ?? -1) > render.from);
      const entry: CachedPage = {
        status,
        headers: kept,
        body,
        tags: tagList,
        // The route's own validator, when it gave one, so its answers and the cache's agree.
        etag: headers.get("etag") ?? `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
        storedAt: now,
        stale,
        madeFrom: render.from,
        madeAt: render.startedAt,
        scriptHashes: /^text\/html/.test(headers.get("content-type") ?? "") ? inlineScriptHashes(body) : [],
      };
      this.delete(key);
      this.entries.set(key, entry);
      if (this.known.size >= 10 * PAGE_CACHE_MAX_ENTRIES) this.known.clear();
      this.known.add(key);
      this.bytes += body.length;
      this.evict();
      entry.gzipping = this.gzip(key, entry).catch((error: unknown) => console.error(error));
      return entry;
    } finally {
      render.finish();
    }
  }

  private evict() {
    while (this.entries.size > PAGE_CACHE_MAX_ENTRIES || this.bytes > PAGE_CACHE_MAX_BYTES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  /** The page gzipped for browsers that take it, made once per stored page, off the main thread. */
  async gzip(key: string, entry: CachedPage): Promise<void> {
    if (entry.gzipped) return;
    // In large chunks: each chunk waits for the main thread, which a moving thread keeps busy.
    // Copied, so the page does not keep the whole chunk its gzip was written into.
    const gzipped = Buffer.concat([await gzipAsync(entry.body, { chunkSize: GZIP_CHUNK_BYTES })]);
    // Kept (and counted against the cache's size) only while the page is still in it.
    if (this.entries.get(key) !== entry) return;
    entry.gzipped = gzipped;
    this.bytes += gzipped.length;
  }

  /** Marks stale every page that shows any of these things. */
  invalidate(...tags: string[]) {
    this.epoch++;
    for (const tag of tags) this.invalidatedAt.set(tag, this.epoch);
    for (const entry of this.entries.values()) if (entry.tags.some((t) => tags.includes(t))) entry.stale = true;
  }

  /** Marks every page stale (something every page may show changed). */
  clear() {
    this.epoch++;
    this.clearedAt = this.epoch;
    for (const entry of this.entries.values()) entry.stale = true;
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

  private send(req: IncomingMessage, res: ServerResponse, page: CachedPage) {
    const takesGzip = accepts(req).encodings("gzip", "identity") === "gzip";
    // A page just made is gzipped in tens of milliseconds: its gzip readers wait for that
    // rather than take megabytes, or the version before.
    if (takesGzip && !page.gzipped && page.gzipping) {
      void page.gzipping.then(() => this.answer(req, res, page, Boolean(page.gzipped)));
      return;
    }
    this.answer(req, res, page, takesGzip && Boolean(page.gzipped));
  }

  private answer(req: IncomingMessage, res: ServerResponse, page: CachedPage, gzipped: boolean) {
    const etag = gzipped ? gzipEtagOf(page) : page.etag;
    const ifNoneMatch = req.headers["if-none-match"];
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("ETag", etag);
    const lastModified = page.headers.find(([name]) => name === "last-modified")?.[1];
    const notModified = ifNoneMatch
      ? ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === page.etag || tag === gzipEtagOf(page))
      : Boolean(lastModified) && Date.parse(req.headers["if-modified-since"] ?? "") >= Date.parse(lastModified!);
    if (notModified) {
      // The browser reuses its copy, whose scripts its own policy allowed.
      res.removeHeader("Content-Security-Policy");
      res.writeHead(304).end();
      return;
    }
    for (const [name, value] of page.headers) res.setHeader(name, value);
    const csp = res.getHeader("Content-Security-Policy");
    if (typeof csp === "string") {
      const hashes = page.scriptHashes.join(" ");
      res.setHeader("Content-Security-Policy", csp.replace(/'nonce-[^']*'/, hashes || "").replace(/ {2,}/g, " "));
    }
    if (gzipped) res.setHeader("Content-Encoding", "gzip");
    const body = gzipped ? page.gzipped! : page.body;
    res.setHeader("Content-Length", String(body.length));
    res.writeHead(page.status);
    res.end(req.method === "HEAD" ? undefined : body);
  }
}

/** The tags a thread event touches: its post's pages, the home page (counts), the feeds and every search. */
export function tagsFor(event: ThreadEvent): string[] {
  return [`post:${event.postId}`, "home", "feeds", "tags", "search"];
}

const shared = globalThis as unknown as { picketPageCache?: Promise<PageCache> };

/** This instance's page cache, listening to every event of every instance. */
export function pageCache(options: { remakeMs?: number } = {}): Promise<PageCache> {
  shared.picketPageCache ??= (async () => {
    const cache = new PageCache(options);
    await subscribe("any", (event) => (event.kind === "site" ? cache.clear() : cache.invalidate(...tagsFor(event))));
    return cache;
  })();
  return shared.picketPageCache;
}

/** The cache when it was started (by the server entry), for storing what is made. */
export function startedPageCache(): Promise<PageCache> | null {
  return shared.picketPageCache ?? null;
}

const pathOf = (request: Request) => {
  const url = new URL(request.url);
  return url.pathname + url.search;
};

/** Stores a rendered document of `request` when the cache takes it (entry.server). */
export async function keepPage(request: Request, status: number, headers: Headers, body: Buffer) {
  (await startedPageCache())?.store(pathOf(request), status, headers, body);
}

/**
 * A response the cache may keep (router data, feeds): read whole and stored when its route
 * named what it shows. Returns the response to send.
 */
export async function keepResponse(request: Request, response: Response): Promise<Response> {
  const cache = await startedPageCache();
  if (!cache || response.status !== 200 || !response.headers.has(CACHE_TAGS_HEADER)) {
    response.headers.delete(CACHE_TAGS_HEADER);
    return response;
  }
  const headers = new Headers(response.headers);
  const body = Buffer.from(await response.arrayBuffer());
  cache.store(pathOf(request), response.status, headers, body);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
