// The demo forum of a fictional branch: posts, one busy thread and demo accounts.
// Only for trying Picket out: `npm start` adds it to an empty database unless PICKET_DEMO=0.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { settings } from "~/env.server";
import { db } from "~/lib/db.server";
import type { Writer } from "~/lib/keys.server";
import { setForum } from "~/models/settings.server";
import { installDefaultGlossary } from "~/models/tags.server";
import type { Member, VoiceChoice } from "~/models/voices.server";
import { makeComment, makePost, makeUser } from "../tests/factories";
import { seedPosts, type SeedComment, type SeedVoice } from "./seed-content";

/** The demo accounts; their passwords are given in the README. */
export const DEMO_ACCOUNTS = [
  { username: "rosa", role: "member", password: "demo-rosa-2026" },
  { username: "mod-dev", role: "moderator", password: "demo-moderator-2026" },
  { username: "editor-ann", role: "editor", password: "demo-editor-2026" },
  { username: "admin-sam", role: "admin", password: "demo-admin-2026" },
] as const;

/** The demo branch's own name and line, as its admins would set them at /admin/settings. */
export const DEMO_FORUM = {
  name: "Riverside Probation Branch",
  description: "News, ballots and argument for Napo members in Riverside. Comment anonymously if you need to.",
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export async function seedDemo() {
  // First, so the demo posts and comments are tagged as they are written.
  await installDefaultGlossary();
  await setForum(DEMO_FORUM);
  const members = new Map<string, Member>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await makeUser({ username: account.username, password: account.password, role: account.role });
    members.set(account.username, { id: user.id, username: user.username });
  }
  // Each browser label stands for one reader's browser key, the same across the demo.
  const browsers = new Map<string, string>();
  const browserKey = (label: string) => {
    if (!browsers.has(label)) browsers.set(label, `demo-browser-${label}`.padEnd(32, "x").slice(0, 32));
    return browsers.get(label)!;
  };
  const voiceOf = (voice: SeedVoice): { writer: Writer; choice: VoiceChoice; member: Member | null } => {
    if (voice.kind === "member") {
      const member = members.get(voice.username)!;
      return { writer: { userId: member.id }, choice: { kind: "member" }, member };
    }
    const writer = { browserKey: browserKey(voice.browser) };
    if (voice.kind === "anonymous") return { writer, choice: { kind: "anonymous" }, member: null };
    return {
      writer,
      choice: { kind: "pseudonym", name: voice.secret ? `${voice.name}#${voice.secret}` : voice.name },
      member: null,
    };
  };

  const now = Date.now();
  let comments = 0;
  // Oldest post first, so ids follow publication order as they do in a live forum.
  for (const seed of [...seedPosts].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const publishedAt = new Date(now - seed.daysAgo * DAY);
    const post = await makePost({
      title: seed.title,
      body: seed.body,
      ...voiceOf(seed.voice),
      publishedAt,
      pinned: seed.pinned ?? false,
      commentsOpen: true,
    });
    await db.post.update({ where: { id: post.id }, data: { slug: seed.slug }, select: { id: true } });

    // Flatten the tree, then write in time order so that replies follow their parents.
    type Pending = { seed: SeedComment; parentKey: number | null; key: number };
    const pending: Pending[] = [];
    const walk = (list: SeedComment[], parentKey: number | null) => {
      for (const c of list) {
        const key = pending.length;
        pending.push({ seed: c, parentKey, key });
        walk(c.replies ?? [], key);
      }
    };
    walk(seed.comments, null);
    pending.sort((a, b) => a.seed.minutesAfterPost - b.seed.minutesAfterPost || a.key - b.key);
    const ids = new Map<number, number>();
    for (const item of pending) {
      const postedAt = new Date(
        Math.min(publishedAt.getTime() + item.seed.minutesAfterPost * MINUTE, now - MINUTE * 30),
      );
      const created = await makeComment({
        postId: post.id,
        parentId: item.parentKey === null ? null : ids.get(item.parentKey)!,
        body: item.seed.body,
        postedAt,
        ...voiceOf(item.seed.voice),
      });
      ids.set(item.key, created.id);
      comments++;
    }
    if (seed.commentsOpen === false)
      await db.post.update({ where: { id: post.id }, data: { commentsOpen: false }, select: { id: true } });
  }
  return { posts: seedPosts.length, comments, accounts: DEMO_ACCOUNTS.length };
}

/** Seeds the demo forum into an empty database; leaves any other database alone. */
export async function seedDemoIfEmpty() {
  if (!settings().demo) return null;
  const [posts, users] = await Promise.all([db.post.count(), db.user.count()]);
  if (posts > 0 || users > 0) return null;
  const result = await seedDemo();
  console.log(
    `Added the demo forum: ${result.posts} posts, ${result.comments} comments, ${result.accounts} demo accounts.`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await seedDemoIfEmpty();
  if (!result) console.log("The database already has content (or PICKET_DEMO=0): the demo was not added.");
  await db.$disconnect();
}
