// A reader's journeys through a thread in a real browser, with and without JavaScript.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { approveComment } from "~/models/moderation.server";
import { makeComment, makePost, makeUser } from "../factories";
import { useApp } from "../integration/http";
import { hydrated, useBrowser } from "./browser";

const base = useApp();
const browsers = useBrowser();

describe("a thread in a real browser", () => {
  it("with JavaScript: replies in place, without reloading, and focuses the new comment", async () => {
    const post = await makePost({ title: "Cover on strike days" });
    const parent = await makeComment({ postId: post.id, body: "Who covers high-risk cases on strike days?" });
    const page = await browsers.open();
    await page.goto(`${base()}/posts/${post.slug}`);
    await page.waitForFunction(() => window.__remixContext && document.querySelector("input[name=js]"));
    await page.evaluate(() => (window.notReloaded = true));

    await page.locator(`#c-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    const form = page.locator(`#c-${parent.id} form.comment-form`);
    await form.getByLabel("Reply to").fill("The duty rota, agreed **in advance**.");
    await form.getByRole("button", { name: "Post reply" }).click();

    const reply = page.locator(`#c-${parent.id} ol > li.comment`).first();
    await expect.poll(() => reply.textContent(), { timeout: 10_000 }).toContain("The duty rota, agreed in advance.");
    expect(await reply.locator("strong").textContent()).toBe("in advance");
    expect(await page.evaluate(() => window.notReloaded)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^c-\d+$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await reply.getAttribute("id"));
    expect(await page.locator(`#c-${parent.id} form.comment-form`).count()).toBe(0);
    expect(await reply.textContent()).toMatch(/Anonymous ·[0-9A-Z]{4}/);

    expect(browsers.problems).toEqual([]);

    // A refusal shows the problem in place and keeps the text.
    await page.getByLabel("Add a comment").fill("x".repeat(10_001));
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("at most 10,000 characters");
    expect((await page.getByLabel("Add a comment").inputValue()).length).toBe(10_001);
    // The browser logs the refused request's status, and nothing else went wrong.
    expect(browsers.problems).toEqual([
      "console error: Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
  });

  it("from the page cache: the same bytes for everyone, scripts allowed by hash, and its links still move within the app", async () => {
    const post = await makePost({ title: "Served to the crowd" });
    const comment = await makeComment({ postId: post.id, body: "A comment worth a permalink" });
    // Readers before this one put the page in the cache.
    await expect.poll(async () => (await fetch(`${base()}/posts/${post.slug}`)).headers.get("etag")).toBeTruthy();
    const problemsBefore = browsers.problems.length;
    const page = await browsers.open();
    const response = await page.goto(`${base()}/posts/${post.slug}`);
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
    await hydrated(page);
    await page.evaluate(() => (window.notReloaded = true));
    // The permalink and the tag are plain links, followed in the page.
    await page.locator(`#c-${comment.id} > details > .comment-meta a.when`).first().click();
    await page.waitForURL(new RegExp(`/posts/${post.slug}/comments/${comment.id}$`));
    expect(await page.evaluate(() => window.notReloaded)).toBe(true);
    await page.goBack();
    // Flag's short link (?flag=<id>) is sent on to the comment's page, its form open.
    await page.locator(`#c-${comment.id}`).getByRole("link", { name: "Flag" }).click();
    await page.waitForURL(new RegExp(`/posts/${post.slug}/comments/${comment.id}\\?flag=1#flag$`));
    expect(await page.locator("details#flag").getAttribute("open")).not.toBeNull();
    expect(await page.evaluate(() => window.notReloaded)).toBe(true);
    expect(browsers.problems.slice(problemsBefore)).toEqual([]);
    expect(browsers.cspViolations).toEqual([]);
  });

  it("without JavaScript: a plain form posts and lands on the new comment's anchor", async () => {
    const post = await makePost({ title: "No JavaScript here" });
    const parent = await makeComment({ postId: post.id, body: "A first comment" });
    const page = await browsers.open({ javaScript: false });
    await page.goto(`${base()}/posts/${post.slug}`);
    await page.getByLabel("Add a comment").fill("Posted from Tor Browser's safest mode.");
    await page.getByLabel("Sign as").selectOption("pseudonym");
    await page.getByLabel(/^Name/).fill("Night Shift");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/#c-\d+$/);
    const id = new URL(page.url()).hash.slice(1);
    expect(await page.locator(`#${id}`).textContent()).toContain("Posted from Tor Browser's safest mode.");
    expect(await page.locator(`#${id} .author`).textContent()).toBe("Night Shift");

    // Reply: the link leads to the focused page's form.
    await page.locator(`#c-${parent.id}`).getByRole("link", { name: "Reply" }).click();
    await page.waitForURL(new RegExp(`/comments/${parent.id}\\?reply=1#reply$`));
    await page.getByLabel("Reply to").fill("And a reply, no script needed.");
    await page.getByRole("button", { name: "Post reply" }).click();
    await page.waitForURL(new RegExp(`/posts/${post.slug}#c-\\d+$`));
    const replyId = new URL(page.url()).hash.slice(1);
    expect(await page.locator(`#c-${parent.id} #${replyId}`).textContent()).toContain("And a reply, no script needed.");

    // Collapse a branch: the <details> closes without any script.
    await page.locator(`#c-${parent.id} > details > summary .author`).click();
    expect(await page.locator(`#c-${parent.id} > details`).getAttribute("open")).toBeNull();
    expect(await page.locator(`#${replyId}`).isVisible()).toBe(false);
  });
});

describe("a held comment", () => {
  it("shows a placeholder; approved, it is announced live and shown with its text", async () => {
    const post = await makePost({ title: "Held, then approved" });
    const held = await makeComment({ postId: post.id, body: "Worth waiting for." });
    await makeComment({ postId: post.id, parentId: held.id, body: "A reply that stays in view." });
    await db.comment.update({ where: { id: held.id }, data: { status: "held", holdReason: "flags" } });
    const page = await browsers.open();
    const listening = page.waitForResponse(
      (r) => r.url() === `${base()}/posts/${post.slug}/events` && r.status() === 200,
    );
    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    await listening;
    expect(await page.locator(`#c-${held.id}`).textContent()).toContain("Held for review by the moderators.");
    expect(await page.locator(`#c-${held.id}`).textContent()).toContain("A reply that stays in view.");
    expect(await page.locator(`#c-${held.id}`).textContent()).not.toContain("Worth waiting for.");

    const moderator = await makeUser({ role: "moderator" });
    await approveComment({ commentId: held.id, moderator });
    const banner = page.getByRole("button", { name: /new comment/ });
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toBe("1 new comment: show");
    await banner.click();
    await expect
      .poll(() => page.locator(`#c-${held.id} > details > .comment-main > .comment-body`).textContent())
      .toContain("Worth waiting for.");
    expect(await banner.count()).toBe(0);
  });
});

describe("a comment sent again", () => {
  const tokenOf = (postData: string | null) => new URLSearchParams(postData ?? "").get("formToken");

  it("without JavaScript, the form carries the page's one-time token", async () => {
    const post = await makePost({ title: "A token in the plain form" });
    const page = await browsers.open({ javaScript: false });
    await page.goto(`${base()}/posts/${post.slug}`);
    await page.getByLabel("Add a comment").fill("Sent by a plain form.");
    const sent = page.waitForRequest((r) => r.method() === "POST");
    await page.getByRole("button", { name: "Post comment" }).click();
    expect(tokenOf((await sent).postData())).toMatch(/^s\.[A-Za-z0-9_-]{22}$/);
    await page.waitForURL(/#c-\d+$/);
  });

  it("with JavaScript, the form keeps its text and its browser-made token when the answer is lost; sent again, one comment", async () => {
    const post = await makePost({ title: "A dropped connection" });
    const page = await browsers.open();
    const problemsBefore = browsers.problems.length;
    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    await page.waitForFunction(() => document.querySelector("input[name=js]"));
    const tokens: (string | null)[] = [];
    // The first sending reaches the forum and is stored; its answer never reaches the browser.
    let dropped = false;
    await page.route(`**/posts/${post.slug}?_data=*`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      tokens.push(tokenOf(route.request().postData()));
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.getByLabel("Add a comment").fill("Posted on a bad connection.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("The forum did not answer");
    expect(await page.getByLabel("Add a comment").inputValue()).toBe("Posted on a bad connection.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => page.locator("li.comment").count()).toBe(1);
    await expect.poll(() => page.getByLabel("Add a comment").inputValue()).toBe("");

    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^b\.[A-Za-z0-9_-]{22}$/);
    expect(tokens[1]).toBe(tokens[0]);
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(1);
    expect(await page.locator("li.comment").textContent()).toContain("Posted on a bad connection.");
    // The next comment from the same form is a new one, with a new token.
    await page.getByLabel("Add a comment").fill("Posted on a bad connection.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect.poll(() => page.locator("li.comment").count()).toBe(2);
    expect(tokens[2]).toMatch(/^b\./);
    expect(tokens[2]).not.toBe(tokens[0]);
    expect(browsers.problems.slice(problemsBefore).filter((p) => !p.includes("ERR_CONNECTION_RESET"))).toEqual([]);
  });

  it("a writer's own comment on the shared thread: with JavaScript, Edit and Delete in place", async () => {
    const problemsBefore = browsers.problems.length;
    const post = await makePost({ title: "Mine among many" });
    await makeComment({ postId: post.id, body: "Somebody else's words" });
    const page = await browsers.open();
    await page.goto(`${base()}/posts/${post.slug}`);
    await hydrated(page);
    await page.getByLabel("Add a comment").fill("My own words, to take back");
    await page.getByRole("button", { name: "Post comment" }).click();
    const mine = page.locator("li.comment", { hasText: "My own words, to take back" });
    await mine.waitFor();
    // From the page every reader gets, reloaded: what is mine comes from my personal part.
    await page.reload();
    await hydrated(page);
    await mine.locator(".you").waitFor();
    expect(await mine.getByRole("link", { name: "Edit" }).count()).toBe(1);
    expect(await page.locator("li.comment", { hasText: "Somebody else's words" }).locator(".you").count()).toBe(0);
    await mine.getByText("Delete", { exact: true }).click();
    await mine.getByRole("button", { name: "Yes, delete my comment" }).click();
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(0);
    await page.locator(".tombstone", { hasText: "Deleted by its author." }).waitFor();
    expect(browsers.problems.slice(problemsBefore)).toEqual([]);
  });

  it("a writer's own comment without JavaScript: from the shared thread to its own page, edited, then deleted", async () => {
    const post = await makePost({ title: "Mine without scripts" });
    const page = await browsers.open({ javaScript: false });
    await page.goto(`${base()}/posts/${post.slug}`);
    await page.getByLabel("Add a comment").fill("First thoughts on the rota");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(/#c-\d+$/);
    const id = Number(/#c-(\d+)$/.exec(page.url())![1]);
    // The thread is the page everyone gets: no controls of mine there; its time leads to its own page.
    const onThread = page.locator(`#c-${id}`);
    expect(await onThread.getByRole("link", { name: "Edit" }).count()).toBe(0);
    await onThread.locator(":scope > details > .comment-meta a.when").first().click();
    await page.waitForURL(new RegExp(`/posts/${post.slug}/comments/${id}$`));
    expect(await page.locator(".you").count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByRole("textbox").first().fill("Second thoughts on the rota");
    await page.getByRole("button", { name: /Save/ }).click();
    await page.waitForURL(new RegExp(`/posts/${post.slug}/comments/${id}`));
    expect(await page.locator(`#c-${id}`).textContent()).toContain("Second thoughts on the rota");
    await page.getByText("Delete", { exact: true }).first().click();
    await page.getByRole("button", { name: "Yes, delete my comment" }).click();
    await page.locator(".tombstone", { hasText: "Deleted by its author." }).first().waitFor();
    expect((await db.comment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe("deleted");
  });

  for (const javaScript of [true, false]) {
    it(`${javaScript ? "with" : "without"} JavaScript: flag and edit round trips land on the comment, confirmed in view`, async () => {
      const post = await makePost({ title: `Round trips ${javaScript ? "with" : "without"} scripts` });
      for (let i = 0; i < 30; i++)
        await makeComment({ postId: post.id, body: `Earlier comment ${i}\n\nwith a second paragraph` });
      const target = await makeComment({ postId: post.id, body: "A comment far down the thread" });
      const page = await browsers.open({ javaScript });
      const inView = (text: string) =>
        page.getByText(text).evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        });

      await page.goto(`${base()}/posts/${post.slug}`);
      if (javaScript) await hydrated(page);
      await page.locator(`#c-${target.id}`).getByRole("link", { name: "Flag" }).click();
      await page.getByLabel("Abusive").check();
      await page.getByRole("button", { name: "Send to the moderators" }).click();
      await expect.poll(() => page.url()).toContain(`/comments/${target.id}?flagged=1`);
      await expect.poll(() => inView("Thank you: the moderators will look at it.")).toBe(true);

      // Its writer edits their own comment from the thread.
      await page.goto(`${base()}/posts/${post.slug}`);
      await page.getByLabel("Add a comment").fill("Teh rota is out");
      await page.getByRole("button", { name: "Post comment" }).click();
      // Posted in place (focused) with scripts; landed on by its anchor without.
      const landedOn = () =>
        javaScript ? page.evaluate(() => document.activeElement?.id ?? "") : Promise.resolve(page.url());
      await expect.poll(landedOn, { timeout: 10_000 }).toMatch(/c-\d+$/);
      const id = (await landedOn()).split("c-").pop();
      if (javaScript) {
        // The shared page learns it is theirs from /me.json, and offers Edit in place.
        await page.locator(`#c-${id}.mine`).getByRole("link", { name: "Edit" }).click();
      } else {
        // Without scripts, Edit is on the comment's own page, one click away.
        await page.locator(`#c-${id} a.when`).click();
        await page.getByRole("link", { name: "Edit" }).click();
      }
      await page.getByRole("textbox", { name: "Edit your comment" }).fill("The rota is out");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => page.url()).toContain("edited=1");
      await expect.poll(() => inView("Your changes are saved.")).toBe(true);
      expect(await page.locator("li.comment.focused .comment-body").textContent()).toBe("The rota is out");
    });
  }
});
