// The main journeys of readers, members and moderators in a real browser, each checked by
// what the person sees; then the whole run's console and CSP record (axe-core checks every page
// in accessibility.test.ts). The journeys share one forum and run in order: the moderator
// approves the comment the reader flagged.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { installDefaultGlossary } from "~/models/tags.server";
import { makeComment, makePost, makeUser } from "../factories";
import { useApp } from "../integration/http";
import { hydrated, useBrowser } from "./browser";

const base = useApp();
const browsers = useBrowser();

const PASSWORD = "correct horse battery";
const MODERATOR = "harriet";
const VICTIM_TEXT = "The officer who leaked the rota is the one at the Bristol office with the red bike.";

type Made = Awaited<ReturnType<typeof makePost>>;
let thread: Made;
let penPost: Made;
let livePost: Made;
const chain: Awaited<ReturnType<typeof makeComment>>[] = [];
let victim: Awaited<ReturnType<typeof makeComment>>;

beforeAll(async () => {
  await installDefaultGlossary();
  thread = await makePost({
    title: "Cover on strike days",
    body: "The NPS says the CRC must cover. The branch says **no cover** on strike days.",
    publishedAt: new Date(Date.now() - 60_000),
  });
  // A branch deeper than the thread shows: its seventh and eighth replies live on the focused view.
  let parentId: number | null = null;
  for (let depth = 1; depth <= 8; depth++) {
    const comment = await makeComment({
      postId: thread.id,
      parentId,
      body: `Level ${depth} of the long argument about the rota.`,
    });
    chain.push(comment);
    parentId = comment.id;
  }
  victim = await makeComment({ postId: thread.id, body: VICTIM_TEXT });
  penPost = await makePost({ title: "Ballot turnout in the north-west", publishedAt: new Date(Date.now() - 30_000) });
  livePost = await makePost({ title: "Picket line on Monday" });
  await makeUser({ username: MODERATOR, password: PASSWORD, role: "moderator" });
});

