import { createHash } from "node:crypto";
// The web-security rules of server.ts, over HTTP: security headers and a fresh CSP nonce on
// every response, nothing loaded from another site, writes refused from other sites, request
// bodies bounded.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { resetSettings } from "~/env.server";
import { db } from "~/lib/db.server";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, startApp, useApp } from "./http";

const base = useApp();
const origin = () => new URL(base()).origin;

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * How a response's Content-Security-Policy allows inline scripts, after checking its other
 * rules: a fresh page by its own nonce, a page from the cache (the same bytes for everyone) by
 * the hashes of its scripts.
 */
function checkedPolicy(response: Response): { nonce?: string; hashes: string[] } {
  const csp = response.headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("form-action")).toEqual(["'self'"]);
  for (const name of ["img-src", "style-src", "connect-src"]) expect(directives.get(name)).toEqual(["'self'"]);
  const scripts = directives.get("script-src") ?? [];
  expect(scripts[0]).toBe("'self'");
  const nonce = scripts.map((s) => /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(s)?.[1]).find(Boolean);
  const hashes = scripts.filter((s) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(s));
  // Nothing else: no 'unsafe-inline', no 'unsafe-eval', no other host.
  expect(scripts.length, csp).toBe(1 + (nonce ? 1 : 0) + hashes.length);
  expect(Boolean(nonce) && hashes.length > 0, "a nonce or hashes, not both").toBe(false);
  return { nonce, hashes };
}

function expectSecurityHeaders(response: Response) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(response.headers.get(name), `${name} on ${response.url}`).toBe(value);
  const permissions = response.headers.get("permissions-policy") ?? "";
  for (const feature of ["interest-cohort", "camera", "microphone", "geolocation"])
    expect(permissions).toContain(`${feature}=()`);
  return checkedPolicy(response);
}

/** Every <script> of a page is allowed by the policy, and there is at least one. */
function expectScriptsAllowed(html: string, policy: { nonce?: string; hashes: string[] }) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, text] of scripts) {
    if (policy.nonce) expect(attributes).toContain(`nonce="${policy.nonce}"`);
    else if (!/\ssrc=/.test(attributes))
      expect(policy.hashes).toContain(`'sha256-${createHash("sha256").update(text).digest("base64")}'`);
  }
}

