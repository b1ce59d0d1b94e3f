import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { PAGE_CACHE_MAX_ENTRIES, PAGE_TTL_MS, PageCache, inlineScriptHashes, tagsFor } from "~/lib/page-cache.server";

const page = (text: string, tags: string[]) => ({ status: 200, headers: [["content-type", "text/html"]] as [string, string][], body: Buffer.from(text), tags });

describe("the page cache", () => {
  it("serves only readers without a session or browser key, and only reads", () => {
    const cache = new PageCache();
    expect(cache.cacheable("GET", undefined, undefined)).toBe(true);
    expect(cache.cacheable("GET", "theme=dark", undefined)).toBe(true);
    expect(cache.cacheable("GET", "picket_voice=abc", undefined)).toBe(false);
    expect(cache.cacheable("GET", "x=1; picket_session=abc", undefined)).toBe(false);
    expect(cache.cacheable("POST", undefined, undefined)).toBe(false);
    expect(cache.cacheable("GET", undefined, "Basic eDp5")).toBe(false);
  });

  it("drops every page showing a post when that post's thread changes, and nothing else", () => {
    const cache = new PageCache();
    cache.set("/posts/a", page("thread a", ["post:1"]));
    cache.set("/posts/a?page=2", page("thread a, page 2", ["post:1"]));
    cache.set("/posts/b", page("thread b", ["post:2"]));
    cache.set("/", page("home", ["home"]));
    cache.invalidate(...tagsFor({ postId: 1, commentId: 9, kind: "published" }));
    expect(cache.get("/posts/a")).toBeNull();
    expect(cache.get("/posts/a?page=2")).toBeNull();
    expect(cache.get("/")).toBeNull();
    expect(cache.get("/posts/b")?.body.toString()).toBe("thread b");
  });

  it("gives each page a strong ETag from its bytes, and ages entries out", () => {
    const cache = new PageCache();
    const now = 1_000_000;
    const a = cache.set("/x", page("same", []), now)!;
    const b = cache.set("/y", page("same", []), now)!;
    const c = cache.set("/z", page("different", []), now)!;
    expect(a.etag).toMatch(/^"[\w-]+"$/);
    expect(a.etag).toBe(b.etag);
    expect(a.etag).not.toBe(c.etag);
    expect(cache.isFresh(cache.get("/x", now + PAGE_TTL_MS - 1)!, now + PAGE_TTL_MS - 1)).toBe(true);
    // Grown old: still given (to answer the crowd while one reader renders it again), not fresh.
    expect(cache.isFresh(cache.get("/x", now + PAGE_TTL_MS + 1)!, now + PAGE_TTL_MS + 1)).toBe(false);
    expect(cache.get("/x", now + 2 * PAGE_TTL_MS + 1)).toBeNull();
  });

  it("evicts the least recently used page beyond its size", () => {
    const cache = new PageCache();
    for (let i = 0; i < PAGE_CACHE_MAX_ENTRIES; i++) cache.set(`/p${i}`, page(`p${i}`, []));
    cache.get("/p0");
    cache.set("/one-more", page("x", []));
    expect(cache.size).toBe(PAGE_CACHE_MAX_ENTRIES);
    expect(cache.get("/p0")).not.toBeNull();
    expect(cache.get("/p1")).toBeNull();
  });
});

describe("pages rendered while what they show changes", () => {
  it("are not stored: the page may show a comment removed meanwhile", () => {
    const cache = new PageCache();
    const renderedFrom = cache.currentEpoch;
    cache.invalidate(...tagsFor({ postId: 1, commentId: 9, kind: "changed" }));
    expect(cache.set("/posts/a", page("thread a, before the removal", ["post:1"]), Date.now(), renderedFrom)).toBeNull();
    expect(cache.get("/posts/a")).toBeNull();
    // A page of another thread rendered over the same time is stored.
    expect(cache.set("/posts/b", page("thread b", ["post:2"]), Date.now(), renderedFrom)).not.toBeNull();
    // And the same page rendered after the removal is.
    expect(cache.set("/posts/a", page("thread a", ["post:1"]), Date.now(), cache.currentEpoch)).not.toBeNull();
  });

  it("are not stored after the whole cache was cleared (a site-wide change)", () => {
    const cache = new PageCache();
    const renderedFrom = cache.currentEpoch;
    cache.clear();
    expect(cache.set("/posts/b", page("thread b", ["post:2"]), Date.now(), renderedFrom)).toBeNull();
  });
});

describe("a cached page's inline scripts", () => {
  it("are allowed by their SHA-256, and scripts with a src are left to 'self'", () => {
    const html = `<html><script nonce="abc">window.x = 1;</script><script src="/build/a.js"></script><script type="module" async="">import "/build/b.js";</script></html>`;
    const cache = new PageCache();
    const entry = cache.set("/x", page(html, []))!;
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(entry.scriptHashes).toEqual([sha("window.x = 1;"), sha('import "/build/b.js";')]);
    expect(inlineScriptHashes(Buffer.from("<p>no scripts</p>"))).toEqual([]);
  });

  it("are gzipped once, and the gzip is dropped with the page", async () => {
    const cache = new PageCache();
    const entry = cache.set("/x", page("<p>hello</p>".repeat(100), ["post:1"]))!;
    await cache.gzip("/x", entry);
    expect(gunzipSync(entry.gzipped!).toString()).toBe("<p>hello</p>".repeat(100));
    const gone = cache.set("/y", page("<p>bye</p>", ["post:2"]))!;
    cache.invalidate("post:2");
    await cache.gzip("/y", gone);
    expect(gone.gzipped).toBeUndefined();
  });
});
