// A heated thread in a real browser: slow mode telling a writer when they may post (text kept),
// a closed thread, muting a voice in the reader's own browser, and staff notes seen by staff alone.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { closeThread, slowThread } from "~/models/moderation.server";
import { makeComment, makePost, makeUser } from "../factories";
import { useApp } from "../integration/http";
import { hydrated, useBrowser } from "./browser";

const base = useApp();
const browsers = useBrowser();
const PASSWORD = "correct horse battery";
let moderator: { id: number; username: string };

beforeAll(async () => {
  moderator = await makeUser({ role: "moderator" });
});

async function signIn(page: Page, username: string) {
  await page.goto(`${base()}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

describe("slow mode", () => {
  it("with JavaScript: says it is on, and a writer too quick is told when they may post, the text kept", async () => {
    const post = await makePost({ title: "Slow night" });
    await slowThread({ postId: post.id, moderator, seconds: 300, reason: "Tempers are high" });
    const page = await browsers.open();
    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    expect(await page.locator("#comments").textContent()).toMatch(
      /Slow mode since .* UTC: each voice may comment once every 5 minutes here\. Why: Tempers are high/,
    );
    await page.getByLabel("Add a comment").fill("My one comment for now");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.locator("li.comment", { hasText: "My one comment for now" }).waitFor();
    await page.getByLabel("Add a comment").fill("And one more, too soon");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(/You may post again at \d\d:\d\d:\d\d UTC \(in \d+ seconds\)/);
    expect(await page.getByLabel("Add a comment").inputValue()).toBe("And one more, too soon");
    expect(await page.locator("li.comment").count()).toBe(1);
  });

  it("without JavaScript: the plain form comes back with the text and when to post", async () => {
    const post = await makePost({ title: "Slow night, no script" });
    await slowThread({ postId: post.id, moderator, seconds: 600, reason: "Calm" });
    const page = await browsers.open({ javaScript: false });
    await page.goto(`${base()}/posts/${post.slug}`);
    await page.getByLabel("Add a comment").fill("First");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/#c-\d+$/);
    await page.getByLabel("Add a comment").fill("Second, kept for later");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("You may post again at");
    expect(await page.getByLabel("Add a comment").inputValue()).toBe("Second, kept for later");
  });
});

describe("a closed thread", () => {
  it("stays readable, says why, and offers no form or Reply", async () => {
    const post = await makePost({ title: "Closed for the count" });
    await makeComment({ postId: post.id, body: "Said before the close" });
    await closeThread({ postId: post.id, moderator, reason: "The result is being counted" });
    for (const javaScript of [true, false]) {
      const page = await browsers.open({ javaScript });
      await page.goto(`${base()}/posts/${post.slug}`);
      if (javaScript) await hydrated(page);
      expect(await page.locator("#comments").textContent()).toContain(
        "Comments are closed on this post: The result is being counted",
      );
      expect(await page.locator("li.comment").textContent()).toContain("Said before the close");
      expect(await page.getByLabel("Add a comment").count()).toBe(0);
      expect(await page.getByRole("link", { name: "Reply" }).count()).toBe(0);
    }
  });
});

describe("muting a voice", () => {
  it("collapses that voice's comments to one line that opens, in this browser only, kept across reloads", async () => {
    const post = await makePost({ title: "One loud voice" });
    const loud = { browserKey: "a-loud-browser-key-for-muting-0123456789" };
    const first = await makeComment({ postId: post.id, writer: loud, body: "LOUD words one" });
    const calm = await makeComment({ postId: post.id, body: "Calm words", parentId: first.id });
    const second = await makeComment({ postId: post.id, writer: loud, body: "LOUD words two" });
    const named = await makeComment({
      postId: post.id,
      choice: { kind: "pseudonym", name: "Shouty Sam" },
      body: "Named and loud",
    });
    const elsewhere = await makePost({ title: "Sam again" });
    await makeComment({ postId: elsewhere.id, choice: { kind: "pseudonym", name: "Shouty Sam" }, body: "Still Sam" });

    const page = await browsers.open();
    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    const voice = await page.locator(`#c-${first.id}`).getAttribute("data-voice");
    expect(voice).toMatch(/^Anonymous ·[0-9A-Z]{4}$/);
    const firstMenu = page.locator(`#c-${first.id} > details > .comment-meta > .mute-menu`);
    await firstMenu.locator("summary").click();
    // A poster tag is one thread's voice: it can be muted here only.
    expect(await firstMenu.getByRole("button").allTextContents()).toEqual([`Mute ${voice} in this thread`]);
    await firstMenu.getByRole("button", { name: `Mute ${voice} in this thread` }).click();

    // Both of that voice's comments are one line; the reply under it from another voice stays.
    for (const id of [first.id, second.id]) {
      await expect
        .poll(() => page.locator(`#c-${id} > .muted-comment > summary`).textContent())
        .toBe(`You muted ${voice}: show`);
      expect(await page.locator(`#c-${id} .comment-body`).first().isVisible()).toBe(false);
    }
    expect(await page.locator(`#c-${calm.id} .comment-body`).isVisible()).toBe(true);
    // Opened, the comment is there.
    await page.locator(`#c-${first.id} > .muted-comment > summary`).click();
    expect(await page.locator(`#c-${first.id} > .muted-comment .comment-body`).isVisible()).toBe(true);

    // A named voice can be muted everywhere.
    await page.locator(`#c-${named.id} .mute-menu summary`).click();
    await page.getByRole("button", { name: "Mute Shouty Sam everywhere" }).click();
    await page.locator(`#c-${named.id} > .muted-comment`).waitFor();

    await page.reload();
    await hydrated(page);
    await page.locator(`#c-${second.id} > .muted-comment`).waitFor();
    await page.goto(`${base()}/posts/${elsewhere.slug}`);
    await hydrated(page);
    await page.locator(".muted-comment", { hasText: "You muted Shouty Sam: show" }).waitFor();

    // Another reader's browser mutes nothing.
    const other = await browsers.open();
    await other.goto(`${base()}/posts/${post.slug}`);
    await hydrated(other);
    expect(await other.locator(".muted-comment").count()).toBe(0);
    expect(await other.locator(`#c-${first.id} .comment-body`).first().textContent()).toContain("LOUD words one");

    // Unmuted: back as it was.
    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    await page.locator(`#c-${first.id} > .muted-comment > summary`).click();
    await page
      .getByRole("button", { name: `Unmute ${voice}` })
      .first()
      .click();
    await expect.poll(() => page.locator(`#c-${first.id} > .muted-comment`).count()).toBe(0);
    expect(await page.locator(`#c-${second.id} .comment-body`).textContent()).toContain("LOUD words two");
  });
});

