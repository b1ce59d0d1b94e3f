// The glossary through the real routes: posts and comments tagged as they are written and
// edited, tag pages, the glossary page and its background re-tagging, editors' manual tags,
// refusals of bad glossary input, and who may change what.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { unpublishPost } from "~/models/posts.server";
import { TAG_COUNT_LIMIT, TAG_PAGE_SIZE } from "~/models/tag-pages.server";
import { installDefaultGlossary, runRetagJobs } from "~/models/tags.server";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const reader = () => new TestBrowser(base);
const PASSWORD = "correct horse battery";

let counter = 0;
const unique = (what: string) => `${what}${++counter}`;

async function signedIn(role: "member" | "moderator" | "editor" | "admin") {
  const user = await makeUser({ username: unique(`tags-${role}-`), role });
  const browser = reader();
  const response = await browser.post("/login", { username: user.username, password: PASSWORD });
  expect(response.status, `signing in as ${role}`).toBe(302);
  return { user, browser };
}

async function postComment(browser: TestBrowser, slug: string, body: string): Promise<number> {
  const response = await browser.post(`/posts/${slug}`, { intent: "comment", body });
  expect(response.status, `posting "${body}"`).toBe(303);
  const match = /#c-(\d+)$/.exec(response.headers.get("location") ?? "");
  if (!match) throw new Error(`No comment anchor in ${response.headers.get("location")}`);
  return Number(match[1]);
}

async function threadComments(slug: string) {
  const { data } = await reader().data(`/posts/${slug}`, "routes/posts.$slug");
  type Node = (typeof data.thread.comments)[number];
  const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.replies ?? [])]);
  return flatten(data.thread.comments);
}

/** The tags named in a comment's HTML, in order. */
const tagsIn = (html: string) => [...html.matchAll(/rel="tag">([^<]*)</g)].map((m) => m[1]);
/** A comment's tags as its thread's data carries them, in its HTML. */
const commentTags = async (slug: string, id: number) => {
  const comment = (await threadComments(slug)).find((c) => c.id === id);
  expect(comment, `comment ${id} in the thread`).toBeDefined();
  return tagsIn(comment!.main);
};
const postTags = async (slug: string) => (await reader().data(`/posts/${slug}`, "routes/posts.$slug")).data.post.tags;
const tagPage = async (path: string) => reader().data(path, "routes/tags.$tag");
const html = async (path: string, browser = reader()) => {
  const response = await browser.get(path);
  return { status: response.status, text: pageText(await response.text()), response };
};

/** An admin adds `name` to the glossary, its own one pattern, and the re-tagging runs. */
async function addGlossaryTag(name: string, description: string) {
  const response = await admin.browser.post("/admin/glossary", { intent: "create", name, description, patterns: name });
  expect(response.status).toBe(302);
  await runRetagJobs();
}

let admin: { user: { id: number }; browser: TestBrowser };
let editor: { user: { id: number }; browser: TestBrowser };

beforeAll(async () => {
  await installDefaultGlossary();
  admin = await signedIn("admin");
  editor = await signedIn("editor");
});

