// A writer whose comment is held lands on the comment's own page and is told which rule held it
// and what happens next, with and without JavaScript; the thread's readers see only its place.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES, setModerationRules } from "~/models/rules.server";
import { makePost } from "../factories";
import { useApp } from "../integration/http";
import { hydrated, useBrowser } from "./browser";

const base = useApp();
const browsers = useBrowser();
const TOLD = "it contains a word the moderators have asked to read first";

beforeAll(async () => {
  await setModerationRules({ ...DEFAULT_RULES, watchedWords: [{ phrase: "agency staff", action: "hold" }] });
});

describe.each([true, false])("a held comment, JavaScript %s", (javaScript) => {
  it("takes its writer to its own page, which says why it waits and what happens next", async () => {
    const post = await makePost({ title: `Cover rota ${javaScript ? "with" : "without"} scripts` });
    const page = await browsers.open({ javaScript });
    await page.goto(`${base()}/posts/${post.slug}`);
    if (javaScript) await hydrated(page);
    await page.getByLabel("Add a comment").fill("The agency staff were sent home again.");
    await page.getByRole("button", { name: "Post comment" }).click();

    await page.waitForURL(new RegExp(`/posts/${post.slug}/comments/\\d+`));
    const note = page.locator(".held-note");
    await note.waitFor();
    expect(await note.textContent()).toContain(TOLD);
    expect(await note.textContent()).toContain("everyone will once a moderator approves it");
    expect(await page.locator("main").textContent()).toContain("The agency staff were sent home again.");
    await page.context().close();

    // Another reader sees its place only.
    const reader = await browsers.open({ javaScript: false });
    await reader.goto(`${base()}/posts/${post.slug}`);
    const text = (await reader.locator("main").textContent()) ?? "";
    expect(text).toContain("Held for review by the moderators.");
    expect(text).not.toContain("agency staff");
    await reader.context().close();
  });
});
