// Every redirect the forum builds from what a visitor sent (a return address after signing in,
// joining or following; a thread's address) sends the browser to a page of this site: judged on
// the Location header as sent, resolved as a browser resolves it.
import { describe, expect, it } from "vitest";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, useApp } from "./http";

const base = useApp();
let network = 10;
let n = 0;
const uniqueName = (stem = "returner") => `${stem}${++n}${Date.now() % 100000}`;
const PASSWORD = "correct horse battery";

/** A new browser on a network of its own, so sign-in and join throttling stay out of the way. */
function browser() {
  const b = new TestBrowser(base);
  const address = { "x-forwarded-for": `203.0.113.${++network}` };
  const get = b.get.bind(b);
  const post = b.post.bind(b);
  b.get = (path, extra = {}) => get(path, { ...address, ...extra });
  b.post = (path, fields, extra = {}) => post(path, fields, { ...address, ...extra });
  return b;
}

const HOSTILE = [
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "/././/evil.example/path?x=1#y",
  "/..//evil.example",
  "/a/../..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/\\evil.example",
  "/\\\\evil.example",
  "/.\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%2F%2Fevil.example",
  "/%5C%5Cevil.example",
  "/%5c/evil.example",
  "/%09/evil.example",
  "https://evil.example",
  "http:evil.example",
  "https:/\\evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
];

/** The address a browser goes to on this Location is a page of this site. */
function expectOwnSite(location: string | null, what: string) {
  expect(location, what).toBeTruthy();
  expect(new URL(location!, base()).origin, `${what} sent ${location}`).toBe(new URL(base()).origin);
  // A path with one leading slash: what every browser reads as this site's, whatever its base.
  expect(location, what).toMatch(/^\/(?![/\\])/);
}

async function memberBrowser() {
  const username = uniqueName();
  await makeUser({ username, password: PASSWORD });
  const b = browser();
  expect((await b.post("/login", { username, password: PASSWORD })).status).toBe(302);
  return b;
}

describe("return addresses", () => {
  it("after signing in lead to this site, whatever the form carried", async () => {
    const username = uniqueName();
    await makeUser({ username, password: PASSWORD });
    for (const to of HOSTILE) {
      const response = await browser().post("/login", { username, password: PASSWORD, redirectTo: to });
      expect(response.status, to).toBe(302);
      expectOwnSite(response.headers.get("location"), JSON.stringify(to));
    }
    // A good one is kept as it was.
    const kept = await browser().post("/login", {
      username,
      password: PASSWORD,
      redirectTo: "/posts/a-post?page=2#c-5",
    });
    expect(kept.headers.get("location")).toBe("/posts/a-post?page=2#c-5");
  });

  it("of a signed-in member opening the sign-in or join page lead to this site", async () => {
    const member = await memberBrowser();
    for (const page of ["/login", "/join"]) {
      for (const to of HOSTILE) {
        const what = `${page} ${JSON.stringify(to)}`;
        const response = await member.get(`${page}?redirectTo=${encodeURIComponent(to)}`);
        expect(response.status, what).toBe(302);
        expectOwnSite(response.headers.get("location"), what);
        // The same page asked for by the browser's script answers with a redirect header of its own.
        const data = await member.get(`${page}?redirectTo=${encodeURIComponent(to)}&_data=routes/${page.slice(1)}`);
        expect(data.status, what).toBe(204);
        expectOwnSite(data.headers.get("x-remix-redirect"), what);
      }
    }
  });

  it("after joining lead to this site", async () => {
    for (const to of HOSTILE.slice(0, 12)) {
      const response = await browser().post("/join", {
        username: uniqueName("joiner"),
        password: PASSWORD,
        redirectTo: to,
      });
      expect(response.status, to).toBe(302);
      expectOwnSite(response.headers.get("location"), JSON.stringify(to));
    }
  });

  it("after following a post lead to this site", async () => {
    const post = await makePost();
    const member = await memberBrowser();
    for (const to of HOSTILE) {
      const response = await member.post("/me/following", { intent: "follow-post", postId: post.id, redirectTo: to });
      expect(response.status, to).toBe(302);
      expectOwnSite(response.headers.get("location"), JSON.stringify(to));
    }
  });

  it("after flagging lead to this site, whatever the thread's address was", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id });
    for (const slug of ["../..//evil.example", "..\\evil.example", "x\r\nSet-Cookie: a=b", "%2e%2e"]) {
      const response = await browser().post(`/posts/${encodeURIComponent(slug)}/comments/${comment.id}`, {
        intent: "flag",
        commentId: comment.id,
        reason: "spam",
        note: "",
      });
      expect(response.status, slug).toBe(303);
      expectOwnSite(response.headers.get("location"), JSON.stringify(slug));
      expect(
        response.headers.getSetCookie().some((c) => c.startsWith("a=")),
        slug,
      ).toBe(false);
    }
  });
});