describe("tagging as posts and comments are written", () => {
  it("tags a new comment and links the tag from the thread and the tag page", async () => {
    const post = await makePost({ body: "The branch met on Tuesday." });
    const id = await postComment(reader(), post.slug, "We are on **strike** from Monday, says the NPS.");
    expect(await commentTags(post.slug, id)).toEqual(["NPS", "strike"]);

    const thread = await html(`/posts/${post.slug}`);
    const commentHtml = thread.text.slice(thread.text.indexOf(`id="c-${id}"`));
    expect(commentHtml).toMatch(/<a[^>]*href="\/tags\/strike"/);
    expect(commentHtml).toMatch(/<a[^>]*href="\/tags\/NPS"/);

    const page = await html("/tags/strike");
    expect(page.status).toBe(200);
    expect(page.text).toContain("We are on <strong>strike</strong> from Monday");
    expect(page.text).toContain(`href="/posts/${post.slug}/comments/${id}"`);
  });

  it("re-tags a comment when its writer edits it", async () => {
    const post = await makePost({ body: "The branch met on Tuesday." });
    const browser = reader();
    const id = await postComment(browser, post.slug, "The ballot closes on Friday.");
    expect(await commentTags(post.slug, id)).toEqual(["ballot"]);
    const edited = await browser.post(`/posts/${post.slug}`, {
      intent: "edit",
      commentId: id,
      body: "Correction: it was a walk-out, nothing to do with Trust.",
    });
    expect(edited.status).toBe(303);
    expect(await commentTags(post.slug, id)).toEqual(["strike"]);
  });

  it("leaves a comment that mentions nothing untagged, and never tags code or addresses", async () => {
    const post = await makePost({ body: "The branch met on Tuesday." });
    const id = await postComment(
      reader(),
      post.slug,
      "Trust me: see https://example.org/strike-news and `CRC` for the tr-ansition.",
    );
    expect(await commentTags(post.slug, id)).toEqual([]);
    const thread = await html(`/posts/${post.slug}`);
    expect(thread.text.slice(thread.text.indexOf(`id="c-${id}"`))).not.toMatch(/^[\s\S]{0,2000}aria-label="Tags"/);
  });

  it("tags a post when it is published, by its title and text, on the post page and the home page", async () => {
    const post = await makePost({
      title: unique("CRC contracts end "),
      body: "The **Ministry of Justice** announced a new ballot.",
    });
    expect(await postTags(post.slug)).toEqual(["ballot", "CRC", "MoJ"]);
    const home = await html("/");
    const item = home.text.slice(home.text.indexOf(`href="/posts/${post.slug}"`));
    expect(item.slice(0, 1500)).toMatch(/href="\/tags\/CRC"/);
    const page = await html(`/posts/${post.slug}`);
    expect(page.text).toMatch(/<a[^>]*href="\/tags\/MoJ"/);
  });

  it("tags a member's submission, shown once an editor publishes it, and re-tags a post the editor edits", async () => {
    const { browser: member } = await signedIn("member");
    const title = unique("Napo conference ");
    const submitted = await member.post("/submit", { title, body: "Notes from the floor.", voice: "anonymous" });
    expect(submitted.status).toBe(302);
    const row = await db.post.findFirstOrThrow({ where: { title }, select: { id: true, slug: true } });
    expect((await editor.browser.post(`/admin/posts/${row.id}`, { intent: "publish" })).status).toBe(302);
    expect(await postTags(row.slug)).toEqual(["Napo"]);
    expect(
      (
        await editor.browser.post(`/admin/posts/${row.id}`, {
          intent: "edit",
          title,
          body: "Notes from the picket line.",
        })
      ).status,
    ).toBe(302);
    expect(await postTags(row.slug)).toEqual(["Napo", "picket"]);
  });
});

