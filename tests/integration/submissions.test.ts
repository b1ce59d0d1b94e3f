// The members' blog, end to end over HTTP: a member submits, an editor reviews, edits and
// publishes or rejects, and the member follows it on their submissions page. Voices, bad
// input, and what editors do to published posts.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import type { Role } from "~/models/users.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const reader = () => new TestBrowser(base);
const PASSWORD = "correct horse battery";

let counter = 0;
const unique = (what: string) => `${what} ${++counter}`;

async function signedIn(role: Role = "member") {
  const user = await makeUser({ username: unique(`subm ${role}`), role });
  const browser = new TestBrowser(base);
  const response = await browser.post("/login", { username: user.username, password: PASSWORD });
  expect(response.status).toBe(302);
  return { user, browser };
}

const html = async (response: Response) => pageText(await response.text());
const page = async (browser: TestBrowser, path: string) => html(await browser.get(path));
const homeTitles = async () =>
  (await reader().data("/", "routes/_index")).data.posts.map((p: { title: string }) => p.title);

/** Submits through /submit and returns the stored row. */
async function submit(
  browser: TestBrowser,
  fields: { title: string; body?: string; suggestedTags?: string; voice?: string },
) {
  const response = await browser.post("/submit", {
    body: "From the shop floor.",
    suggestedTags: "",
    voice: "anonymous",
    ...fields,
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/me/submissions");
  return db.post.findFirstOrThrow({ where: { title: fields.title } });
}

async function publish(editor: TestBrowser, postId: number) {
  const response = await editor.post(`/admin/posts/${postId}`, { intent: "publish" });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe(`/admin/posts/${postId}`);
}

describe("a member's submission, from the form to the home page", () => {
  it("waits for the editors, is edited and published, and the member sees it published", async () => {
    const member = await signedIn();
    const editor = await signedIn("editor");
    const alreadyOut = await makePost({ title: unique("Already on the blog") });
    const alreadyOutTitle = (await db.post.findUniqueOrThrow({ where: { id: alreadyOut.id } })).title;
    const title = unique("Why we walked out");
    const body = "We walked out at **six**.\n\n- pay\n- hours";

    const post = await submit(member.browser, { title, body, suggestedTags: "strike, CRC", voice: "member" });
    expect(post).toMatchObject({
      status: "submitted",
      bodyMarkdown: body,
      suggestedTags: "strike, CRC",
      publishedAt: null,
    });

    // The member sees it waiting; readers do not see it at all.
    const waiting = await page(member.browser, "/me/submissions");
    expect(waiting).toMatch(new RegExp(`<h2>${title}</h2>`));
    expect(waiting).toContain("waiting for the editors");
    expect(waiting).not.toContain(`href="/posts/${post.slug}"`);
    expect(await homeTitles()).not.toContain(title);
    expect(await page(reader(), "/")).not.toContain(title);
    expect((await reader().get(`/posts/${post.slug}`)).status).toBe(404);
    expect((await member.browser.get(`/posts/${post.slug}`)).status).toBe(404);

    // The editor finds it above the published posts, with its suggested tags and markdown.
    const list = await page(editor.browser, "/admin/posts");
    expect(list).toContain(title);
    expect(list.indexOf(title)).toBeLessThan(list.indexOf(alreadyOutTitle));
    const { data } = await editor.browser.data("/admin/posts", "routes/admin.posts._index");
    const statuses = (data.posts as { status: string }[]).map((p) => p.status);
    expect(statuses.lastIndexOf("submitted")).toBeLessThan(statuses.indexOf("published"));
    const review = await page(editor.browser, `/admin/posts/${post.id}`);
    expect(review).toContain("Suggested tags: strike, CRC");
    expect(review).toContain("We walked out at **six**.");
    expect(review).toContain("<strong>six</strong>");
    expect(review).toContain(">submitted</span>");

    // Edited, then published.
    const edited = unique("We walked out, and we won");
    const edit = await editor.browser.post(`/admin/posts/${post.id}`, { intent: "edit", title: edited, body });
    expect(edit.status).toBe(302);
    expect(await page(editor.browser, `/admin/posts/${post.id}`)).toContain(`<h1>${edited}</h1>`);
    expect((await reader().get(`/posts/${post.slug}`)).status).toBe(404);
    await publish(editor.browser, post.id);

    expect(await homeTitles()).toContain(edited);
    const home = await page(reader(), "/");
    expect(home).toContain(`href="/posts/${post.slug}">${edited}</a>`);
    expect(home).not.toContain(title);
    const postPage = await reader().get(`/posts/${post.slug}`);
    expect(postPage.status).toBe(200);
    const postHtml = await html(postPage);
    expect(postHtml).toContain(`<h1>${edited}</h1>`);
    expect(postHtml).toContain("We walked out at <strong>six</strong>.");
    expect(postHtml).toContain(member.user.username);

    const mine = await page(member.browser, "/me/submissions");
    expect(mine).toContain(`href="/posts/${post.slug}">${edited}</a>`);
    expect(mine).toContain('<span class="status">published</span>');
    expect(mine).not.toContain("waiting for the editors");
  });

  it("a rejected submission says so, with the editors' reason, and never reaches the blog", async () => {
    const member = await signedIn();
    const editor = await signedIn("editor");
    const title = unique("A post about the rota");
    const post = await submit(member.browser, { title, voice: "member" });
    const response = await editor.browser.post(`/admin/posts/${post.id}`, {
      intent: "reject",
      reason: "Names a manager; please rewrite without.",
    });
    expect(response.status).toBe(302);

    const mine = await page(member.browser, "/me/submissions");
    expect(mine).toContain('<span class="status">not published</span>');
    expect(mine).toContain("The editors said: Names a manager; please rewrite without.");
    expect(mine).not.toContain(`href="/posts/${post.slug}"`);
    expect((await reader().get(`/posts/${post.slug}`)).status).toBe(404);
    expect(await homeTitles()).not.toContain(title);
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("rejected");
  });

  it("lists a member's own submissions only, newest first", async () => {
    const member = await signedIn();
    const other = await signedIn();
    const first = unique("First of mine");
    const second = unique("Second of mine");
    const theirs = unique("Not mine");
    await submit(member.browser, { title: first, voice: "member" });
    await submit(member.browser, { title: second, voice: "anonymous" });
    await submit(other.browser, { title: theirs, voice: "member" });
    const mine = await page(member.browser, "/me/submissions");
    expect(mine).toContain(first);
    expect(mine).toContain(second);
    expect(mine).not.toContain(theirs);
    expect(mine.indexOf(second)).toBeLessThan(mine.indexOf(first));
    expect(await page(other.browser, "/me/submissions")).not.toContain(first);
  });
});

describe("voices", () => {
  it("an anonymous post shows 'Anonymous', no poster tag and no username, stores no user, and is still the member's", async () => {
    const member = await signedIn();
    const editor = await signedIn("editor");
    const title = unique("From someone on nights");
    const post = await submit(member.browser, { title, voice: "anonymous" });
    expect(post).toMatchObject({ voice: "anonymous", userId: null, displayName: null, voiceCode: null });
    expect(post.authorRef).toBeTruthy();

    const review = await page(editor.browser, `/admin/posts/${post.id}`);
    expect(review).toContain("By Anonymous ·");
    expect(review).not.toContain(member.user.username);
    await publish(editor.browser, post.id);

    const postHtml = await page(reader(), `/posts/${post.slug}`);
    expect(postHtml).toContain(`<h1>${title}</h1>`);
    expect(postHtml).toMatch(/<p class="meta"> Anonymous · /);
    expect(postHtml).not.toMatch(/Anonymous ·[0-9A-Z]{4}/);
    expect(postHtml).not.toContain(member.user.username);
    expect(postHtml).not.toContain(post.authorRef!);
    const data = (await reader().data(`/posts/${post.slug}`, "routes/posts.$slug")).text;
    expect(data).not.toContain(member.user.username);
    expect(data).not.toMatch(/authorRef|userId/);
    expect(await page(reader(), "/")).not.toContain(member.user.username);

    const mine = await page(member.browser, "/me/submissions");
    expect(mine).toContain(`href="/posts/${post.slug}">${title}</a>`);
    expect(mine).toMatch(/As Anonymous · sent/);
  });

  it("a post under the member's own name shows the username", async () => {
    const member = await signedIn();
    const editor = await signedIn("editor");
    const title = unique("Signed with my name");
    const post = await submit(member.browser, { title, voice: "member" });
    expect(post).toMatchObject({ voice: "member", userId: member.user.id, displayName: member.user.username });
    await publish(editor.browser, post.id);
    expect(await page(reader(), `/posts/${post.slug}`)).toMatch(
      new RegExp(`<p class="meta"> ${member.user.username} · `),
    );
  });

  it("a post under a pen name shows the pen name, not the username", async () => {
    const member = await signedIn();
    const editor = await signedIn("editor");
    const penName = unique("Night Owl");
    const added = await member.browser.post("/me", { intent: "add-pen-name", name: penName });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toBe("/me");
    expect(await page(member.browser, "/me")).toContain(penName);
    const pen = await db.penName.findFirstOrThrow({ where: { userId: member.user.id, name: penName } });
    expect(await page(member.browser, "/submit")).toContain(
      `<option value="penname:${pen.id}">${penName} (pen name)</option>`,
    );

    const title = unique("Under my pen name");
    const post = await submit(member.browser, { title, voice: `penname:${pen.id}` });
    expect(post).toMatchObject({ voice: "penname", displayName: penName });
    await publish(editor.browser, post.id);
    const postHtml = await page(reader(), `/posts/${post.slug}`);
    expect(postHtml).toMatch(new RegExp(`<p class="meta"> ${penName} · `));
    expect(postHtml).not.toContain(member.user.username);
    expect(await page(member.browser, "/me/submissions")).toMatch(new RegExp(`As ${penName} · sent`));
  });

  it("another member's pen name is refused (403) and nothing is written", async () => {
    const owner = await signedIn();
    const impostor = await signedIn();
    const penName = unique("Shop Steward Sal");
    expect((await owner.browser.post("/me", { intent: "add-pen-name", name: penName })).status).toBe(302);
    const pen = await db.penName.findFirstOrThrow({ where: { userId: owner.user.id } });

    const before = await db.post.count();
    const body = "Pretending to be Sal.";
    const response = await impostor.browser.post("/submit", {
      title: unique("Not really Sal"),
      body,
      voice: `penname:${pen.id}`,
    });
    expect(response.status).toBe(403);
    const text = await html(response);
    expect(text).toContain("That pen name is not yours.");
    expect(text).toContain(body);
    expect(await db.post.count()).toBe(before);
  });
});

describe("bad input on /submit: 400, the text kept, nothing written", () => {
  const body = "A careful draft about the *ballot* that must not be lost.";
  const cases: [string, Record<string, string>, RegExp][] = [
    ["an empty title", { title: "", body }, /Give the post a title\./],
    ["a whitespace-only title", { title: "   ", body }, /Give the post a title\./],
    [
      "a whitespace-only body",
      { title: "A title that is kept", body: "  \n\t  " },
      /Write the post before sending it\./,
    ],
    ["a title over 150 characters", { title: "t".repeat(151), body }, /at most 150 characters/],
    ["a title with a control character", { title: "Bell\u0007 title", body }, /cannot contain control characters/],
    ["a title with a newline", { title: "Two\nlines", body }, /cannot contain control characters/],
    [
      "suggested tags over 200 characters",
      { title: "Fine title", body, suggestedTags: "tag, ".repeat(41) },
      /Suggested tags can be at most 200/,
    ],
  ];

  for (const [what, fields, message] of cases) {
    it(what, async () => {
      const member = await signedIn();
      const before = await db.post.count();
      const response = await member.browser.post("/submit", { voice: "anonymous", suggestedTags: "", ...fields });
      expect(response.status).toBe(400);
      const text = await html(response);
      expect(text).toMatch(message);
      expect(text).toContain('role="alert"');
      if (fields.body.trim()) expect(text).toContain(body);
      if (what === "a whitespace-only body") expect(text).toContain('value="A title that is kept"');
      if (what === "a title over 150 characters") expect(text).toContain(`value="${fields.title}"`);
      expect(await db.post.count()).toBe(before);
      expect(await page(member.browser, "/me/submissions")).toContain("None yet.");
    });
  }

  it("a title of exactly 150 characters is accepted", async () => {
    const member = await signedIn();
    const title = `${unique("Long")} ${"x".repeat(150)}`.slice(0, 150);
    const post = await submit(member.browser, { title });
    expect([...post.title].length).toBe(150);
  });
});

describe("editors on the blog", () => {
  it("write a post directly: published at once, pinned to the top when asked", async () => {
    const editor = await signedIn("editor");
    const plainTitle = unique("Branch meeting minutes");
    const plain = await editor.browser.post("/admin/posts/new", {
      title: plainTitle,
      body: "Minutes attached.",
      voice: "member",
    });
    expect(plain.status).toBe(302);
    const pinnedTitle = unique("Ballot closes Friday");
    const pinned = await editor.browser.post("/admin/posts/new", {
      title: pinnedTitle,
      body: "**Vote.**",
      voice: "member",
      pinned: "on",
    });
    expect(pinned.status).toBe(302);
    const pinnedSlug = pinned.headers.get("location")!.replace(/^\/posts\//, "");

    const { data } = await reader().data("/", "routes/_index");
    expect(data.posts[0]).toMatchObject({ title: pinnedTitle, pinned: true, author: editor.user.username });
    expect(data.posts.find((p: { title: string }) => p.title === plainTitle)).toMatchObject({ pinned: false });
    const home = await page(reader(), "/");
    expect(home).toContain(
      `<span class="badge">Pinned</span> <a data-discover="true" href="/posts/${pinnedSlug}">${pinnedTitle}</a>`,
    );
    expect(home.indexOf(pinnedTitle)).toBeLessThan(home.indexOf(plainTitle));
    const postHtml = await page(reader(), `/posts/${pinnedSlug}`);
    expect(postHtml).toContain("<strong>Vote.</strong>");
    expect(postHtml).toContain('<span class="badge">Pinned</span>');
  });

  it("close comments, which readers are told; reopen, and comments are taken again; unpublish, and the post is gone", async () => {
    const editor = await signedIn("editor");
    const title = unique("Picket rota for next week");
    const created = await editor.browser.post("/admin/posts/new", { title, body: "Sign up below.", voice: "member" });
    const slug = created.headers.get("location")!.replace(/^\/posts\//, "");
    const { id } = await db.post.findUniqueOrThrow({ where: { slug } });

    const close = await editor.browser.post(`/admin/posts/${id}`, { intent: "close-comments" });
    expect(close.status).toBe(302);
    expect(await page(reader(), `/posts/${slug}`)).toContain("Comments are closed on this post.");
    expect(await page(reader(), "/")).toMatch(new RegExp(`${title}[\\s\\S]*?comments closed`));
    const refused = await reader().post(`/posts/${slug}`, { intent: "comment", body: "x" });
    expect(refused.status).toBe(403);
    expect(await html(refused)).toContain("Comments are closed");
    expect(await db.comment.count({ where: { postId: id } })).toBe(0);

    const reopen = await editor.browser.post(`/admin/posts/${id}`, { intent: "open-comments" });
    expect(reopen.status).toBe(302);
    const comment = await reader().post(`/posts/${slug}`, { intent: "comment", body: "x" });
    expect(comment.status).toBe(303);
    expect(comment.headers.get("location")).toMatch(new RegExp(`^/posts/${slug}#c-\\d+$`));
    expect(await db.comment.count({ where: { postId: id } })).toBe(1);

    const unpublish = await editor.browser.post(`/admin/posts/${id}`, { intent: "unpublish" });
    expect(unpublish.status).toBe(302);
    const gone = await reader().get(`/posts/${slug}`);
    expect(gone.status).toBe(404);
    expect(await html(gone)).toContain("Page not found");
    expect(await homeTitles()).not.toContain(title);
    expect(await page(reader(), "/")).not.toContain(title);
    expect((await reader().post(`/posts/${slug}`, { intent: "comment", body: "still here?" })).status).toBe(404);
    expect(await page(editor.browser, `/admin/posts/${id}`)).toContain(">unpublished</span>");
  });

  it("an unpublished member's post shows as unpublished on the member's page, and can be published again", async () => {
    const member = await signedIn();
    const editor = await signedIn("editor");
    const title = unique("Back and forth");
    const post = await submit(member.browser, { title, voice: "member" });
    await publish(editor.browser, post.id);
    expect((await editor.browser.post(`/admin/posts/${post.id}`, { intent: "unpublish" })).status).toBe(302);
    expect(await page(member.browser, "/me/submissions")).toContain("unpublished by the editors");
    expect((await reader().get(`/posts/${post.slug}`)).status).toBe(404);
    await publish(editor.browser, post.id);
    expect((await reader().get(`/posts/${post.slug}`)).status).toBe(200);
    expect(await homeTitles()).toContain(title);
  });
});
