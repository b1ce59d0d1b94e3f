// The page cache for anonymous readers: served again without work, and dropped at once when
// a comment is written, edited, removed or approved, so nobody sees what is gone.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RULES, setModerationRules } from "~/models/rules.server";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp, type LoaderData } from "./http";

const base = useApp();
const anonymous = (path: string, headers: Record<string, string> = {}) => fetch(base() + path, { headers });

async function moderator() {
  const user = await makeUser({ role: "moderator" });
  const b = new TestBrowser(base);
  expect((await b.post("/login", { username: user.username, password: "correct horse battery" })).status).toBe(302);
  return b;
}

/** Reads a thread twice as a reader without cookies: the second answer comes from the cache. */
async function cachedThread(slug: string) {
  // Comments made by the test's factories reach the server's cache as events a moment later.
  let second: Response | undefined;
  await expect
    .poll(
      async () => {
        await anonymous(`/posts/${slug}`);
        second = await anonymous(`/posts/${slug}`);
        return second.headers.get("etag");
      },
      { message: "served from the page cache" },
    )
    .toBeTruthy();
  return second!;
}

const idFrom = (r: Response) => Number(/#c-(\d+)$/.exec(r.headers.get("location") ?? "")?.[1]);

afterEach(async () => {
  await setModerationRules(DEFAULT_RULES);
});

describe("a thread page's comments", () => {
  it("are in its HTML and in its data, as the HTML each comment is shown with", async () => {
    const post = await makePost();
    for (let i = 0; i < 5; i++)
      await makeComment({ postId: post.id, body: `Distinctive body number ${i} about the **ballot**` });
    const body = (i: number) => `<p>Distinctive body number ${i} about the <strong>ballot</strong></p>`;
    const html = await (await anonymous(`/posts/${post.slug}`)).text();
    for (let i = 0; i < 5; i++) expect(html).toContain(body(i));
    // A data request (client navigation, revalidation) carries the same HTML.
    const data = (await (
      await anonymous(`/posts/${post.slug}?_data=${encodeURIComponent("routes/posts.$slug")}`)
    ).json()) as LoaderData["routes/posts.$slug"];
    data.thread.comments.forEach((c, i) => expect(c.main).toContain(body(i)));
  });
});

describe("a thread page's data", () => {
  it("leaves out what has its usual value: a published comment without replies is its id, voice, time and text", async () => {
    const post = await makePost();
    const parent = await makeComment({ postId: post.id, body: "A parent" });
    await makeComment({ postId: post.id, parentId: parent.id, body: "A reply" });
    const data = (await (
      await anonymous(`/posts/${post.slug}?_data=${encodeURIComponent("routes/posts.$slug")}`)
    ).json()) as LoaderData["routes/posts.$slug"];
    const [root] = data.thread.comments;
    expect(Object.keys(root.replies![0]).sort()).toEqual(["anonymous", "author", "createdAt", "id", "main"]);
    expect(Object.keys(root).sort()).toEqual(["anonymous", "author", "createdAt", "id", "main", "replies"]);
  });

  it("links Reply and Flag short, and without JavaScript those links lead to the comment's page with its form open", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id, body: "Answer me" });
    const html = await (await anonymous(`/posts/${post.slug}`)).text();
    expect(html).toContain(`href="?reply=${comment.id}"`);
    expect(html).toContain(`href="?flag=${comment.id}"`);
    for (const form of ["reply", "flag"]) {
      const response = await fetch(`${base()}/posts/${post.slug}?${form}=${comment.id}`, { redirect: "manual" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/posts/${post.slug}/comments/${comment.id}?${form}=1#${form}`);
      const page = await new TestBrowser(base).get(response.headers.get("location")!);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(new RegExp(`<details id="${form}" open=""`));
    }
    // Anything else is the thread itself.
    for (const query of ["reply=abc", "reply=0", "flag=-3", "reply="])
      expect((await fetch(`${base()}/posts/${post.slug}?${query}`, { redirect: "manual" })).status).toBe(200);
    // Crawlers are asked to leave those links alone (no rel on each of a thousand of them).
    const robots = await (await fetch(`${base()}/robots.txt`)).text();
    for (const rule of ["Disallow: /*?reply=", "Disallow: /*?flag="]) expect(robots.split("\n")).toContain(rule);
    // An address that names no post is a 404, whatever it asks for.
    for (const path of ["/posts/%E2%9C%93?reply=5", "/posts/a%0Ab?flag=5", "/posts/no-such-post?reply=1"])
      expect((await fetch(`${base()}${path}`, { redirect: "manual" })).status).toBe(404);
  });
});