/** Every address a page loads or links to, from attributes and from its inline module imports. */
function addressesIn(html: string) {
  const attributes = [...html.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
  const imports = [...html.matchAll(/\bimport\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
  return [...attributes, ...imports].map((a) => a.replace(/&amp;/g, "&"));
}

const sameOrigin = (address: string) => new URL(address, base()).origin === origin();

describe("security headers", () => {
  it("are on documents, data requests, resource routes, static files and refusals, with a fresh nonce each time", async () => {
    const post = await makePost();
    const reader = new TestBrowser(base);
    const responses = [
      await reader.get("/"),
      await reader.get("/"),
      await reader.get(`/posts/${post.slug}`),
      await reader.get(`/me.json?post=${post.slug}`),
      await reader.get("/feeds/posts.atom"),
      await reader.get("/robots.txt"),
      await reader.get("/no/such/page"),
      await reader.post(
        `/posts/${post.slug}`,
        { intent: "comment", body: "from elsewhere" },
        { origin: "https://evil.example" },
      ),
    ];
    const build = /href="(\/build\/[^"]+\.css)"/.exec(await (await reader.get("/")).text())?.[1];
    responses.push(await reader.get(build!));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 404, 403, 200]);
    const policies = responses.map(expectSecurityHeaders);
    // The second home page came from the page cache: its scripts are allowed by hash.
    expect(policies[1].hashes.length).toBeGreaterThan(0);
    const nonces = policies.filter((_, i) => i !== 1).map((p) => p.nonce);
    expect(nonces.every(Boolean)).toBe(true);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("allows every inline script of a page: by its own response's nonce, or by hash when the page comes from the cache", async () => {
    const post = await makePost();
    await makeComment({ postId: post.id, body: "A comment to show" });
    const allowed = async (path: string) => {
      const response = await new TestBrowser(base).get(path);
      const policy = checkedPolicy(response);
      expectScriptsAllowed(await response.text(), policy);
      return policy.nonce ? "nonce" : "hashes";
    };
    // Kept pages come from the cache by hash (once the events of this test's writes have
    // reached the server, which on PostgreSQL they do a moment later); others by nonce.
    for (const path of ["/", `/posts/${post.slug}`]) await expect.poll(() => allowed(path)).toBe("hashes");
    expect([
      await allowed("/login"),
      await allowed("/no/such/page"),
      await allowed(`/posts/${post.slug}?fresh=1`),
    ]).toEqual(["nonce", "nonce", "nonce"]);
  });

  it("sends no policy with a 304, so a revalidated page keeps the nonce its scripts carry", async () => {
    const reader = new TestBrowser(base);
    const first = await reader.get("/feeds/posts.atom");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await reader.get("/feeds/posts.atom", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toBeNull();
    expect(again.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("no third-party requests", () => {
  it("loads and links only this site from the home page and a post page", async () => {
    const post = await makePost({
      title: "Nothing from elsewhere",
      body: "The **branch** met. See [the minutes](/archive) and `code`.",
    });
    await makeComment({ postId: post.id, body: "> quoted\n\n- a list\n\n[the rota](/posts/" + post.slug + ")" });
    for (const path of ["/", `/posts/${post.slug}`]) {
      const html = await (await new TestBrowser(base).get(path)).text();
      const addresses = addressesIn(html);
      expect(addresses.length).toBeGreaterThan(5);
      expect(addresses.filter((a) => !sameOrigin(a))).toEqual([]);
      // The stylesheets pull in nothing from elsewhere either.
      for (const sheet of addresses.filter((a) => a.endsWith(".css"))) {
        const css = await (await new TestBrowser(base).get(sheet)).text();
        expect(css).not.toMatch(/@import|url\(\s*["']?(?:https?:)?\/\//i);
      }
    }
  });

  it("loads nothing from elsewhere when a comment links elsewhere, and such links send no referrer", async () => {
    const post = await makePost();
    await makeComment({
      postId: post.id,
      body: "See [the union](https://union.example/news) and ![a picture](https://tracker.example/pixel.png)",
    });
    const html = await (await new TestBrowser(base).get(`/posts/${post.slug}`)).text();
    const loaded = [...html.matchAll(/<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*>/gi)].flatMap(
      (m) => addressesIn(` ${m[0]}`),
    );
    expect(loaded.filter((a) => !sameOrigin(a))).toEqual([]);
    const offsite = [...html.matchAll(/<a\b[^>]*href="https:\/\/union\.example[^"]*"[^>]*>/g)].map((m) => m[0]);
    expect(offsite).toHaveLength(1);
    expect(offsite[0]).toContain('rel="nofollow ugc noopener noreferrer"');
    expect(html).not.toContain('src="https://tracker.example');
  });
});

describe("cross-site request forgery", () => {
  const attempt = async (headers: Record<string, string>) => {
    const post = await makePost();
    const response = await new TestBrowser(base).post(
      `/posts/${post.slug}`,
      { intent: "comment", body: "Posted by a form somewhere" },
      headers,
    );
    return {
      status: response.status,
      text: await response.text(),
      stored: await db.comment.count({ where: { postId: post.id } }),
    };
  };

  it.each([
    ["another site's page (Sec-Fetch-Site: cross-site)", { "sec-fetch-site": "cross-site" }],
    ["a sibling site (Sec-Fetch-Site: same-site)", { "sec-fetch-site": "same-site" }],
    ["an old browser on another site (Origin only)", { origin: "https://evil.example" }],
    ["the same host on another port", { origin: "http://127.0.0.1:1" }],
    ["a sandboxed frame (Origin: null)", { origin: "null" }],
    ["this host over another scheme", { origin: "https://127.0.0.1" }],
  ])("refuses a comment from %s, writing nothing", async (_, headers) => {
    const { status, text, stored } = await attempt(headers);
    expect(status).toBe(403);
    expect(text).toContain("Cross-site request refused");
    expect(stored).toBe(0);
  });

  it.each([
    [
      "this site's own page (Sec-Fetch-Site: same-origin)",
      () => ({ "sec-fetch-site": "same-origin", origin: origin() }),
    ],
    ["a bookmark or typed address (Sec-Fetch-Site: none)", () => ({ "sec-fetch-site": "none" })],
    ["an old browser on this site (Origin only)", () => ({ origin: origin() })],
    ["a browser that sends neither header, or curl", () => ({})],
    [
      "a browser behind this site's TLS proxy (X-Forwarded-Proto from a trusted proxy)",
      () => ({ origin: origin().replace("http:", "https:"), "x-forwarded-proto": "https" }),
    ],
  ])("accepts a comment from %s", async (_, headers) => {
    const { status, stored } = await attempt(headers());
    expect(status).toBe(303);
    expect(stored).toBe(1);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", async () => {
    const saved = process.env.PICKET_TRUST_PROXY;
    delete process.env.PICKET_TRUST_PROXY;
    resetSettings();
    const untrusting = await startApp();
    if (saved !== undefined) process.env.PICKET_TRUST_PROXY = saved;
    resetSettings();
    try {
      const post = await makePost();
      const own = new URL(untrusting.base).origin;
      const browser = new TestBrowser(() => untrusting.base);
      const viaHttps = await browser.post(
        `/posts/${post.slug}`,
        { intent: "comment", body: "claims https" },
        { origin: own.replace("http:", "https:"), "x-forwarded-proto": "https" },
      );
      expect(viaHttps.status).toBe(403);
      expect(
        (
          await browser.post(
            `/posts/${post.slug}`,
            { intent: "comment", body: "plain http" },
            { origin: own, "x-forwarded-proto": "https" },
          )
        ).status,
      ).toBe(303);
    } finally {
      await untrusting.close();
    }
  });

  it("refuses cross-site sign-in, sign-out and joining, and no GET signs anyone out", async () => {
    const user = await makeUser();
    const member = new TestBrowser(base);
    expect(
      (
        await member.post(
          "/login",
          { username: user.username, password: "correct horse battery" },
          { "sec-fetch-site": "cross-site" },
        )
      ).status,
    ).toBe(403);
    expect((await member.get("/me")).status).toBe(302);
    expect(
      (
        await member.post(
          "/login",
          { username: user.username, password: "correct horse battery" },
          { "sec-fetch-site": "same-origin" },
        )
      ).status,
    ).toBe(302);
    expect((await member.get("/me")).status).toBe(200);
    expect((await member.post("/logout", {}, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const logoutPage = await member.get("/logout");
    expect(logoutPage.status).toBe(200);
    expect(pageText(await logoutPage.text())).toContain("on this browser?");
    expect((await member.get("/me")).status).toBe(200);
    expect(
      (
        await new TestBrowser(base).post(
          "/join",
          { username: "forged-join", password: "long enough password" },
          { origin: "https://evil.example" },
        )
      ).status,
    ).toBe(403);
    expect(await db.user.count({ where: { username: "forged-join" } })).toBe(0);
  });
});

/** Sends a POST with a body streamed until the server answers (or `limit` bytes are sent). */
function streamUntilAnswered(
  path: string,
  { declaredLength, limit = 64 * 1024 * 1024 }: { declaredLength?: number; limit?: number },
) {
  return new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (declaredLength !== undefined) headers["content-length"] = String(declaredLength);
    const request = http.request(`${base()}${path}`, { method: "POST", headers });
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, sent, body });
        request.destroy();
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.flushHeaders();
    if (declaredLength !== undefined) return; // the declared length alone must be enough
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < limit) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("request bodies", () => {
  it("refuses a body whose declared length is too large, before reading any of it", async () => {
    const post = await makePost();
    const answer = await streamUntilAnswered(`/posts/${post.slug}`, { declaredLength: 50 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBe(0);
    expect(answer.body).toContain("Request too large");
  });

  it("refuses a body of undeclared length (chunked) at once, without reading it", async () => {
    const post = await makePost();
    const answer = await streamUntilAnswered(`/posts/${post.slug}`, {});
    expect(answer.status).toBe(411);
    expect(answer.body).toContain("Content-Length");
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("accepts the longest comment, 10,000 four-byte characters, stored exactly", async () => {
    const post = await makePost();
    const body = "✊🏽".repeat(2000) + "🪧".repeat(6000);
    expect([...body].length).toBe(10_000);
    const response = await new TestBrowser(base).post(`/posts/${post.slug}`, { intent: "comment", body });
    expect(response.status).toBe(303);
    const stored = await db.comment.findFirst({ where: { postId: post.id }, select: { bodyMarkdown: true } });
    expect(stored?.bodyMarkdown).toBe(body);
  });

  it("accepts the longest post a member can submit, 100,000 four-byte characters", async () => {
    const user = await makeUser();
    const member = new TestBrowser(base);
    expect((await member.post("/login", { username: user.username, password: "correct horse battery" })).status).toBe(
      302,
    );
    const body = "🪧".repeat(100_000);
    const response = await member.post("/submit", {
      title: "The longest post",
      body,
      suggestedTags: "",
      voice: "member",
    });
    expect(response.status).toBe(302);
    const stored = await db.post.findFirst({ where: { title: "The longest post" }, select: { bodyMarkdown: true } });
    expect(stored?.bodyMarkdown).toBe(body);
  });

  it("refuses a form carrying a NUL character, which no one types and PostgreSQL cannot store", async () => {
    const post = await makePost();
    const response = await new TestBrowser(base).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "before\u0000after",
    });
    expect(response.status).toBe(400);
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
  });
});