describe("the glossary and tag pages", () => {
  it("lists every tag with its description and how often it is used", async () => {
    const tag = unique("zorblax");
    await addGlossaryTag(tag, "A word only this test uses.");
    await makePost({ body: `A ${tag} post.` });
    await makePost({ body: `Another ${tag} post.` });
    const post = await makePost({ body: "Nothing here." });
    for (let i = 0; i < 3; i++) await makeComment({ postId: post.id, body: `${tag} comment ${i}` });

    const page = await html("/tags");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Transforming Rehabilitation: the 2014 programme");
    expect(page.text).toMatch(
      new RegExp(`href="/tags/${tag}">${tag}</a> <span class="meta">2 posts · 3 comments</span>`),
    );
    expect(page.text).toMatch(/href="\/tags\/TR">TR<\/a>/);
    const { data } = await reader().data("/tags", "routes/tags._index");
    expect(Object.keys(data.tags[0]).sort()).toEqual(["comments", "description", "name", "posts"]);
  });

  it("lists a tag's posts and comments newest first, linked to their place, a page at a time", async () => {
    const tag = unique("quuxvote");
    await addGlossaryTag(tag, "Another test word.");
    const older = await makePost({ body: `${tag} first`, publishedAt: new Date(Date.now() - 3 * 86_400_000) });
    const newer = await makePost({ body: `${tag} second`, publishedAt: new Date(Date.now() - 86_400_000) });
    const thread = await makePost({ body: "A thread." });
    const start = Date.now() - 60 * 60_000;
    const ids: number[] = [];
    for (let i = 0; i < TAG_PAGE_SIZE + 5; i++)
      ids.push(
        (await makeComment({ postId: thread.id, body: `${tag} number ${i}`, postedAt: new Date(start + i * 60_000) }))
          .id,
      );

    const first = await tagPage(`/tags/${tag}`);
    expect(first.status).toBe(200);
    expect(first.data.posts.map((p: { id: number }) => p.id)).toEqual([newer.id, older.id]);
    expect(first.data.comments.map((c: { id: number }) => c.id)).toEqual(ids.slice().reverse().slice(0, TAG_PAGE_SIZE));
    expect(first.data).toMatchObject({ page: 1, pages: 2, postCount: 2, commentCount: TAG_PAGE_SIZE + 5 });
    expect(first.text).not.toMatch(/authorRef|voiceCode|userId/);
    const second = await tagPage(`/tags/${tag}?page=2`);
    expect(second.data.posts).toEqual([]);
    expect(second.data.comments.map((c: { id: number }) => c.id)).toEqual(ids.slice(0, 5).reverse());

    const page = await html(`/tags/${tag}`);
    expect(page.text).toContain(`href="/posts/${thread.slug}/comments/${ids[ids.length - 1]}"`);
    expect(page.text).toContain(`href="/tags/${tag}?page=2"`);
    // The link leads to the comment, focused in its thread.
    const focused = await reader().get(`/posts/${thread.slug}/comments/${ids[ids.length - 1]}`);
    expect(focused.status).toBe(200);
  });

  it("names a tag made a moment ago elsewhere (no event reached this server) on threads and tag pages, in glossary order", async () => {
    const thread = await makePost({ body: "A thread." });
    const comment = await makeComment({ postId: thread.id, body: "The strike is on." });
    // Read at an address never read before: no kept page stands between the rows and the page.
    let reads = 0;
    const tagsShown = async () => {
      const { data } = await editor.browser.data(`/posts/${thread.slug}?read=${++reads}`, "routes/posts.$slug");
      return data.thread.comments.map((c: { id: number; main: string }) => [c.id, tagsIn(c.main)]);
    };
    // The server has read its glossary (names are kept in memory) before the new tag exists.
    expect(await tagsShown()).toEqual([[comment.id, ["strike"]]]);
    // Written straight to the database, as another instance would, with no site event here.
    const name = unique("Aardvote");
    const tag = await db.tag.create({
      data: { name, description: "Made elsewhere.", patterns: JSON.stringify([name]) },
      select: { id: true },
    });
    // As the other instance's tagging does: the comment's tags and its version change together.
    await db.commentTag.create({ data: { commentId: comment.id, tagId: tag.id } });
    await db.comment.update({ where: { id: comment.id }, data: { updatedAt: new Date() } });
    expect(await tagsShown()).toEqual([[comment.id, [name, "strike"]]]);
    const focused = await editor.browser.data(
      `/posts/${thread.slug}/comments/${comment.id}`,
      "routes/posts.$slug_.comments.$id",
    );
    expect(tagsIn(focused.data.comment.main)).toEqual([name, "strike"]);
    const page = await editor.browser.data(`/tags/${name}`, "routes/tags.$tag");
    expect(page.data.comments.map((c: { id: number; tags: string[] }) => [c.id, c.tags])).toEqual([
      [comment.id, [name, "strike"]],
    ]);
  });

  it("never lists deleted, removed or held comments, or anything on an unpublished post", async () => {
    const tag = unique("grumbleword");
    await addGlossaryTag(tag, "Yet another test word.");
    const post = await makePost({ body: "A thread." });
    const owner = reader();
    const kept = await postComment(reader(), post.slug, `${tag} stays`);
    const deleted = await postComment(owner, post.slug, `${tag} deleted by its writer`);
    const removed = await postComment(reader(), post.slug, `${tag} removed by a moderator`);
    const held = await postComment(reader(), post.slug, `${tag} waiting for review`);
    expect((await owner.post(`/posts/${post.slug}`, { intent: "delete", commentId: deleted })).status).toBe(303);
    await db.comment.update({ where: { id: removed }, data: { status: "removed" }, select: { id: true } });
    await db.comment.update({ where: { id: held }, data: { status: "held" }, select: { id: true } });
    const hidden = await makePost({ body: `${tag} in a post that will be unpublished` });
    const onHidden = await makeComment({ postId: hidden.id, body: `${tag} on a post that will be unpublished` });
    await unpublishPost({ postId: hidden.id });

    const { data } = await tagPage(`/tags/${tag}`);
    expect(data.comments.map((c: { id: number }) => c.id)).toEqual([kept]);
    expect(data.posts).toEqual([]);
    expect(data.commentCount).toBe(1);
    const page = await html(`/tags/${tag}`);
    for (const gone of [deleted, removed, held, onHidden.id]) expect(page.text).not.toContain(`/comments/${gone}"`);
    const glossary = await html("/tags");
    expect(glossary.text).toMatch(new RegExp(`>${tag}</a> <span class="meta">0 posts · 1 comment</span>`));
  });

  it("answers an unknown tag (or its feed) with a 404 page, and a name in another case with a redirect", async () => {
    const unknown = await html("/tags/no-such-tag");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("Page not found");
    expect((await reader().get("/tags/no-such-tag.atom")).status).toBe(404);
    expect((await reader().get("/tags/a%20b")).status).toBe(404);
    const moved = await reader().get("/tags/crc?page=2");
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("/tags/CRC?page=2");
  });
});