describe("the page cache", () => {
  it("makes a changed page once for a crowd arriving together; the others get the page before it", async () => {
    const post = await makePost();
    await makeComment({ postId: post.id, body: "first words" });
    await cachedThread(post.slug);
    expect(
      (await new TestBrowser(base).post(`/posts/${post.slug}`, { intent: "comment", body: "the news everyone wants" }))
        .status,
    ).toBe(303);
    const crowd = await Promise.all(Array.from({ length: 12 }, () => anonymous(`/posts/${post.slug}`)));
    const texts = await Promise.all(crowd.map(async (page) => pageText(await page.text())));
    for (const text of texts) expect(text).toContain("first words");
    // A page made for its reader carries a fresh nonce; one from the cache, script hashes.
    const rendered = crowd.filter((r) => r.headers.get("content-security-policy")?.includes("'nonce-"));
    expect(rendered).toHaveLength(1);
    expect(texts[crowd.indexOf(rendered[0])]).toContain("the news everyone wants");
    // The next reader gets the new page from the cache.
    const next = await anonymous(`/posts/${post.slug}`);
    expect(next.headers.get("content-security-policy")).not.toContain("'nonce-");
    expect(pageText(await next.text())).toContain("the news everyone wants");
  });

  it("sends a cached page gzipped to browsers that take it, made once: the same page, far fewer bytes", async () => {
    const post = await makePost();
    for (let i = 0; i < 20; i++) await makeComment({ postId: post.id, body: `Comment ${i} on the rota` });
    await cachedThread(post.slug);
    const plain = await anonymous(`/posts/${post.slug}`, { "accept-encoding": "identity" });
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    await expect
      .poll(async () =>
        (await anonymous(`/posts/${post.slug}`, { "accept-encoding": "gzip" })).headers.get("content-encoding"),
      )
      .toBe("gzip");
    const zipped = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        http
          .get(`${base()}/posts/${post.slug}`, { headers: { "accept-encoding": "gzip" } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      },
    );
    expect(zipped.headers.vary).toContain("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plainBytes.length / 3);
    expect(gunzipSync(zipped.body).equals(plainBytes)).toBe(true);
    expect(zipped.headers.etag).not.toBe(plain.headers.get("etag"));
    expect(
      (
        await anonymous(`/posts/${post.slug}`, {
          "accept-encoding": "gzip",
          "if-none-match": String(zipped.headers.etag),
        })
      ).status,
    ).toBe(304);
  });

  it("serves a thread again to readers without cookies, and answers If-None-Match with 304", async () => {
    const post = await makePost();
    await makeComment({ postId: post.id, body: "cached words" });
    const page = await cachedThread(post.slug);
    expect(pageText(await page.text())).toContain("cached words");
    const etag = page.headers.get("etag")!;
    expect((await anonymous(`/posts/${post.slug}`, { "if-none-match": etag })).status).toBe(304);
    // The internal header that marks cacheable pages never reaches the reader.
    expect(page.headers.get("x-picket-cache")).toBeNull();
  });

  it("answers from the cache with the security headers and the page's own headers: a 200, a HEAD and a 304 alike", async () => {
    const post = await makePost();
    await makeComment({ postId: post.id, body: "headers kept" });
    await cachedThread(post.slug);
    const plain = { "accept-encoding": "identity" };
    const page = await anonymous(`/posts/${post.slug}`, plain);
    const body = Buffer.from(await page.arrayBuffer());
    const head = await fetch(base() + `/posts/${post.slug}`, { method: "HEAD", headers: plain });
    const notModified = await anonymous(`/posts/${post.slug}`, {
      ...plain,
      "if-none-match": page.headers.get("etag")!,
    });
    expect([page.status, head.status, notModified.status]).toEqual([200, 200, 304]);
    for (const r of [page, head, notModified]) {
      for (const name of [
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
        "cross-origin-opener-policy",
        "permissions-policy",
      ])
        expect(r.headers.get(name), name).toBeTruthy();
      expect(r.headers.get("vary")).toBe("Accept-Encoding");
      expect(r.headers.get("etag")).toBe(page.headers.get("etag"));
    }
    for (const r of [page, head]) {
      expect(r.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
      expect(r.headers.get("content-type")).toMatch(/^text\/html/);
      expect(r.headers.get("content-length")).toBe(String(body.length));
    }
    // The browser reuses its copy, whose scripts its own policy allows.
    expect(notModified.headers.get("content-security-policy")).toBeNull();
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("drops the thread when a comment is posted", async () => {
    const post = await makePost();
    await cachedThread(post.slug);
    expect(
      (await new TestBrowser(base).post(`/posts/${post.slug}`, { intent: "comment", body: "brand new comment" }))
        .status,
    ).toBe(303);
    expect(pageText(await (await anonymous(`/posts/${post.slug}`)).text())).toContain("brand new comment");
  });

  it("drops it when a comment is edited or deleted by its writer", async () => {
    const post = await makePost();
    const writer = new TestBrowser(base);
    const id = idFrom(await writer.post(`/posts/${post.slug}`, { intent: "comment", body: "first words" }));
    await cachedThread(post.slug);
    expect(
      (await writer.post(`/posts/${post.slug}/comments/${id}`, { intent: "edit", commentId: id, body: "second words" }))
        .status,
    ).toBe(303);
    const edited = pageText(await (await anonymous(`/posts/${post.slug}`)).text());
    expect(edited).toContain("second words");
    expect(edited).not.toContain("first words");
    await cachedThread(post.slug);
    expect((await writer.post(`/posts/${post.slug}`, { intent: "delete", commentId: id })).status).toBe(303);
    expect(pageText(await (await anonymous(`/posts/${post.slug}`)).text())).not.toContain("second words");
  });

  it("drops it when a moderator removes a comment, or approves a held one", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "soon removed" });
    await cachedThread(post.slug);
    const mod = await moderator();
    expect((await mod.post("/moderation", { single: `remove c:${c.id}`, [`reason:c:${c.id}`]: "abuse" })).status).toBe(
      302,
    );
    const after = pageText(await (await anonymous(`/posts/${post.slug}`)).text());
    expect(after).not.toContain("soon removed");
    expect(after).toContain("Removed by a moderator: abuse");

    await setModerationRules({ ...DEFAULT_RULES, watchedWords: [{ phrase: "agency", action: "hold" }] });
    const held = idFrom(
      await new TestBrowser(base).post(`/posts/${post.slug}`, { intent: "comment", body: "agency staff again" }),
    );
    expect(pageText(await (await cachedThread(post.slug)).text())).not.toContain("agency staff again");
    expect((await mod.post("/moderation", { single: `approve c:${held}` })).status).toBe(302);
    expect(pageText(await (await anonymous(`/posts/${post.slug}`)).text())).toContain("agency staff again");
  });

  it("drops a flagged comment hidden for revealing someone's identity", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "names and addresses" });
    await cachedThread(post.slug);
    await new TestBrowser(base).post(`/posts/${post.slug}/comments/${c.id}`, {
      intent: "flag",
      commentId: c.id,
      reason: "identity",
      note: "",
    });
    expect(pageText(await (await anonymous(`/posts/${post.slug}`)).text())).not.toContain("names and addresses");
  });

  it("serves writers and members the same kept page as everyone; what is theirs comes from /me.json", async () => {
    const post = await makePost();
    const writer = new TestBrowser(base);
    const posted = await writer.post(`/posts/${post.slug}`, { intent: "comment", body: "my own words" });
    const id = Number(/#c-(\d+)$/.exec(posted.headers.get("location")!)![1]);
    const member = await makeUser();
    const signedIn = new TestBrowser(base);
    expect(
      (await signedIn.post("/login", { username: member.username, password: "correct horse battery" })).status,
    ).toBe(302);
    const shared = await cachedThread(post.slug);
    const sharedText = await shared.text();
    for (const reader of [writer, signedIn]) {
      const page = await reader.get(`/posts/${post.slug}`);
      // From the cache: the same bytes, its scripts allowed by hash rather than by a fresh nonce.
      expect(page.headers.get("etag")).toBe(shared.headers.get("etag"));
      expect(page.headers.get("content-security-policy")).not.toContain("'nonce-");
      expect(await page.text()).toBe(sharedText);
    }
    expect(sharedText).not.toContain('<span class="you">you</span>');
    expect(sharedText).not.toContain(member.username);
    // The writer's own comment, editable, and the member's voices are their personal part.
    expect((await writer.personal(post.slug)).thread?.own).toEqual([{ id, editable: true, held: false }]);
    expect((await signedIn.personal(post.slug)).voices.map((v) => v.value)).toContain("member");
    expect((await signedIn.personal(post.slug)).member?.username).toBe(member.username);
    // Without JavaScript the writer edits and deletes from the comment's own page.
    const own = await (await writer.get(`/posts/${post.slug}/comments/${id}`)).text();
    expect(own).toContain('<span class="you">you</span>');
    expect(own).toContain(`href="/posts/${post.slug}/comments/${id}?edit=1#edit"`);
    expect(own).toContain("Yes, delete my comment");
  });

  it("drops the post's pages and the home page when an editor unpublishes it", async () => {
    const post = await makePost({ title: "Soon unpublished" });
    await cachedThread(post.slug);
    await anonymous("/");
    const editor = await makeUser({ role: "editor" });
    const b = new TestBrowser(base);
    await b.post("/login", { username: editor.username, password: "correct horse battery" });
    expect((await b.post(`/admin/posts/${post.id}`, { intent: "unpublish" })).status).toBe(302);
    expect((await anonymous(`/posts/${post.slug}`)).status).toBe(404);
    expect(pageText(await (await anonymous("/")).text())).not.toContain("Soon unpublished");
  });
});
