// The comment write path as one transaction (docs/decisions/011-group-commit.md): the page a
// new comment's redirect names, refusals in the middle of a rush that write and count nothing,
// and tags worked out from a glossary another instance changed a moment ago.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { pageOfComment } from "~/models/comments.server";
import { createTag } from "~/models/tags.server";
import { TOP_LEVEL_PER_PAGE } from "~/models/thread.server";
import { makeComment, makePost } from "../factories";
import { useEnvironment } from "../environment";
import { TestBrowser, useApp } from "./http";

const base = useApp();
const setEnvironment = useEnvironment();
let network = 0;

/** A new browser (no cookie) on a network of its own, or on the one given. */
function reader(address = `198.18.${(++network >> 8) & 255}.${network & 255}`) {
  const browser = new TestBrowser(base);
  const post = browser.post.bind(browser);
  browser.post = (path, fields, headers = {}) => post(path, fields, { "x-forwarded-for": address, ...headers });
  return browser;
}

const comment = (slug: string, body: string, browser = reader()) =>
  browser.post(`/posts/${slug}`, { intent: "comment", body });
const idFrom = (response: Response) => Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]);

describe("posting a comment", () => {
  it("sends the writer to the new comment's page, held comments keeping their place so every page is reached", async () => {
    const post = await makePost();
    const earlier = [];
    for (let i = 0; i < TOP_LEVEL_PER_PAGE - 1; i++)
      earlier.push(await makeComment({ postId: post.id, body: `earlier ${i}` }));
    // Two early comments wait for a moderator: readers do not see them, but pages are cut over
    // every top-level comment (else the last ones would sit on a page the pager does not show).
    await db.comment.updateMany({
      where: { id: { in: [earlier[3].id, earlier[40].id] } },
      data: { status: "held", holdReason: "flags" },
    });

    const placed: { id: number; location: string }[] = [];
    for (const body of ["is the last on the first page", "opens the second page", "follows on the second page"]) {
      const response = await comment(post.slug, body);
      expect(response.status).toBe(303);
      placed.push({ id: idFrom(response), location: response.headers.get("location")! });
    }
    expect(placed.map((p) => p.location)).toEqual([
      `/posts/${post.slug}#c-${placed[0].id}`,
      `/posts/${post.slug}?page=2#c-${placed[1].id}`,
      `/posts/${post.slug}?page=2#c-${placed[2].id}`,
    ]);
    // The same page a permalink looks up, and the page the pager shows.
    for (const [i, { id }] of placed.entries())
      expect(await pageOfComment({ postId: post.id, commentId: id })).toBe(i === 0 ? 1 : 2);
    const { data } = await reader().data(`/posts/${post.slug}?page=2`, "routes/posts.$slug");
    expect(data.thread.pages).toBe(2);
    expect(data.thread.comments.map((c: { id: number }) => c.id)).toEqual(placed.slice(1).map((p) => p.id));
  });

  it("answers 404 to a comment or reply on a post that does not exist or is not published, writing nothing", async () => {
    const post = await makePost();
    const first = await makeComment({ postId: post.id, body: "the first" });
    await db.post.update({ where: { id: post.id }, data: { status: "submitted" } });
    const before = await db.comment.count();
    for (const path of ["/posts/no-such-post", `/posts/${post.slug}`, `/posts/${post.slug}/comments/${first.id}`]) {
      for (const fields of [
        { intent: "comment", body: "into the void" },
        { intent: "comment", body: "a reply into the void", parentId: String(first.id) },
      ] as Record<string, string>[]) {
        const answer = await reader().post(path, fields);
        expect(answer.status, path).toBe(404);
      }
    }
    expect(await db.comment.count()).toBe(before);
  });

  it("refuses the comments over a network's limit in a rush, writing and counting nothing for them", async () => {
    setEnvironment({ PICKET_NETWORK_COMMENTS_PER_MINUTE: "12" });
    const post = await makePost();
    const office = "198.19.0.1";
    const fromOffice = Array.from({ length: 20 }, (_, i) => `from the office ${i}`);
    const fromElsewhere = Array.from({ length: 10 }, (_, i) => `from elsewhere ${i}`);
    const responses = await Promise.all([
      ...fromOffice.map((body) => comment(post.slug, body, reader(office))),
      ...fromElsewhere.map((body) => comment(post.slug, body)),
    ]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.slice(0, 20).filter((s) => s === 303)).toHaveLength(12);
    expect(statuses.slice(0, 20).filter((s) => s === 429)).toHaveLength(8);
    expect(statuses.slice(20)).toEqual(fromElsewhere.map(() => 303));

    const acknowledged = new Set(responses.filter((r) => r.status === 303).map(idFrom));
    const stored = await db.comment.findMany({ where: { postId: post.id }, select: { id: true } });
    expect(new Set(stored.map((c) => c.id))).toEqual(acknowledged);
    // The refused ones were not counted: the office is exactly at its limit, so one more is refused
    // and, once the limit is raised by one, exactly one more is taken.
    expect((await comment(post.slug, "one more from the office", reader(office))).status).toBe(429);
    setEnvironment({ PICKET_NETWORK_COMMENTS_PER_MINUTE: "13" });
    expect((await comment(post.slug, "the thirteenth", reader(office))).status).toBe(303);
    expect((await comment(post.slug, "the fourteenth", reader(office))).status).toBe(429);
  });

  it("writes a comment whose tag was removed a moment ago on another instance, without the tag", async () => {
    const tag = await createTag({
      name: `zebra-${Date.now() % 100000}`,
      description: "Crossings.",
      patterns: "zebra crossing",
    });
    const post = await makePost();
    // This instance learns the glossary with the new tag...
    const first = await comment(post.slug, "Meet at the zebra crossing.");
    expect(first.status).toBe(303);
    expect(await db.commentTag.count({ where: { commentId: idFrom(first), tagId: tag.id } })).toBe(1);
    // ...and another removes the tag; this one has not heard yet (no event reaches it).
    await db.tag.delete({ where: { id: tag.id } });
    const second = await comment(post.slug, "Still at the zebra crossing.");
    expect(second.status).toBe(303);
    const stored = await db.comment.findUniqueOrThrow({
      where: { id: idFrom(second) },
      select: { bodyMarkdown: true, tags: { select: { tagId: true } } },
    });
    expect(stored).toEqual({ bodyMarkdown: "Still at the zebra crossing.", tags: [] });
  });
});