describe("changing the glossary re-tags everything in the background", () => {
  it("tags old comments and posts with a new tag once the job has run, and shows its progress", async () => {
    const post = await makePost({ body: "Remember your lanyard on the line." });
    const old = await makeComment({ postId: post.id, body: "Lanyards are at the branch office." });
    const other = await makeComment({ postId: post.id, body: "Nothing to see." });
    expect(await commentTags(post.slug, old.id)).toEqual([]);

    const response = await admin.browser.post("/admin/glossary", {
      intent: "create",
      name: "lanyard",
      description: "The branch's lanyards and badges.",
      patterns: "lanyard\nbranch badge",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/glossary");
    await runRetagJobs();

    expect(await commentTags(post.slug, old.id)).toEqual(["lanyard"]);
    expect(await commentTags(post.slug, other.id)).toEqual([]);
    expect(await postTags(post.slug)).toEqual(["lanyard"]);
    const [posts, comments] = await Promise.all([db.post.count(), db.comment.count()]);
    const page = await html("/admin/glossary", admin.browser);
    expect(page.text).toContain(
      `Re-tagging done: ${(posts + comments).toLocaleString("en-GB")} posts and comments checked`,
    );
    const job = await db.retagJob.findFirstOrThrow({
      orderBy: { id: "desc" },
      select: { state: true, done: true, total: true, finishedAt: true },
    });
    expect(job).toMatchObject({ state: "done", done: posts + comments, total: posts + comments });
  });

  it("takes a changed pattern away from what no longer matches, and an edited name to its new address", async () => {
    const post = await makePost({ body: "A thread." });
    const tag = unique("oldword");
    await addGlossaryTag(tag, "A word that will change.");
    const c = await makeComment({ postId: post.id, body: `Talking about ${tag}.` });
    expect(await commentTags(post.slug, c.id)).toEqual([tag]);
    const { id } = await db.tag.findUniqueOrThrow({ where: { name: tag }, select: { id: true } });
    const renamed = `${tag}-renamed`;
    expect(
      (
        await admin.browser.post(`/admin/glossary/${id}`, {
          intent: "update",
          name: renamed,
          description: "Changed.",
          patterns: "somethingelse",
        })
      ).status,
    ).toBe(302);
    await runRetagJobs();
    expect(await commentTags(post.slug, c.id)).toEqual([]);
    expect((await reader().get(`/tags/${renamed}`)).status).toBe(200);
    expect((await reader().get(`/tags/${tag}`)).status).toBe(404);

    expect((await admin.browser.post(`/admin/glossary/${id}`, { intent: "delete" })).status).toBe(302);
    expect((await reader().get(`/tags/${renamed}`)).status).toBe(404);
    expect(await db.tag.count({ where: { id } })).toBe(0);
  });

  it("queues one more run when the glossary changes while a run is waiting or going on", async () => {
    const first = unique("firstword");
    const second = unique("secondword");
    const post = await makePost({ body: `${first} and ${second} in one post.` });
    await db.retagJob.updateMany({ where: { state: { in: ["queued", "running"] } }, data: { state: "done" } });
    await admin.browser.post("/admin/glossary", {
      intent: "create",
      name: first,
      description: "First.",
      patterns: first,
    });
    await admin.browser.post("/admin/glossary", {
      intent: "create",
      name: second,
      description: "Second.",
      patterns: second,
    });
    expect(await db.retagJob.count({ where: { state: "queued" } })).toBeLessThanOrEqual(1);
    await runRetagJobs();
    expect(await db.retagJob.count({ where: { state: { in: ["queued", "running"] } } })).toBe(0);
    expect(await postTags(post.slug)).toEqual([first, second].sort());
  });

  it("runs the job on its own after the glossary page answered, without anyone waiting for it", async () => {
    const word = unique("selfstarter");
    const post = await makePost({ body: `A post about ${word}.` });
    const response = await admin.browser.post("/admin/glossary", {
      intent: "create",
      name: word,
      description: "Runs by itself.",
      patterns: word,
    });
    expect(response.status).toBe(302);
    for (let i = 0; i < 100 && (await db.retagJob.count({ where: { state: { in: ["queued", "running"] } } })) > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await db.retagJob.count({ where: { state: { in: ["queued", "running"] } } })).toBe(0);
    expect(await postTags(post.slug)).toEqual([word]);
  });

  it("shows how far a running job has got", async () => {
    const job = await db.retagJob.create({ data: { state: "running", total: 5000, done: 1200 }, select: { id: true } });
    try {
      const page = await html("/admin/glossary", admin.browser);
      expect(page.text).toContain("Re-tagging: 1,200 of 5,000 done.");
    } finally {
      await db.retagJob.update({
        where: { id: job.id },
        data: { state: "done", done: 5000, finishedAt: new Date() },
        select: { id: true },
      });
    }
  });
});

describe("editors' tags on a post", () => {
  it("keeps a tag an editor adds, though no pattern matches, through edits and re-tagging", async () => {
    const post = await makePost({ body: "A quiet week at the office." });
    expect(await postTags(post.slug)).toEqual([]);
    expect((await editor.browser.post(`/admin/posts/${post.id}`, { intent: "add-tag", tag: "napo" })).status).toBe(302);
    expect(await postTags(post.slug)).toEqual(["Napo"]);
    await editor.browser.post(`/admin/posts/${post.id}`, { intent: "edit", title: "Quiet week", body: "Still quiet." });
    await addGlossaryTag(unique("retrigger"), "Starts a re-tagging.");
    expect(await postTags(post.slug)).toEqual(["Napo"]);
    const page = await html(`/posts/${post.slug}`);
    expect(page.text).toMatch(/<a[^>]*href="\/tags\/Napo"/);
    const editorPage = await html(`/admin/posts/${post.id}`, editor.browser);
    expect(editorPage.text).toContain("added by an editor");
  });

  it("keeps an automatic tag an editor removed off the post, through edits and re-tagging", async () => {
    const post = await makePost({ body: "Strike dates announced; the ballot result is in." });
    expect(await postTags(post.slug)).toEqual(["ballot", "strike"]);
    expect((await editor.browser.post(`/admin/posts/${post.id}`, { intent: "remove-tag", tag: "strike" })).status).toBe(
      302,
    );
    expect(await postTags(post.slug)).toEqual(["ballot"]);
    await editor.browser.post(`/admin/posts/${post.id}`, {
      intent: "edit",
      title: "Strike dates",
      body: "Strike dates announced: strikes on three days, a walkout on the fourth, as the ballot said.",
    });
    expect(await postTags(post.slug)).toEqual(["ballot"]);
    await addGlossaryTag(unique("retrigger"), "Starts a re-tagging.");
    expect(await postTags(post.slug)).toEqual(["ballot"]);
    const rows = await db.postTag.findMany({
      where: { postId: post.id },
      select: { source: true, tag: { select: { name: true } } },
    });
    expect(rows.map((r) => `${r.tag.name}:${r.source}`).sort()).toEqual(["ballot:auto", "strike:suppressed"]);
    expect(
      (await reader().data(`/tags/strike`, "routes/tags.$tag")).data.posts.map((p: { id: number }) => p.id),
    ).not.toContain(post.id);
    // Adding it back by hand makes it the editor's tag again.
    await editor.browser.post(`/admin/posts/${post.id}`, { intent: "add-tag", tag: "strike" });
    expect(await postTags(post.slug)).toEqual(["ballot", "strike"]);
  });

  it("refuses a tag that is not in the glossary, keeping what was typed", async () => {
    const post = await makePost({ body: "Nothing." });
    const response = await editor.browser.post(`/admin/posts/${post.id}`, { intent: "add-tag", tag: "no-such-tag" });
    expect(response.status).toBe(400);
    const text = pageText(await response.text());
    expect(text).toContain("“no-such-tag” is not in the glossary");
    expect(text).toContain('value="no-such-tag"');
    expect(await db.postTag.count({ where: { postId: post.id } })).toBe(0);
  });
});

describe("refusing bad glossary input: 400, the problem named, the typed values kept, nothing written", () => {
  const good = { name: "goodname", description: "A fine description.", patterns: "goodword" };
  const cases: [string, Partial<typeof good>, RegExp][] = [
    ["an empty name", { name: "" }, /Give the tag a name/],
    ["a name that differs from an existing one only in case", { name: "crc" }, /There is already a tag called “CRC”/],
    ["a name with a space", { name: "industrial action" }, /no spaces/],
    ["a name with punctuation", { name: "strike!" }, /only letters, digits and hyphens/],
    ["a name over 40 characters", { name: "n".repeat(41) }, /at most 40 characters/],
    ["an empty description", { description: "   " }, /Describe the tag/],
    ["a single-letter pattern", { patterns: "goodword\nx" }, /single letter/],
    ["a pattern of punctuation only", { patterns: "?!" }, /needs letters or digits/],
    ["a regular-expression pattern", { patterns: "strik.*" }, /only letters, digits, spaces and hyphens/],
    ["a pattern over 60 characters", { patterns: "p".repeat(61) }, /at most 60 characters/],
    [
      "more than 20 patterns",
      { patterns: Array.from({ length: 21 }, (_, i) => `word${i}`).join("\n") },
      /at most 20 patterns/,
    ],
    ["a pattern too common to mean anything", { patterns: "the" }, /too common/],
  ];

  const snapshot = async () => ({
    tags: await db.tag.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, description: true, patterns: true, updatedAt: true },
    }),
    jobs: await db.retagJob.count(),
  });

  for (const [what, change, message] of cases) {
    it(`adding a tag with ${what}`, async () => {
      const fields = { intent: "create", ...good, ...change };
      const before = await snapshot();
      const response = await admin.browser.post("/admin/glossary", fields);
      expect(response.status).toBe(400);
      const text = pageText(await response.text());
      expect(text).toMatch(message);
      if (fields.name) expect(text).toContain(`value="${fields.name}"`);
      if (fields.description.trim()) expect(text).toContain(`value="${fields.description}"`);
      expect(text).toContain(`${fields.patterns}</textarea>`);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("editing a tag to another tag's name (in another case)", async () => {
    const { id } = await db.tag.findUniqueOrThrow({ where: { name: "ballot" }, select: { id: true } });
    const before = await snapshot();
    const response = await admin.browser.post(`/admin/glossary/${id}`, {
      intent: "update",
      name: "STRIKE",
      description: "Ballots.",
      patterns: "ballot",
    });
    expect(response.status).toBe(400);
    const text = pageText(await response.text());
    expect(text).toContain("There is already a tag called “strike”");
    expect(text).toContain('value="STRIKE"');
    expect(await snapshot()).toEqual(before);
  });

  it("editing or deleting a tag that does not exist is a 404", async () => {
    expect((await admin.browser.post("/admin/glossary/999999", { intent: "delete" })).status).toBe(404);
    expect((await admin.browser.get("/admin/glossary/999999")).status).toBe(404);
  });
});

describe("who may change the glossary and a post's tags", () => {
  let tagId: number;
  let postId: number;
  beforeAll(async () => {
    tagId = (await db.tag.findUniqueOrThrow({ where: { name: "SFO" }, select: { id: true } })).id;
    postId = (await makePost({ body: "An SFO review." })).id;
  });

  const snapshot = async () => ({
    tags: await db.tag.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, description: true, patterns: true },
    }),
    postTags: await db.postTag.findMany({
      where: { postId },
      orderBy: { tagId: "asc" },
      select: { tagId: true, source: true },
    }),
    jobs: await db.retagJob.count(),
  });
  const gets = () => ["/admin/glossary", `/admin/glossary/${tagId}`];
  const posts = (): [string, Record<string, string>][] => [
    ["/admin/glossary", { intent: "create", name: "sneaky", description: "Not allowed.", patterns: "sneaky" }],
    [`/admin/glossary/${tagId}`, { intent: "update", name: "SFO", description: "Defaced.", patterns: "SFO" }],
    [`/admin/glossary/${tagId}`, { intent: "delete" }],
    [`/admin/posts/${postId}`, { intent: "add-tag", tag: "Napo" }],
    [`/admin/posts/${postId}`, { intent: "remove-tag", tag: "SFO" }],
  ];

  it("sends a reader to sign in, and writes nothing", async () => {
    const before = await snapshot();
    for (const path of gets()) {
      const response = await reader().get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    for (const [path, fields] of posts()) {
      const response = await reader().post(path, fields);
      expect(response.status, `${path} ${fields.intent}`).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect(await snapshot()).toEqual(before);
  });

  for (const role of ["member", "moderator"] as const) {
    it(`refuses a ${role} with 403, and writes nothing`, async () => {
      const { browser } = await signedIn(role);
      const before = await snapshot();
      for (const path of gets()) expect((await browser.get(path)).status, path).toBe(403);
      for (const [path, fields] of posts())
        expect((await browser.post(path, fields)).status, `${path} ${fields.intent}`).toBe(403);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("lets an editor open the glossary, and shows editors the way there from /tags", async () => {
    const page = await html("/admin/glossary", editor.browser);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Add a tag");
    // /tags is one page for every reader; the way there is the editor's personal part of it.
    expect((await html("/tags", editor.browser)).text).toBe((await html("/tags")).text);
    expect((await editor.browser.personal()).member).toMatchObject({ editor: true });
    expect((await reader().personal()).member).toBeNull();
  });
});

describe("a busy tag's page", () => {
  it("counts to 1,000 and says 1,000+ beyond, and still lists the newest first", async () => {
    const post = await makePost({ title: "A very busy thread" });
    const tag = await db.tag.findUniqueOrThrow({ where: { name: "NPS" }, select: { id: true, name: true } });
    await db.comment.createMany({
      data: Array.from({ length: TAG_COUNT_LIMIT + 1 }, (_, i) => ({
        postId: post.id,
        bodyMarkdown: `Busy ${i}`,
        bodyHtml: `<p>Busy comment ${i}</p>`,
        voice: "anonymous",
        voiceCode: "BUSY",
        authorRef: "busy-writer",
      })),
    });
    const rows = await db.comment.findMany({ where: { postId: post.id }, select: { id: true } });
    await db.commentTag.createMany({ data: rows.map(({ id }) => ({ commentId: id, tagId: tag.id })) });
    const { data } = await reader().data(`/tags/${tag.name}`, "routes/tags.$tag");
    expect(data.commentCount).toBe(TAG_COUNT_LIMIT);
    expect(data.countsCapped.comments).toBe(true);
    expect(data.pages).toBe(TAG_COUNT_LIMIT / TAG_PAGE_SIZE);
    expect(data.comments).toHaveLength(TAG_PAGE_SIZE);
    expect(data.comments[0].bodyHtml).toBe(`<p>Busy comment ${TAG_COUNT_LIMIT}</p>`);
    expect((await html(`/tags/${tag.name}`)).text).toContain("1,000+ comments");
    const last = await reader().data(`/tags/${tag.name}?page=${data.pages}`, "routes/tags.$tag");
    expect(last.data.page).toBe(data.pages);
    expect(last.data.comments).toHaveLength(TAG_PAGE_SIZE);
  });
});
