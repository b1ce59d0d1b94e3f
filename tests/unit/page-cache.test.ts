// The page cache's rules, through its middleware on a real HTTP server: what is kept, what a
// change does to it, and who makes a page while others read the one before.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CACHE_TAGS_HEADER, PageCache } from "~/lib/page-cache.server";

type Made = { body: string; tags?: string; status?: number; hold?: Promise<void> };

/** A server whose pages are made by `make` (as Remix would) behind the cache's middleware. */
async function serve(cache: PageCache, make: (url: string) => Made) {
  let renders = 0;
  const middleware = cache.middleware();
  const server = http.createServer((req, res) => {
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a failed render is an unhandled rejection, which fails the test run
    middleware(req, res, async () => {
      renders++;
      const made = make(req.url ?? "/");
      await made.hold;
      const headers = new Headers({ "content-type": "text/html" });
      if (made.tags) headers.set(CACHE_TAGS_HEADER, made.tags);
      const status = made.status ?? 200;
      cache.store(req.url ?? "/", status, headers, Buffer.from(made.body));
      res.writeHead(status, Object.fromEntries(headers)).end(made.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, { headers });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  return { get, renders: () => renders };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe("the page cache", () => {
  it("keeps pages whose route names what they show, and only those", async () => {
    const cache = new PageCache();
    let n = 0;
    const site = await serve(cache, (url) => ({
      body: `${url} #${++n}`,
      tags: url === "/personal" ? undefined : "home",
    }));
    expect((await site.get("/")).text).toBe("/ #1");
    expect((await site.get("/")).text).toBe("/ #1");
    expect((await site.get("/personal")).text).toBe("/personal #2");
    expect((await site.get("/personal")).text).toBe("/personal #3");
    expect(site.renders()).toBe(3);
  });

  it("answers readers with a session or voice cookie from the cache as every other reader", async () => {
    const cache = new PageCache();
    let n = 0;
    const site = await serve(cache, () => ({ body: `page #${++n}`, tags: "home" }));
    await site.get("/", { cookie: "picket_voice=abc" });
    expect((await site.get("/", { cookie: "picket_session=def" })).text).toBe("page #1");
    expect((await site.get("/")).text).toBe("page #1");
    // A request with credentials of its own is never answered from it.
    expect((await site.get("/", { authorization: "Basic eDp5" })).text).toBe("page #2");
  });

  it("answers the page before a change while one reader makes the new one", async () => {
    const cache = new PageCache({ remakeMs: 0 });
    let version = "before";
    let release = () => {};
    let hold: Promise<void> | undefined = undefined;
    const site = await serve(cache, () => ({ body: version, tags: "post:1", hold }));
    await site.get("/posts/a");
    version = "after";
    hold = new Promise((resolve) => (release = resolve));
    cache.invalidate("post:1");
    const maker = site.get("/posts/a");
    await expect.poll(() => site.renders()).toBe(2);
    // While it is being made, everyone else gets the page before it, at once.
    const others = await Promise.all([site.get("/posts/a"), site.get("/posts/a")]);
    expect(others.map((o) => o.text)).toEqual(["before", "before"]);
    release();
    expect((await maker).text).toBe("after");
    expect((await site.get("/posts/a")).text).toBe("after");
    expect(site.renders()).toBe(2);
  });

  it("has gzip readers of a page just made wait for its gzip: never the version before, never uncompressed", async () => {
    let release = () => {};
    let held: Promise<void> = Promise.resolve();
    class SlowGzip extends PageCache {
      override async gzip(...args: Parameters<PageCache["gzip"]>) {
        await held;
        return super.gzip(...args);
      }
    }
    const cache = new SlowGzip({ remakeMs: 0 });
    let version = "version one ".repeat(50);
    const site = await serve(cache, () => ({ body: version, tags: "post:1" }));
    const gzip = { "accept-encoding": "gzip" };
    const plain = { "accept-encoding": "identity" };
    await site.get("/posts/a", plain);
    const first = await site.get("/posts/a", gzip);
    expect([first.headers.get("content-encoding"), first.text]).toEqual(["gzip", version]);
    held = new Promise((resolve) => (release = resolve));
    version = "version two ".repeat(50);
    cache.invalidate("post:1");
    expect((await site.get("/posts/a", plain)).text).toBe(version);
    expect((await site.get("/posts/a", plain)).text).toBe(version);
    // Its gzip is held: gzip readers wait for it.
    let answered = false;
    const waiting = site.get("/posts/a", gzip).then((answer) => ((answered = true), answer));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    release();
    const second = await waiting;
    expect([second.headers.get("content-encoding"), second.text]).toEqual(["gzip", version]);
    expect(second.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(site.renders()).toBe(2);
  });

  it("keeps a page made while another change arrived, and makes it again on the next read", async () => {
    const cache = new PageCache({ remakeMs: 0 });
    let version = 1;
    let release = () => {};
    let hold: Promise<void> | undefined = new Promise((resolve) => (release = resolve));
    const site = await serve(cache, () => ({ body: `v${version}`, tags: "post:1", hold }));
    const first = site.get("/posts/a");
    await expect.poll(() => site.renders()).toBe(1);
    version = 2;
    cache.invalidate("post:1");
    release();
    expect((await first).text).toBe("v1");
    hold = undefined;
    // Kept (newer than nothing), but stale: the next reader makes it again.
    expect((await site.get("/posts/a")).text).toBe("v2");
    expect((await site.get("/posts/a")).text).toBe("v2");
    expect(site.renders()).toBe(2);
  });

  it("makes a page once for a crowd asking for it after it aged out; they all wait for it", async () => {
    const cache = new PageCache({ ttlMs: 1000 });
    let version = 1;
    const site = await serve(cache, () => ({
      body: `v${version}`,
      tags: "post:1",
      hold: new Promise((resolve) => setTimeout(resolve, 30)),
    }));
    await site.get("/posts/a");
    version = 2;
    // Twice the lifetime: no longer answered at all.
    await new Promise((resolve) => setTimeout(resolve, 2010));
    const crowd = await Promise.all(Array.from({ length: 8 }, () => site.get("/posts/a")));
    expect(crowd.map((c) => c.text)).toEqual(Array(8).fill("v2"));
    expect(site.renders()).toBe(2);
  });

  it("lets a crowd through at once to an address whose answer is never kept (a live stream, an error)", async () => {
    const cache = new PageCache();
    const site = await serve(cache, () => ({
      body: "not found",
      status: 404,
      tags: "home",
      hold: new Promise((resolve) => setTimeout(resolve, 20)),
    }));
    const crowd = await Promise.all(Array.from({ length: 5 }, () => site.get("/missing")));
    expect(crowd.map((c) => c.status)).toEqual([404, 404, 404, 404, 404]);
    expect(site.renders()).toBe(5);
  });

  it("answers If-None-Match with 304, and gives each page its validator", async () => {
    const cache = new PageCache();
    const site = await serve(cache, () => ({ body: "same bytes", tags: "home" }));
    await site.get("/");
    const cached = await site.get("/");
    const etag = cached.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await site.get("/", { "if-none-match": etag })).status).toBe(304);
  });

  it("makes a page that keeps changing again at most every remakeMs; readers in between get the one before", async () => {
    const cache = new PageCache({ remakeMs: 300 });
    let version = 1;
    const site = await serve(cache, () => ({ body: `v${version}`, tags: "post:1" }));
    expect((await site.get("/posts/a")).text).toBe("v1");
    version = 2;
    cache.invalidate("post:1");
    expect((await site.get("/posts/a")).text).toBe("v1");
    expect(site.renders()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await site.get("/posts/a")).text).toBe("v2");
    expect(site.renders()).toBe(2);
  });

  it("gives a writer (the picket_wrote cookie) a page made after their change, and keeps it for everyone", async () => {
    const cache = new PageCache({ remakeMs: 60_000 });
    let version = "before";
    const site = await serve(cache, () => ({ body: version, tags: "post:1" }));
    await site.get("/posts/a");
    version = "after";
    cache.invalidate("post:1");
    const writer = { cookie: "picket_voice=abc; picket_wrote=1" };
    expect((await site.get("/posts/a", writer)).text).toBe("after");
    expect((await site.get("/posts/a")).text).toBe("after");
    expect((await site.get("/posts/a", writer)).text).toBe("after");
    expect(site.renders()).toBe(2);
  });

  it("has a writer wait past a making that began before their change", async () => {
    const cache = new PageCache({ remakeMs: 60_000 });
    let version = "first";
    let release = () => {};
    let hold: Promise<void> | undefined = new Promise((resolve) => (release = resolve));
    const site = await serve(cache, () => ({ body: version, tags: "post:1", hold }));
    const early = site.get("/posts/a");
    await expect.poll(() => site.renders()).toBe(1);
    version = "theirs";
    cache.invalidate("post:1");
    const writer = site.get("/posts/a", { cookie: "picket_wrote=1" });
    hold = undefined;
    release();
    expect((await early).text).toBe("first");
    expect((await writer).text).toBe("theirs");
    expect(site.renders()).toBe(2);
  });
});
