// `npm run screenshots`: pictures of the main pages for the README (docs/screenshots/), made in
// the browser the journeys use, from the demo forum in a database of its own: the home page, the
// busy thread, one comment's page and the moderation queue, on a desktop (1280 px) and a phone
// (390 px), in the light theme, and the thread on a phone in the dark one.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { findChromium } from "./test/needs";
import { killServerProcesses, root, startServerProcess } from "../tests/server-process";

const OUT = path.join(root, "docs", "screenshots");
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const MODERATOR = { username: "mod-dev", password: "demo-moderator-2026" };

const scratch = mkdtempSync(path.join(tmpdir(), "picket-screenshots-"));
const databaseUrl = `file:${path.join(scratch, "picket.db")}`;
process.env.DATABASE_URL = databaseUrl;
process.env.PICKET_BCRYPT_COST = "10";

/** The demo forum, with a few comments waiting in the queue. Returns the addresses to show. */
async function makeForum() {
  const { applyMigrations } = await import("../app/lib/migrations.server");
  await applyMigrations();
  const { seedDemo } = await import("../prisma/seed");
  await seedDemo();
  const { db, disconnect } = await import("../app/lib/db.server");
  const { flagItem } = await import("../app/models/moderation.server");
  const busy = await db.post.findFirstOrThrow({
    orderBy: { comments: { _count: "desc" } },
    select: { id: true, slug: true },
  });
  const deep = await db.comment.findFirstOrThrow({
    where: { postId: busy.id, depth: 2, status: "published" },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const flagged = await db.comment.findMany({
    where: { postId: busy.id, status: "published", depth: { gt: 0 } },
    orderBy: { id: "desc" },
    take: 2,
    select: { id: true },
  });
  const flags = [
    { reason: "identity" as const, note: "Names the new manager's home street" },
    { reason: "abusive" as const, note: "Calls the rep a scab" },
  ];
  for (const [i, flag] of flags.entries())
    await flagItem({
      target: { commentId: flagged[i].id },
      voiceRef: `screenshots-${i}`,
      role: null,
      ...flag,
      cloak: null,
    });
  await disconnect();
  return { thread: `/posts/${busy.slug}#comments`, comment: `/posts/${busy.slug}/comments/${deep.id}` };
}

async function signIn(page: Page, base: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Username").fill(MODERATOR.username);
  await page.getByLabel("Password").fill(MODERATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

const chromiumPath = findChromium();
if (!chromiumPath) throw new Error("No Chromium: apt-get install -y chromium, or set CHROMIUM_PATH.");
const pages = await makeForum();
const server = await startServerProcess({ env: { DATABASE_URL: databaseUrl } });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
mkdirSync(OUT, { recursive: true });
try {
  const shots: { name: string; path: string; size: keyof typeof SIZES; dark?: boolean; staff?: boolean }[] = [
    ...(["desktop", "phone"] as const).flatMap((size) => [
      { name: `home-${size}`, path: "/", size },
      { name: `thread-${size}`, path: pages.thread, size },
      { name: `comment-${size}`, path: pages.comment, size },
      { name: `queue-${size}`, path: "/moderation", size, staff: true },
    ]),
    { name: "thread-phone-dark", path: pages.thread, size: "phone", dark: true },
    { name: "queue-desktop-dark", path: "/moderation", size: "desktop", dark: true, staff: true },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: SIZES[shot.size],
      colorScheme: shot.dark ? "dark" : "light",
    });
    const page = await context.newPage();
    if (shot.staff) await signIn(page, server.base);
    await page.goto(`${server.base}${shot.path}`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(OUT, `${shot.name}.png`) });
    await context.close();
    console.log(`docs/screenshots/${shot.name}.png`);
  }
} finally {
  await browser.close();
  killServerProcesses();
  rmSync(scratch, { recursive: true, force: true });
}
