import { describe, expect, it } from "vitest";
import { PAGE_CACHE_MAX_ENTRIES, PAGE_TTL_MS, PageCache, tagsFor } from "~/lib/page-cache.server";

const page = (text: string, tags: string[]) => ({ status: 200, headers: [["content-type", "text/html"]] as [string, string][], body: Buffer.from(text), tags });

describe("the page cache", () => {
  it("serves only readers without a session or browser key, and only reads", () => {
    expect(PageCache.cacheable("GET", undefined, undefined)).toBe(true);
    expect(PageCache.cacheable("GET", "theme=dark", undefined)).toBe(true);
    expect(PageCache.cacheable("GET", "picket_voice=abc", undefined)).toBe(false);
    expect(PageCache.cacheable("GET", "x=1; picket_session=abc", undefined)).toBe(false);
    expect(PageCache.cacheable("POST", undefined, undefined)).toBe(false);
    expect(PageCache.cacheable("GET", undefined, "Basic eDp5")).toBe(false);
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
    const a = cache.set("/x", page("same", []), now);
    const b = cache.set("/y", page("same", []), now);
    const c = cache.set("/z", page("different", []), now);
    expect(a.etag).toMatch(/^"[\w-]+"$/);
    expect(a.etag).toBe(b.etag);
    expect(a.etag).not.toBe(c.etag);
    expect(cache.get("/x", now + PAGE_TTL_MS - 1)).not.toBeNull();
    expect(cache.get("/x", now + PAGE_TTL_MS + 1)).toBeNull();
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
