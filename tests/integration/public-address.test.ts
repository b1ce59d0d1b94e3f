// Links that leave the site (feeds, the private replies feed) name the forum's configured
// address, PICKET_PUBLIC_URL: never the Host a request claims, which anyone can set and which
// the page cache would then serve to every reader.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { createTag } from "~/models/tags.server";
import { makeComment, makePost } from "../factories";
import { useEnvironment } from "../environment";
import { startServerProcess } from "../server-process";
import { TestBrowser, useApp } from "./http";

const base = useApp();
const setEnvironment = useEnvironment();

/** A request with headers fetch() will not send as given (Host), and no cookie. */
function rawRequest(
  target: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(target, base());
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers,
        setHost: !Object.keys(headers).some((h) => h.toLowerCase() === "host"),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Every absolute address in a feed or page: links, ids, in-reply-to references. */
function absoluteAddresses(text: string): string[] {
  return [...text.matchAll(/(?:href|ref)="(https?:[^"]*)"|<id>(https?:[^<]*)<\/id>/g)].map((m) => m[1] ?? m[2]);
}

let glossary: Promise<unknown> | undefined;

/** A post with a thread, on the tag "walkout". */
async function aForum() {
  await (glossary ??= createTag({ name: "walkout", description: "Leaving work together.", patterns: "walkout" }));
  const post = await makePost({ title: `Host header ${Date.now()}`, body: "About the **walkout** ballot." });
  const first = await makeComment({ postId: post.id, body: "The walkout is on." });
  await makeComment({ postId: post.id, parentId: first.id, body: "A reply about the walkout." });
  return post;
}

const HOSTILE_HOSTS: Record<string, string>[] = [
  { host: "evil.example" },
  { host: "evil.example:8443" },
  { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
];

describe("feeds and pages", () => {
  it("name the forum's own address whatever Host a request claims, and keep naming it for the next reader", async () => {
    const configurations: [Record<string, string>, string][] = [
      [{ PICKET_PUBLIC_URL: "", PORT: "8080" }, "http://localhost:8080"],
      [{ PICKET_PUBLIC_URL: "https://branch.example.org/" }, "https://branch.example.org"],
    ];
    for (const [environment, origin] of configurations) {
      setEnvironment(environment);
      // A new thread: the page cache lets go of the feeds and pages it kept.
      const post = await aForum();
      for (const feed of [
        "/feeds/posts.atom",
        "/feeds/comments.atom",
        `/posts/${post.slug}/comments.atom`,
        "/tags/walkout.atom",
      ]) {
        for (const headers of HOSTILE_HOSTS) {
          const poisoned = await rawRequest(feed, { headers });
          expect(poisoned.status, feed).toBe(200);
          expect(poisoned.text, `${feed} ${JSON.stringify(headers)}`).not.toContain("evil.example");
          const addresses = absoluteAddresses(poisoned.text);
          expect(addresses.length, feed).toBeGreaterThan(2);
          for (const address of addresses) expect(new URL(address).origin, `${feed}: ${address}`).toBe(origin);
        }
        // The next reader, asking plainly, gets the same (maybe from the page cache).
        const text = await (await fetch(base() + feed)).text();
        expect(text, feed).not.toContain("evil.example");
        expect(text).toContain(`href="${origin}${feed}"`);
      }
      // Pages link within the site only, whatever Host they were asked for with.
      for (const page of ["/", `/posts/${post.slug}`, "/tags/walkout", "/tags", "/modlog"]) {
        for (const headers of HOSTILE_HOSTS) {
          const poisoned = await rawRequest(page, { headers });
          expect(poisoned.status, page).toBe(200);
          expect(poisoned.text, page).not.toContain("evil.example");
        }
        expect(await (await fetch(base() + page)).text(), page).not.toContain("evil.example");
      }
    }
  });
});

describe("a private replies feed", () => {
  it("is given out at the configured address", async () => {
    setEnvironment({ PICKET_PUBLIC_URL: "https://branch.example.org" });
    const post = await aForum();
    const writer = new TestBrowser(base);
    expect(
      (await writer.post(`/posts/${post.slug}`, { intent: "comment", body: "Mine, to be replied to." })).status,
    ).toBe(303);
    const cookie = [...writer.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const answer = await rawRequest("/me/replies?_data=routes/me.replies", {
      method: "POST",
      headers: { host: "evil.example", cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=create-feed",
    });
    expect(answer.status).toBe(200);
    const { feedUrl } = JSON.parse(answer.text) as { feedUrl: string };
    expect(new URL(feedUrl).origin).toBe("https://branch.example.org");
  });
});

describe("starting in production without PICKET_PUBLIC_URL", () => {
  it("prints a warning that names the variable; with it set, none", async () => {
    const start = async (env: Record<string, string>) => {
      const server = await startServerProcess({ env });
      server.child.kill("SIGTERM");
      await server.exited;
      return server.output();
    };
    const unset = await start({ PICKET_PUBLIC_URL: "" });
    expect(unset).toMatch(
      /Warning: PICKET_PUBLIC_URL is not set, so feeds and links to this forum name http:\/\/localhost:/,
    );
    const given = await start({ PICKET_PUBLIC_URL: "https://branch.example.org" });
    expect(given).not.toContain("PICKET_PUBLIC_URL");
  });
});