describe("staff notes", () => {
  it("a moderator writes one under a comment and sees it in the thread; a reader never does", async () => {
    const post = await makePost({ title: "Coordinating in the thread" });
    const target = await makeComment({ postId: post.id, body: "This one names a manager" });
    const note = "Checking with the branch secretary before removing";
    const page = await browsers.open();
    await signIn(page, moderator.username);
    await page.goto(`${base()}/posts/${post.slug}/comments/${target.id}`);
    await page.getByLabel("A note only staff will see").fill(note);
    await page.getByRole("button", { name: "Add the note" }).click();
    await page.waitForURL(/#staff-notes$/);
    expect(await page.locator("#staff-notes").textContent()).toContain(note);

    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    await expect
      .poll(() => page.locator(`#c-${target.id} .staff-notes`).textContent())
      .toContain(`Staff note by ${moderator.username}`);
    expect(await page.locator(`#c-${target.id} .staff-notes`).textContent()).toContain(note);
    expect(await page.getByRole("link", { name: "Moderate this thread" }).getAttribute("href")).toBe(
      `/moderation/threads/${post.slug}`,
    );

    const reader = await browsers.open();
    await reader.goto(`${base()}/posts/${post.slug}`);
    await hydrated(reader);
    await reader.waitForLoadState("networkidle");
    expect(await reader.content()).not.toContain(note);
    expect(await reader.locator(".staff-notes").count()).toBe(0);
  });
});

describe("every journey above", () => {
  it("ran without a page error, a console error (besides refused requests) or a blocked script", () => {
    expect(browsers.problems.filter((problem) => !problem.includes("Failed to load resource"))).toEqual([]);
    expect(browsers.cspViolations).toEqual([]);
  });
});