/** Signs in through the /login form, as a person would. */
async function signIn(page: Page, username: string, redirectTo?: string) {
  await page.goto(`${base()}/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The text a reader without an account sees on a thread page, in a fresh browser. */
async function freshReaderSees(path: string) {
  const page = await browsers.open({ javaScript: false });
  await page.goto(`${base()}${path}`);
  const text = (await page.locator("main").textContent()) ?? "";
  await page.context().close();
  return text;
}

describe("journeys in a real browser", () => {
  it("a reader finds a post from the home page, reads its thread and follows a deep branch", async () => {
    const page = await browsers.open();
    await page.goto(`${base()}/`);
    await page.getByRole("link", { name: "Cover on strike days", exact: true }).click();
    await page.waitForURL(`${base()}/posts/${thread.slug}`);
    await page.getByRole("heading", { level: 1, name: "Cover on strike days" }).waitFor();
    expect(await page.locator("article .post-body").textContent()).toContain(
      "The branch says no cover on strike days.",
    );
    expect(await page.getByRole("heading", { name: "Comments" }).isVisible()).toBe(true);
    for (const c of chain.slice(0, 6))
      expect(await page.locator(`#c-${c.id} .comment-body`).first().textContent()).toContain(`of the long argument`);
    expect(await page.locator(`#c-${victim.id}`).textContent()).toContain(VICTIM_TEXT);

    // The seventh reply is too deep for the thread page: a link continues the branch.
    expect(await page.getByText("Level 7 of the long argument").count()).toBe(0);
    const more = page.getByRole("link", { name: /^Continue this thread/ });
    expect(await more.textContent()).toMatch(/Continue this thread \(\d+ more repl(y|ies)\)/);
    await more.click();
    await page.waitForURL(new RegExp(`/posts/${thread.slug}/comments/${chain[5].id}$`));

    // The focused view: the ancestors above, the comment itself, and the rest of the branch.
    await page.locator("ol.ancestors").waitFor();
    const ancestors = page.locator("ol.ancestors > li");
    expect(await ancestors.count()).toBe(5);
    expect(await ancestors.allTextContents()).toEqual(
      chain.slice(0, 5).map((_, i): unknown => expect.stringContaining(`Level ${i + 1} of the long argument`)),
    );
    expect(
      await page.locator(`li.comment.focused#c-${chain[5].id} > details > .comment-main > .comment-body`).textContent(),
    ).toContain("Level 6 of the long argument");
    expect(await page.getByText("Level 7 of the long argument").isVisible()).toBe(true);
    expect(await page.getByText("Level 8 of the long argument").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "see it in the whole thread" }).getAttribute("href")).toBe(
      `/posts/${thread.slug}#c-${chain[5].id}`,
    );
    await page.context().close();
  });

  it("a reader without JavaScript searches from the site header, then within a thread, and opens a comment found", async () => {
    const page = await browsers.open({ javaScript: false });
    await page.goto(`${base()}/`);
    const header = page.locator("header").getByRole("search");
    await header.getByLabel("Search the forum").fill('"long argument" rota -8');
    await header.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/search\?q=/);
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe("7 results");
    const first = page.locator("ol.search-hits > li").first();
    expect(await first.locator("mark").allTextContents()).toEqual(["long", "argument", "rota"]);
    expect(await first.textContent()).toContain("Cover on strike days");

    // From the thread, its own search box keeps to it.
    await page.goto(`${base()}/posts/${penPost.slug}`);
    await page.getByLabel("Search this thread").fill("rota");
    await page.locator("form.thread-search").getByRole("button", { name: "Search" }).click();
    await page.waitForURL(new RegExp(`/search\\?post=${penPost.slug}&q=rota$`));
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe("Nothing found");
    await page.getByRole("link", { name: "search the whole forum" }).click();
    await page.waitForURL(/\/search\?q=rota$/);
    await page.locator("ol.search-hits > li").first().getByRole("link", { name: "Read the comment →" }).click();
    await page.waitForURL(new RegExp(`/posts/${thread.slug}/comments/\\d+$`));
    expect(await page.locator("main").textContent()).toContain("of the long argument about the rota");
    await page.context().close();
  });

  it("a reader flags a comment that reveals who someone is, and other readers no longer see it", async () => {
    const page = await browsers.open();
    await page.goto(`${base()}/posts/${thread.slug}`);
    await hydrated(page);
    await page.locator(`#c-${victim.id}`).getByRole("link", { name: "Flag", exact: true }).click();
    await page.waitForURL(new RegExp(`/comments/${victim.id}\\?flag=1#flag$`));
    const form = page.locator("#flag");
    expect(await form.getAttribute("open")).not.toBeNull();
    await form.getByLabel(/It reveals who someone is/).check();
    await form.getByRole("button", { name: "Send to the moderators" }).click();
    // The flag hid the comment: the reader is thanked at its place, which shows nothing of it.
    await page.waitForURL(new RegExp(`/comments/${victim.id}\\?flagged=hidden#c-${victim.id}$`));
    await page.locator("main [role=status]").first().waitFor();
    expect(await page.locator("main").textContent()).toContain(
      "Thank you: it is hidden until the moderators have looked at it.",
    );
    expect(await page.locator("main").textContent()).not.toContain(VICTIM_TEXT);
    await page.context().close();

    // Hidden at once, pending review.
    const seen = await freshReaderSees(`/posts/${thread.slug}`);
    expect(seen).toContain("Level 1 of the long argument");
    expect(seen).not.toContain(VICTIM_TEXT);
  });

  it("a moderator signs in, sees the queue count, and approves the flagged comment from the queue", async () => {
    const page = await browsers.open();
    await signIn(page, MODERATOR);
    const queueLink = page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: /queue/i });
    expect(await queueLink.locator(".queue-size").textContent()).toBe("1");

    await queueLink.click();
    await page.waitForURL(`${base()}/moderation`);
    const item = page.getByRole("article", { name: `Comment ${victim.id}` });
    expect(await item.locator(".comment-body").textContent()).toContain(VICTIM_TEXT);
    expect(await item.locator(".flags").textContent()).toContain("Reveals someone's identity");
    expect(await item.locator(".status").first().textContent()).toBe("held: flagged as revealing someone's identity");
    expect(await item.getByRole("link", { name: "Cover on strike days" }).isVisible()).toBe(true);

    await item.getByRole("button", { name: "Approve", exact: true }).click();
    await page.getByText("Nothing waits for review.").waitFor();
    expect(await page.getByRole("article").count()).toBe(0);
    await expect.poll(() => queueLink.locator(".queue-size").textContent()).toBe("0");
    await page.context().close();

    expect(await freshReaderSees(`/posts/${thread.slug}`)).toContain(VICTIM_TEXT);
  });

  it("a new member joins, adds a pen name and comments under it without showing their username", async () => {
    const page = await browsers.open();
    await page.goto(`${base()}/join`);
    await hydrated(page);
    // The password rule stays readable once the page's script has run (soft: the journey goes on).
    expect.soft(await page.locator("#field-password-hint").textContent()).toBe("8 to 72 bytes, used exactly as typed.");
    await page.getByLabel("Username").fill("nightowl");
    await page.getByLabel("Password").fill("a long and private passphrase");
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await page.getByRole("link", { name: "nightowl" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");

    await page.getByRole("link", { name: "nightowl" }).click();
    await page.waitForURL(`${base()}/me`);
    await page.getByLabel("New pen name").fill("Grey Heron");
    await page.getByRole("button", { name: "Add pen name" }).click();
    await page.locator("main li", { hasText: "Grey Heron" }).waitFor();

    await page.goto(`${base()}/posts/${penPost.slug}`);
    await page.waitForSelector("#comments form.comment-form input[name=js]", { state: "attached" });
    const form = page.locator("#comments > form.comment-form");
    await form.getByLabel("Add a comment").fill("Turnout was 61% in our office: *well* past the threshold.");
    expect(await form.getByLabel("Sign as").locator("option").allTextContents()).toEqual([
      "Anonymous",
      "nightowl (your name)",
      "Grey Heron (pen name)",
      "A name",
    ]);
    await form.getByLabel("Sign as").selectOption({ label: "Grey Heron (pen name)" });
    await form.getByRole("button", { name: "Post comment" }).click();

    const comment = page.locator("ol.thread > li.comment", { hasText: "Turnout was 61% in our office" });
    await comment.waitFor();
    expect(await comment.locator(".author").first().textContent()).toBe("Grey Heron");
    expect(await comment.textContent()).not.toContain("nightowl");
    await page.context().close();

    // Another reader's whole page, loader data included, never names the account.
    const reader = await browsers.open();
    await reader.goto(`${base()}/posts/${penPost.slug}`);
    const seen = reader.locator("ol.thread > li.comment", { hasText: "Turnout was 61% in our office" });
    expect(await seen.locator(".author").first().textContent()).toBe("Grey Heron");
    expect(await reader.content()).not.toContain("nightowl");
    await reader.context().close();
  });

  it("a member follows a thread and sees another reader's new comment arrive live", async () => {
    await makeUser({ username: "ruth", password: PASSWORD });
    const page = await browsers.open();
    const listening = page.waitForResponse(
      (r) => r.url() === `${base()}/posts/${livePost.slug}/events` && r.status() === 200,
    );
    await signIn(page, "ruth", `/posts/${livePost.slug}`);
    await page.waitForURL(`${base()}/posts/${livePost.slug}`);
    await listening;
    await page.getByRole("button", { name: "Follow this thread" }).click();
    await page.getByRole("button", { name: "Stop following this thread" }).waitFor();
    await page.waitForSelector("#comments form.comment-form input[name=js]", { state: "attached" });
    await page.evaluate(() => (window.notReloaded = true));

    // Someone else, in another browser and without JavaScript, comments on the thread.
    const other = await browsers.open({ javaScript: false });
    await other.goto(`${base()}/posts/${livePost.slug}`);
    await other.getByLabel("Add a comment").fill("Bring a flask: it will be cold at six.");
    await other.getByRole("button", { name: "Post comment" }).click();
    await other.waitForURL(/#c-\d+$/);
    const newId = new URL(other.url()).hash.slice(1);
    await other.context().close();

    const banner = page.getByRole("button", { name: /new comment/ });
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toBe("1 new comment: show");
    expect(await page.locator(`#${newId}`).count()).toBe(0);
    await banner.click();
    await page.locator(`#${newId}`).waitFor();
    expect(await page.locator(`#${newId} .comment-body`).textContent()).toContain(
      "Bring a flask: it will be cold at six.",
    );
    expect(await banner.count()).toBe(0);
    expect(await page.evaluate(() => window.notReloaded)).toBe(true);

    // The followed thread is listed on the member's page.
    await page.getByRole("link", { name: "Following" }).click();
    await page.waitForURL(`${base()}/me/following`);
    const followed = page.locator("main li", { hasText: "Picket line on Monday" });
    await followed.waitFor();
    expect(await followed.getByRole("button", { name: "Unfollow" }).isVisible()).toBe(true);
    await page.context().close();
  });

  it("nothing in the whole run logged a console error or violated the Content Security Policy", () => {
    // One line per distinct problem and page, with how often it happened.
    const seen = new Map<string, number>();
    for (const { problem, url } of browsers.problemsAt) {
      const line = `${problem.split("\n")[0]} at ${url.replace(base(), "")}`;
      seen.set(line, (seen.get(line) ?? 0) + 1);
    }
    expect([...seen].map(([line, n]) => (n > 1 ? `${line} (${n} times)` : line))).toEqual([]);
    expect(browsers.cspViolations).toEqual([]);
  });
});
