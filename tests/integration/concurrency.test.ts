// Strike night: many readers post at the same moment. Every acknowledged comment is stored and
// shown, no request fails, and the forum keeps taking comments afterwards (docs/decisions/003:
// one SQLite connection, writes queued; on PostgreSQL a pool).
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { makeComment, makePost } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();

let network = 0;
/** A reader in a browser of their own, on a network of their own (as 200 people are). */
function newReader() {
  const n = ++network;
  const browser = new TestBrowser(base);
  const post = browser.post.bind(browser);
  browser.post = (path, fields, headers = {}) =>
    post(path, fields, { "x-forwarded-for": `198.51.${(n >> 8) & 255}.${n & 255}`, ...headers });
  return browser;
}

const commentId = (response: Response) => Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]);

/** Every comment id shown on the thread's pages. */
async function idsShown(slug: string): Promise<Set<number>> {
  const reader = new TestBrowser(base);
  const { data } = await reader.data(`/posts/${slug}`, "routes/posts.$slug");
  const ids = new Set<number>();
  for (let page = 1; page <= data.thread.pages; page++) {
    const html = await (await reader.get(`/posts/${slug}?page=${page}`)).text();
    for (const [, id] of html.matchAll(/<li[^>]*\bid="c-(\d+)"/g)) ids.add(Number(id));
  }
  return ids;
}

describe("many readers writing at once", () => {
  it("stores and shows all of 200 comments posted at the same moment, and takes more afterwards", async () => {
    const post = await makePost({ title: "Strike night" });
    const bodies = Array.from({ length: 200 }, (_, i) => `Comment number ${i} from the picket line`);
    const responses = await Promise.all(
      bodies.map((body) => newReader().post(`/posts/${post.slug}`, { intent: "comment", body })),
    );
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 303));
    const ids = responses.map(commentId);
    expect(new Set(ids).size).toBe(200);

    const stored = await db.comment.findMany({
      where: { postId: post.id },
      select: { id: true, bodyMarkdown: true, status: true },
    });
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((c) => c.bodyMarkdown))).toEqual(new Set(bodies));
    expect(stored.every((c) => c.status === "published")).toBe(true);

    const { data } = await new TestBrowser(base).data(`/posts/${post.slug}`, "routes/posts.$slug");
    expect(data.thread.topLevelCount).toBe(200);
    expect(await idsShown(post.slug)).toEqual(new Set(ids));

    const after = await newReader().post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "Still writing after the rush",
    });
    expect(after.status).toBe(303);
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(201);
    const page = await new TestBrowser(base).get(after.headers.get("location")!.replace(/#.*$/, ""));
    expect(pageText(await page.text())).toContain("Still writing after the rush");
  });

  it("stores and shows all of 50 replies to one comment posted at the same moment", async () => {
    const post = await makePost({ title: "Everyone answers at once" });
    const parent = await makeComment({ postId: post.id, body: "Who is on the picket at six?" });
    const bodies = Array.from({ length: 50 }, (_, i) => `Reply ${i}: I am`);
    const responses = await Promise.all(
      bodies.map((body) =>
        newReader().post(`/posts/${post.slug}/comments/${parent.id}`, { intent: "comment", parentId: parent.id, body }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 303));

    const replies = await db.comment.findMany({
      where: { parentId: parent.id },
      select: { bodyMarkdown: true, depth: true, rootId: true },
    });
    expect(new Set(replies.map((r) => r.bodyMarkdown))).toEqual(new Set(bodies));
    expect(replies.every((r) => r.depth === 1 && r.rootId === parent.id)).toBe(true);

    const html = pageText(await (await new TestBrowser(base).get(`/posts/${post.slug}/comments/${parent.id}`)).text());
    for (const body of bodies) expect(html).toContain(body);
    expect(
      (
        await newReader().post(`/posts/${post.slug}/comments/${parent.id}`, {
          intent: "comment",
          parentId: parent.id,
          body: "One more",
        })
      ).status,
    ).toBe(303);
  });
});
