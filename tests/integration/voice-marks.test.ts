// Voices a reader can follow: each voice's mark is the same wherever it speaks in a thread, the
// post's author answering under their own name is marked, a moderator may speak as one, and a
// reply that is not right under its parent says whom it answers. Nothing marks an anonymous voice
// or a pen name as anyone's.
import { describe, expect, it } from "vitest";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, useApp } from "./http";

const base = useApp();
const PASSWORD = "correct horse battery";

async function signIn(username: string) {
  const browser = new TestBrowser(base);
  expect((await browser.post("/login", { username, password: PASSWORD })).status).toBe(302);
  return browser;
}

/** The header of comment `id` in a thread page's HTML: its voice and the line beside it. */
function headOf(html: string, id: number): string {
  const start = html.indexOf(`id="c-${id}"`);
  expect(start, `comment ${id} is on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('class="comment-main"', start));
}
const markOf = (head: string) => /class="(mark shape-\d hue-\d)"/.exec(head)?.[1];

describe("voices in a thread", () => {
  it("gives a voice the same mark on each of its comments, and other voices their own", async () => {
    const post = await makePost();
    const writer = { browserKey: "mark-test-writer-0123456789abcdef" };
    const first = await makeComment({ postId: post.id, writer, body: "First word" });
    const again = await makeComment({ postId: post.id, writer, body: "Second word" });
    const others = await Promise.all(
      Array.from({ length: 6 }, (_, i) => makeComment({ postId: post.id, body: `Someone else ${i}` })),
    );
    const html = await (await new TestBrowser(base).get(`/posts/${post.slug}`)).text();
    expect(markOf(headOf(html, first.id))).toBeDefined();
    expect(markOf(headOf(html, again.id))).toBe(markOf(headOf(html, first.id)));
    const marks = new Set(others.map((c) => markOf(headOf(html, c.id))));
    expect(marks.size, "six other voices, mostly six other marks").toBeGreaterThan(3);
  });

  it("marks the post's author under their own name, never anonymous or under a pen name", async () => {
    const editor = await makeUser({ role: "editor" });
    const member = { id: editor.id, username: editor.username, role: "editor" };
    const post = await makePost({ choice: { kind: "member" }, member, writer: { userId: editor.id } });
    const named = await makeComment({
      postId: post.id,
      choice: { kind: "member" },
      member,
      writer: { userId: editor.id },
    });
    const anonymous = await makeComment({ postId: post.id, member, writer: { userId: editor.id } });
    const someoneElse = await makeComment({ postId: post.id, choice: { kind: "pseudonym", name: "Night Shift" } });
    const html = await (await new TestBrowser(base).get(`/posts/${post.slug}`)).text();
    expect(headOf(html, named.id)).toContain('<span class="role author">post author</span>');
    expect(headOf(html, anonymous.id)).not.toContain("role");
    expect(headOf(html, someoneElse.id)).not.toContain("role");
  });

  it("lets a moderator speak as one, offers it to moderators only, and refuses it to others keeping their text", async () => {
    const moderator = await makeUser({ role: "moderator" });
    const plain = await makeUser();
    const post = await makePost();
    const asModerator = await signIn(moderator.username);
    expect((await asModerator.personal(post.slug)).voices.map((v) => v.value)).toContain("moderator");
    const posted = await asModerator.post(`/posts/${post.slug}`, {
      intent: "comment",
      voice: "moderator",
      body: "Keep it civil, please.",
    });
    expect(posted.status).toBe(303);
    const id = Number(/#c-(\d+)$/.exec(posted.headers.get("location") ?? "")?.[1]);
    const html = await (await new TestBrowser(base).get(`/posts/${post.slug}`)).text();
    expect(headOf(html, id)).toContain(`>${moderator.username}</span>`);
    expect(headOf(html, id)).toContain('<span class="role moderator">moderator</span>');

    const member = await signIn(plain.username);
    expect((await member.personal(post.slug)).voices.map((v) => v.value)).not.toContain("moderator");
    const refused = await member.post(`/posts/${post.slug}`, {
      intent: "comment",
      voice: "moderator",
      body: "I am totally a moderator.",
    });
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain("Only moderators can speak as a moderator.");
    expect(page).toContain("I am totally a moderator.");
  });

  it("says whom a reply answers when it is not right under its parent", async () => {
    const post = await makePost();
    const parent = await makeComment({ postId: post.id, choice: { kind: "pseudonym", name: "Rota Keeper" } });
    const firstReply = await makeComment({ postId: post.id, parentId: parent.id });
    await makeComment({ postId: post.id, parentId: firstReply.id, body: "Deeper in the first branch" });
    const secondReply = await makeComment({ postId: post.id, parentId: parent.id });
    const html = await (await new TestBrowser(base).get(`/posts/${post.slug}`)).text();
    expect(headOf(html, firstReply.id)).not.toContain('class="answers"');
    expect(headOf(html, secondReply.id)).toContain(
      `<a class="answers" href="#c-${parent.id}">to <!-- -->Rota Keeper</a>`,
    );
  });
});
