// axe-core on every kind of page (reading, writing, account, moderation and admin), in the light
// and the dark theme the reader's system may ask for: no violation of any impact. Each page is
// read as the person who uses it would read it (a reader, a member, an admin).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { flagItem } from "~/models/moderation.server";
import { DEFAULT_RULES, setModerationRules } from "~/models/rules.server";
import { installDefaultGlossary } from "~/models/tags.server";
import { makeComment, makePost, makeUser } from "../factories";
import { useApp } from "../integration/http";
import { accessibilityProblems, hydrated, useBrowser, type AxeViolation } from "./browser";

const base = useApp();
const browsers = useBrowser();
const PASSWORD = "correct horse battery";

let slug = "";
let archive = "";
let deep = 0;
let tagId = 0;
let postId = 0;

beforeAll(async () => {
  await installDefaultGlossary();
  await setModerationRules({ ...DEFAULT_RULES, watchedWords: [{ phrase: "agency staff", action: "hold" }] });
  const post = await makePost({
    title: "Cover on strike days",
    body: "The NPS says the CRC must cover. The branch says **no cover** on strike days.\n\n> Quoted from the MoJ\n\n`code`",
  });
  slug = post.slug;
  const stored = await db.post.findFirstOrThrow({ where: { slug }, select: { id: true, publishedAt: true } });
  postId = stored.id;
  archive = `/archive/${stored.publishedAt!.toISOString().slice(0, 7).replace("-", "/")}`;
  let parentId: number | null = null;
  for (let depth = 0; depth < 8; depth++) {
    const comment = await makeComment({
      postId,
      parentId,
      body: `Level ${depth} of the argument about the strike rota, with a [link](https://example.org).`,
      choice: depth % 2 ? { kind: "pseudonym", name: `Steward${depth}#secret` } : { kind: "anonymous" },
    });
    if (depth === 3) deep = comment.id;
    parentId = comment.id;
  }
  const flagged = await makeComment({ postId, body: "Rude words about the rota" });
  await flagItem({
    target: { commentId: flagged.id },
    voiceRef: "axe-reader",
    role: null,
    reason: "abusive",
    note: "Rude",
    cloak: null,
  });
  await makeComment({ postId, body: "The agency staff were sent home" });
  tagId = (await db.tag.findFirstOrThrow({ where: { name: "strike" }, select: { id: true } })).id;
  await makeUser({ username: "axe-admin", password: PASSWORD, role: "admin" });
  await makeUser({ username: "axe-member", password: PASSWORD, role: "member" });
});

async function signIn(page: Page, username: string) {
  await page.goto(`${base()}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** Pages as a reader without an account reads (and writes on) them. */
const READER_PAGES = () => [
  "/",
  `/posts/${slug}`,
  `/posts/${slug}?sort=newest`,
  `/posts/${slug}/comments/${deep}`,
  `/posts/${slug}/comments/${deep}?reply=1#reply`,
  `/posts/${slug}/comments/${deep}?flag=1#flag`,
  "/tags",
  "/tags/strike",
  "/archive",
  archive,
  "/modlog",
  "/login",
  "/join",
  "/me/replies",
  "/search?q=strike+rota",
  "/no/such/page",
];

/** Pages of a member's account and writing. */
const MEMBER_PAGES = () => ["/me", "/me/following", "/me/submissions", "/submit", "/logout"];

/** Pages of the staff: the queue, the log and every admin form. */
const STAFF_PAGES = () => [
  "/moderation",
  "/moderation?filter=held",
  "/moderation/log",
  "/moderation/search?q=strike",
  "/admin",
  "/admin/settings",
  "/admin/rules",
  "/admin/glossary",
  `/admin/glossary/${tagId}`,
  "/admin/users",
  "/admin/invites",
  "/admin/posts",
  "/admin/posts/new",
  `/admin/posts/${postId}`,
];

/** Every page of `paths`, read in one browser profile (signed in as `who` first, when a member). */
async function violationsOn(
  paths: string[],
  {
    colorScheme,
    who,
    phone = false,
    sees,
  }: {
    colorScheme: "light" | "dark";
    who: string;
    phone?: boolean;
    /** What must be on a page (so it is checked with something on it). */
    sees?: (page: Page, path: string) => Promise<void>;
  },
) {
  const page = await browsers.open({ colorScheme, viewport: phone ? { width: 390, height: 844 } : undefined });
  if (who.startsWith("axe-")) await signIn(page, who);
  const found: AxeViolation[] = [];
  for (const path of paths) {
    const response = await page.goto(`${base()}${path}`);
    expect(response?.status(), path).toBe(path === "/no/such/page" ? 404 : 200);
    await hydrated(page);
    await sees?.(page, path);
    found.push(...(await accessibilityProblems(page, `${path} (${who}, ${colorScheme})`)));
  }
  await page.context().close();
  return found;
}

const AXE_TIMEOUT_MS = 120_000;

describe.each(["light", "dark"] as const)(
  "in the %s theme, axe-core finds no violation of any impact",
  (colorScheme) => {
    it("on the reading and writing pages, as a reader", { timeout: AXE_TIMEOUT_MS }, async () => {
      expect(await violationsOn(READER_PAGES(), { colorScheme, who: "reader" })).toEqual([]);
    });

    it("on the home page and a thread on a phone", { timeout: AXE_TIMEOUT_MS }, async () => {
      expect(await violationsOn(["/", `/posts/${slug}`], { colorScheme, who: "reader", phone: true })).toEqual([]);
    });

    it("on a member's account pages", { timeout: AXE_TIMEOUT_MS }, async () => {
      expect(await violationsOn(MEMBER_PAGES(), { colorScheme, who: "axe-member" })).toEqual([]);
    });

    it("on the moderation and admin pages, and a thread as staff see it", { timeout: AXE_TIMEOUT_MS }, async () => {
      // The queue shows the held and the flagged comment.
      const sees = async (page: Page, path: string) => {
        if (path === "/moderation") expect(await page.getByRole("article").count()).toBeGreaterThanOrEqual(2);
      };
      expect(await violationsOn([...STAFF_PAGES(), `/posts/${slug}`], { colorScheme, who: "axe-admin", sees })).toEqual(
        [],
      );
    });
  },
);

it("met no page error, console error or blocked style or script on any of those pages", () => {
  // A page that breaks while its script starts shows the error page, which axe finds nothing wrong with.
  const unexpected = browsers.problemsAt.filter(({ url }) => !url.endsWith("/no/such/page"));
  expect(unexpected).toEqual([]);
  expect(browsers.cspViolations).toEqual([]);
});
