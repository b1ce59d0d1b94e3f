// Actions that keep the reader's place: flagging, editing, replying and deleting lead back to the
// comment acted on, with what was done said right under it (above its replies), without JavaScript.
import { describe, expect, it } from "vitest";
import { makeComment, makePost } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const reader = () => new TestBrowser(base);

/** Where `text` stands in `html`, which must contain it. */
function at(html: string, text: string) {
  const found = html.indexOf(text);
  expect(found, `the page shows ${JSON.stringify(text)}`).toBeGreaterThan(-1);
  return found;
}

async function follow(browser: TestBrowser, response: Response, status = 303) {
  expect(response.status).toBe(status);
  const location = response.headers.get("location") ?? "";
  return { location, html: await (await browser.get(location.replace(/#.*$/, ""))).text() };
}

describe("actions keep your place", () => {
  it("a flag lands on the flagged comment, thanked right under it and above its replies", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id, body: "The rota is unfair to part-timers" });
    await makeComment({ postId: post.id, parentId: comment.id, body: "A reply under the flagged comment" });
    const flagger = reader();
    const { location, html } = await follow(
      flagger,
      await flagger.post(`/posts/${post.slug}/comments/${comment.id}`, {
        intent: "flag",
        commentId: comment.id,
        reason: "abusive",
        note: "",
      }),
    );
    expect(location).toBe(`/posts/${post.slug}/comments/${comment.id}?flagged=1#c-${comment.id}`);
    const thanks = at(html, "Thank you: the moderators will look at it.");
    expect(thanks).toBeGreaterThan(at(html, "The rota is unfair to part-timers"));
    expect(thanks).toBeLessThan(at(html, "A reply under the flagged comment"));
  });

  it("a flag that hides the comment lands on its place, saying it is hidden, and shows nothing of it", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id, body: "Her address is 4 Elm Road" });
    const flagger = reader();
    const { html } = await follow(
      flagger,
      await flagger.post(`/posts/${post.slug}/comments/${comment.id}`, {
        intent: "flag",
        commentId: comment.id,
        reason: "identity",
        note: "",
      }),
    );
    expect(pageText(html)).toContain("Thank you: it is hidden until the moderators have looked at it.");
    expect(html).toContain(`id="c-${comment.id}"`);
    expect(html).not.toContain("Elm Road");
  });

  it("an edit lands on the comment, saying the changes are saved", async () => {
    const post = await makePost();
    const writer = reader();
    const posted = await writer.post(`/posts/${post.slug}`, { intent: "comment", body: "Frist draft" });
    const id = Number(/#c-(\d+)$/.exec(posted.headers.get("location") ?? "")?.[1]);
    const { location, html } = await follow(
      writer,
      await writer.post(`/posts/${post.slug}/comments/${id}`, { intent: "edit", commentId: id, body: "First draft" }),
    );
    expect(location).toBe(`/posts/${post.slug}/comments/${id}?edited=1#c-${id}`);
    expect(at(html, "Your changes are saved.")).toBeGreaterThan(at(html, "First draft"));
  });

  it("a reply form opened without JavaScript stands right under its comment, above the replies", async () => {
    const post = await makePost();
    const comment = await makeComment({ postId: post.id, body: "Who is on the Tuesday picket?" });
    await makeComment({ postId: post.id, parentId: comment.id, body: "An earlier answer" });
    const page = reader();
    const toForm = await page.get(`/posts/${post.slug}?reply=${comment.id}`);
    const { html } = await follow(page, toForm, 302);
    const form = at(html, '<details id="reply" open=""');
    expect(form).toBeGreaterThan(at(html, "Who is on the Tuesday picket?"));
    expect(form).toBeLessThan(at(html, "An earlier answer"));
  });

  it("a deletion lands on the comment's place in the thread, its tombstone there", async () => {
    const post = await makePost();
    const writer = reader();
    const posted = await writer.post(`/posts/${post.slug}`, { intent: "comment", body: "Posted in haste" });
    const id = Number(/#c-(\d+)$/.exec(posted.headers.get("location") ?? "")?.[1]);
    const { location, html } = await follow(
      writer,
      await writer.post(`/posts/${post.slug}/comments/${id}`, { intent: "delete", commentId: id }),
    );
    expect(location).toBe(`/posts/${post.slug}#c-${id}`);
    expect(at(html, "Deleted by its author.")).toBeGreaterThan(at(html, `id="c-${id}"`));
    expect(html).not.toContain("Posted in haste");
  });
});
