// Every kind of change reaches every page that shows it, with the page cache on. One table of
// changes, each made through HTTP as the forum's people make it (a writer's form, a reader's
// flag, a moderator's queue, an admin's glossary, an editor's post page), and of the pages
// that must follow each one: every page is read before the change (so it is kept) and then
// read again until it shows the change, on every instance the site names.
import { expect, it } from "vitest";
import { makeUser } from "../factories";
import { browserOn, pageText, type TestBrowser } from "./http";

export type Site = {
  /** Where the change is made. */
  changeOn: string;
  /** Where readers read: every one of them must see the change. */
  readOn: { name: string; base: string }[];
};

/** How long a page may take to show a change (events reach other instances a moment later). */
const REACH_TIMEOUT_MS = 5_000;
const READ_AGAIN_MS = 25;

let networks = 0;
/** A reader on a network of their own: many new voices from one network would be held for review. */
export const readerOn = (base: string) => browserOn(base, { "x-forwarded-for": `198.51.100.${++networks}` });

let words = 0;
/**
 * A word nothing else in the forum contains. All have the same length, so none is another
 * one with an ending (the glossary matches "strike" in "strikes").
 */
export function uniqueWord(kind: string) {
  const n = words++;
  const letter = (i: number) => String.fromCharCode(97 + (i % 26));
  return `${kind.slice(0, 4).padEnd(4, "x")}${letter(Math.floor(n / 26))}${letter(n)}q`;
}

/** Staff of one test file, signed in on the instance where changes are made. */
export type Staff = { moderator: TestBrowser; admin: TestBrowser; editor: TestBrowser };

export async function signInStaff(base: string): Promise<Staff> {
  const signIn = async (role: "moderator" | "admin" | "editor") => {
    const user = await makeUser({ role });
    const browser = browserOn(base);
    expect((await browser.post("/login", { username: user.username, password: "correct horse battery" })).status).toBe(
      302,
    );
    return browser;
  };
  return { moderator: await signIn("moderator"), admin: await signIn("admin"), editor: await signIn("editor") };
}

type Tag = { id: number; name: string; word: string };

/** What each change starts from: a post, a comment on it carrying `tag`, and `spare`, a tag nothing carries yet. */
type World = {
  site: Site;
  staff: Staff;
  post: { id: number; slug: string; title: string; /** Its month's archive page. */ archive: string };
  tag: Tag;
  spare: Tag;
  /** Its text is its word, its tag's word and a passage a moderator may redact. */
  comment: { id: number; word: string; secret: string };
  writer: TestBrowser;
};

const glossaryData = async (admin: TestBrowser) => {
  const response = await admin.get(`/admin/glossary?_data=${encodeURIComponent("routes/admin.glossary._index")}`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    tags: { id: number; name: string }[];
    progress: { state: string; waiting: boolean } | null;
  };
};

/** Changes a glossary entry through its form (the forum is re-tagged by it in the background). */
async function updateTag(w: World, tag: Tag, { name = tag.name, patterns = tag.word }) {
  const response = await w.staff.admin.post(`/admin/glossary/${tag.id}`, {
    intent: "update",
    name,
    description: `Words about ${tag.name}`,
    patterns,
  });
  expect(response.status).toBe(302);
}

async function createTag(staff: Staff, word: string): Promise<Tag> {
  const name = `t-${word}`;
  const response = await staff.admin.post("/admin/glossary", {
    intent: "create",
    name,
    description: `Words about ${name}`,
    patterns: word,
  });
  expect(response.status).toBe(302);
  const { tags } = await glossaryData(staff.admin);
  return { id: tags.find((t) => t.name === name)!.id, name, word };
}

/** Waits until no re-tagging is left: it would otherwise drop the pages kept before a change. */
async function glossarySettled(staff: Staff) {
  await expect
    .poll(async () => (await glossaryData(staff.admin)).progress, { timeout: REACH_TIMEOUT_MS, interval: 50 })
    .toMatchObject({ state: "done", waiting: false });
}

async function buildWorld(site: Site, staff: Staff): Promise<World> {
  const title = `Overtime ban ${uniqueWord("post")}`;
  const made = await staff.editor.post("/admin/posts/new", {
    title,
    body: "The branch met on Tuesday.",
    voice: "anonymous",
  });
  expect(made.status).toBe(302);
  const slug = made.headers.get("location")!.replace("/posts/", "");
  const page = await staff.editor.data(`/posts/${slug}`, "routes/posts.$slug");
  const tag = await createTag(staff, uniqueWord("tagw"));
  const spare = await createTag(staff, uniqueWord("spar"));
  await glossarySettled(staff);
  const writer = readerOn(site.changeOn);
  const word = uniqueWord("said");
  const secret = uniqueWord("secr");
  const posted = await writer.post(`/posts/${slug}`, { intent: "comment", body: `${word} ${tag.word} ${secret}` });
  expect(posted.status).toBe(303);
  const id = Number(/#c-(\d+)$/.exec(posted.headers.get("location") ?? "")?.[1]);
  return {
    site,
    staff,
    post: {
      id: page.data.post.id,
      slug,
      title,
      archive: `/archive/${page.data.post.publishedAt.slice(0, 7).replace("-", "/")}`,
    },
    tag,
    spare,
    comment: { id, word, secret },
    writer,
  };
}

// ---------------------------------------------------------------------------------------------
// The pages, and what a reader sees on them

type Page = { path: (w: World) => string; /** The page cache keeps it. */ kept: boolean };

const PAGES = {
  thread: { path: (w) => `/posts/${w.post.slug}`, kept: true },
  "thread, newest first": { path: (w) => `/posts/${w.post.slug}?sort=newest`, kept: true },
  "thread's data": {
    path: (w) => `/posts/${w.post.slug}?_data=${encodeURIComponent("routes/posts.$slug")}`,
    kept: true,
  },
  "comment's page": { path: (w) => `/posts/${w.post.slug}/comments/${w.comment.id}`, kept: false },
  "thread's feed": { path: (w) => `/posts/${w.post.slug}/comments.atom`, kept: true },
  "site's comment feed": { path: () => "/feeds/comments.atom", kept: true },
  "tag's page": { path: (w) => `/tags/${w.tag.name}`, kept: true },
  "tag's feed": { path: (w) => `/tags/${w.tag.name}.atom`, kept: true },
  "spare tag's page": { path: (w) => `/tags/${w.spare.name}`, kept: true },
  "spare tag's feed": { path: (w) => `/tags/${w.spare.name}.atom`, kept: true },
  home: { path: () => "/", kept: true },
  "month's archive": { path: (w) => w.post.archive, kept: true },
  glossary: { path: () => "/tags", kept: true },
} satisfies Record<string, Page>;
type PageName = keyof typeof PAGES;

/** True once the page shows the change (and false before it). */
type Sees = (body: string, w: World) => boolean;

const shows =
  (what: (w: World) => string): Sees =>
  (body, w) =>
    pageText(body).includes(what(w));
const lacks =
  (what: (w: World) => string): Sees =>
  (body, w) =>
    !pageText(body).includes(what(w));
const both =
  (...all: Sees[]): Sees =>
  (body, w) =>
    all.every((sees) => sees(body, w));

/** A link to a tag's page (a thread, a list, a comment's page). */
const tagLink = (tag: Tag) => `href="/tags/${tag.name}"`;

/** What the thread shows of one comment: from its anchor to the next comment's. */
function commentOnThread(html: string, id: number): string {
  const start = html.indexOf(`id="c-${id}"`);
  if (start < 0) return "";
  const end = html.indexOf('id="c-', start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

type DataComment = { id: number; replies?: DataComment[] };
/** What the thread's data carries of one comment (its replies left out), as JSON. */
function commentInData(json: string, id: number): string {
  const find = (nodes: DataComment[]): DataComment | undefined => {
    for (const node of nodes) {
      const found = node.id === id ? node : find(node.replies ?? []);
      if (found) return found;
    }
  };
  const comment = find((JSON.parse(json) as { thread: { comments: DataComment[] } }).thread.comments);
  return comment ? JSON.stringify({ ...comment, replies: undefined }) : "";
}

const commentTaggedOnThread =
  (pick: (w: World) => Tag, tagged: boolean): Sees =>
  (html, w) =>
    commentOnThread(html, w.comment.id).includes(tagLink(pick(w))) === tagged;
const commentTaggedInData =
  (pick: (w: World) => Tag, tagged: boolean): Sees =>
  (json, w) =>
    commentInData(json, w.comment.id).includes(pick(w).name) === tagged;
const postTaggedInData =
  (pick: (w: World) => Tag, tagged: boolean): Sees =>
  (json, w) =>
    (JSON.parse(json) as { post: { tags: string[] } }).post.tags.includes(pick(w).name) === tagged;
const linksTo =
  (pick: (w: World) => Tag, linked: boolean): Sees =>
  (html, w) =>
    html.includes(tagLink(pick(w))) === linked;

/** The post's comment count in a list of posts (home, archive). */
const commentsCounted =
  (n: number): Sees =>
  (html, w) =>
    new RegExp(`href="/posts/${w.post.slug}#comments"[^>]*>${n} comments?</a>`).test(html);

/** A tag's counts in the glossary. */
const countedInGlossary =
  (pick: (w: World) => Tag, counts: { posts?: number; comments?: number }): Sees =>
  (html, w) => {
    const at = html.indexOf(`${tagLink(pick(w))}>`);
    if (at < 0) return false;
    const meta = pageText(/<span class="meta">(.*?)<\/span>/.exec(html.slice(at))?.[1] ?? "");
    const [, posts, comments] = /(\d+) posts? · (\d+) comments?/.exec(meta) ?? [];
    return (
      (counts.posts === undefined || Number(posts) === counts.posts) &&
      (counts.comments === undefined || Number(comments) === counts.comments)
    );
  };

const theWord = (w: World) => w.comment.word;
const theTag = (w: World) => w.tag;
const theSpare = (w: World) => w.spare;

/** Every page that shows the comment's text, and what each must come to show. */
const textPages = (sees: Sees): Partial<Record<PageName, Sees>> => ({
  thread: sees,
  "thread, newest first": sees,
  "thread's data": sees,
  "comment's page": sees,
  "thread's feed": sees,
  "site's comment feed": sees,
  "tag's page": sees,
  "tag's feed": sees,
});

/** A comment gone from its readers: its text off every page, and off the counts. */
const gonePages = (): Partial<Record<PageName, Sees>> => ({
  ...textPages(lacks(theWord)),
  home: commentsCounted(0),
  "month's archive": commentsCounted(0),
  glossary: countedInGlossary(theTag, { comments: 0 }),
});

// ---------------------------------------------------------------------------------------------
// The changes

type Change = {
  name: string;
  /** What the change starts from, beyond the world. */
  given?: (w: World) => Promise<void>;
  /** The change, through HTTP. */
  make: (w: World) => Promise<void>;
  pages: Partial<Record<PageName, Sees>>;
};

const moderate = async (w: World, action: string, fields: Record<string, string> = {}) => {
  const key = `c:${w.comment.id}`;
  const response = await w.staff.moderator.post("/moderation", {
    single: `${action} ${key}`,
    ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`${name}:${key}`, value])),
  });
  expect(response.status).toBe(302);
};

/** A moderator's action on the thread as a whole, through its tools page. */
const moderateThread = async (w: World, fields: Record<string, string>) => {
  const response = await w.staff.moderator.post(`/moderation/threads/${w.post.slug}`, fields);
  expect(response.status).toBe(303);
};

/** What the post's data tells its readers of how the thread is moderated. */
const noticeInData =
  (sees: (notice: { open: boolean; slowMode: unknown; cooling: unknown }) => boolean): Sees =>
  (json) =>
    sees(
      (JSON.parse(json) as { post: { notice: { open: boolean; slowMode: unknown; cooling: unknown } } }).post.notice,
    );

const flagAsRevealing = async (w: World) => {
  const response = await readerOn(w.site.changeOn).post(`/posts/${w.post.slug}/comments/${w.comment.id}`, {
    intent: "flag",
    commentId: w.comment.id,
    reason: "identity",
    note: "",
  });
  expect(response.status).toBe(303);
};

const tagPost = async (w: World, intent: "add-tag" | "remove-tag") => {
  expect((await w.staff.editor.post(`/admin/posts/${w.post.id}`, { intent, tag: w.spare.name })).status).toBe(302);
};

/** A word (or name) made once per world, for what a change brings. */
const onePerWorld = (make: () => string) => {
  const made = new WeakMap<World, string>();
  return (w: World) => {
    if (!made.has(w)) made.set(w, make());
    return made.get(w)!;
  };
};
const newWord = onePerWorld(() => uniqueWord("newc"));
const newName = onePerWorld(() => `t-${uniqueWord("renm")}`);
const renamed = (w: World): Tag => ({ ...w.tag, name: newName(w) });
const forumName = onePerWorld(() => `Branch ${uniqueWord("forn")}`);

const CHANGES: Change[] = [
  {
    name: "a new comment",
    make: async (w) => {
      const response = await readerOn(w.site.changeOn).post(`/posts/${w.post.slug}`, {
        intent: "comment",
        parentId: w.comment.id,
        body: `${newWord(w)} ${w.tag.word}`,
      });
      expect(response.status).toBe(303);
    },
    pages: {
      // The comment's page shows the replies under it.
      ...textPages(shows(newWord)),
      home: commentsCounted(2),
      "month's archive": commentsCounted(2),
      glossary: countedInGlossary(theTag, { comments: 2 }),
    },
  },
  {
    name: "an edit by its writer",
    make: async (w) => {
      const response = await w.writer.post(`/posts/${w.post.slug}/comments/${w.comment.id}`, {
        intent: "edit",
        commentId: w.comment.id,
        body: `${newWord(w)} ${w.tag.word}`,
      });
      expect(response.status).toBe(303);
    },
    pages: textPages(both(shows(newWord), lacks(theWord))),
  },
  {
    name: "a deletion by its writer",
    make: async (w) => {
      const response = await w.writer.post(`/posts/${w.post.slug}`, { intent: "delete", commentId: w.comment.id });
      expect(response.status).toBe(303);
    },
    pages: gonePages(),
  },
  {
    name: "a hold: a reader flags it as revealing someone's identity",
    make: flagAsRevealing,
    pages: gonePages(),
  },
  {
    name: "a moderator's approval of a held comment",
    given: flagAsRevealing,
    make: (w) => moderate(w, "approve"),
    pages: {
      ...textPages(shows(theWord)),
      home: commentsCounted(1),
      "month's archive": commentsCounted(1),
      glossary: countedInGlossary(theTag, { comments: 1 }),
    },
  },
  {
    name: "a moderator's removal",
    make: (w) => moderate(w, "remove", { reason: "abuse" }),
    pages: gonePages(),
  },
  {
    name: "a moderator marking it spam",
    make: (w) => moderate(w, "spam"),
    pages: gonePages(),
  },
  {
    name: "a moderator's redaction",
    make: (w) => moderate(w, "redact", { redact: w.comment.secret }),
    pages: textPages(
      both(
        lacks((w) => w.comment.secret),
        shows(() => "[redacted by a moderator]"),
      ),
    ),
  },
  {
    name: "an admin's glossary change that tags it",
    make: (w) => updateTag(w, w.spare, { patterns: `${w.spare.word}\n${w.comment.word}` }),
    pages: {
      thread: commentTaggedOnThread(theSpare, true),
      "thread, newest first": commentTaggedOnThread(theSpare, true),
      "thread's data": commentTaggedInData(theSpare, true),
      "comment's page": linksTo(theSpare, true),
      "spare tag's page": shows(theWord),
      "spare tag's feed": shows(theWord),
      glossary: countedInGlossary(theSpare, { comments: 1 }),
    },
  },
  {
    name: "an admin's glossary change that untags it",
    make: (w) => updateTag(w, w.tag, { patterns: uniqueWord("gone") }),
    pages: {
      thread: commentTaggedOnThread(theTag, false),
      "thread, newest first": commentTaggedOnThread(theTag, false),
      "thread's data": commentTaggedInData(theTag, false),
      "comment's page": linksTo(theTag, false),
      "tag's page": lacks(theWord),
      "tag's feed": lacks(theWord),
      glossary: countedInGlossary(theTag, { comments: 0 }),
    },
  },
  {
    name: "an admin's renaming of its tag",
    make: (w) => updateTag(w, w.tag, { name: newName(w) }),
    pages: {
      thread: commentTaggedOnThread(renamed, true),
      "thread, newest first": commentTaggedOnThread(renamed, true),
      "thread's data": commentTaggedInData(renamed, true),
      "comment's page": linksTo(renamed, true),
      glossary: linksTo(renamed, true),
    },
  },
  {
    name: "an admin's removal of its tag from the glossary",
    make: async (w) => {
      expect((await w.staff.admin.post(`/admin/glossary/${w.tag.id}`, { intent: "delete" })).status).toBe(302);
    },
    pages: {
      thread: commentTaggedOnThread(theTag, false),
      "thread, newest first": commentTaggedOnThread(theTag, false),
      "thread's data": commentTaggedInData(theTag, false),
      "comment's page": linksTo(theTag, false),
      glossary: linksTo(theTag, false),
    },
  },
  {
    name: "a moderator closing the thread",
    make: (w) => moderateThread(w, { intent: "close", reason: "Result is in" }),
    pages: {
      thread: shows(() => "Comments are closed on this post: Result is in"),
      "thread, newest first": shows(() => "Comments are closed on this post: Result is in"),
      "thread's data": noticeInData((notice) => !notice.open),
      // Its comment's Reply link goes with the form.
      "comment's page": lacks(() => "Reply to this comment"),
      home: shows(() => "comments closed"),
      "month's archive": shows(() => "comments closed"),
    },
  },
  {
    name: "a moderator turning slow mode on",
    make: (w) => moderateThread(w, { intent: "slow", seconds: "300", reason: "Heated" }),
    pages: {
      thread: shows(() => "each voice may comment once every 5 minutes here. Why: Heated"),
      "thread, newest first": shows(() => "each voice may comment once every 5 minutes here"),
      "thread's data": noticeInData((notice) => notice.slowMode !== null),
    },
  },
  {
    name: "a moderator cooling the thread",
    make: (w) => moderateThread(w, { intent: "cool", reason: "Names named" }),
    pages: {
      thread: shows(() => "This thread is cooling down"),
      "thread, newest first": shows(() => "This thread is cooling down"),
      "thread's data": noticeInData((notice) => notice.cooling !== null),
    },
  },
  {
    name: "its writer taking back everything they wrote",
    make: async (w) => {
      const response = await w.writer.post("/me/take-back", { scope: "everywhere", confirm: "yes" });
      expect(response.status).toBe(303);
    },
    pages: gonePages(),
  },
  {
    name: "an editor's tag on the post",
    make: (w) => tagPost(w, "add-tag"),
    pages: {
      thread: linksTo(theSpare, true),
      "thread, newest first": linksTo(theSpare, true),
      "thread's data": postTaggedInData(theSpare, true),
      home: linksTo(theSpare, true),
      "month's archive": linksTo(theSpare, true),
      "spare tag's page": shows((w) => w.post.title),
      "spare tag's feed": shows((w) => w.post.title),
      glossary: countedInGlossary(theSpare, { posts: 1 }),
    },
  },
  {
    name: "an editor taking a tag off the post",
    given: (w) => tagPost(w, "add-tag"),
    make: (w) => tagPost(w, "remove-tag"),
    pages: {
      thread: linksTo(theSpare, false),
      "thread, newest first": linksTo(theSpare, false),
      "thread's data": postTaggedInData(theSpare, false),
      home: linksTo(theSpare, false),
      "month's archive": linksTo(theSpare, false),
      "spare tag's page": lacks((w) => w.post.title),
      "spare tag's feed": lacks((w) => w.post.title),
      glossary: countedInGlossary(theSpare, { posts: 0 }),
    },
  },
  {
    name: "an admin's renaming of the forum",
    make: async (w) => {
      const response = await w.staff.admin.post("/admin/settings", {
        intent: "forum",
        name: forumName(w),
        description: "",
      });
      expect(response.status).toBe(200);
    },
    pages: {
      thread: shows(forumName),
      "thread, newest first": shows(forumName),
      "comment's page": shows(forumName),
      home: shows(forumName),
      "month's archive": shows(forumName),
      glossary: shows(forumName),
      "tag's page": shows(forumName),
      "thread's feed": shows(forumName),
      "site's comment feed": shows(forumName),
      "tag's feed": shows(forumName),
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Reading

/** A kept page is sent whole, with its length; a page made for its request is streamed. */
const fromCache = (response: Response) => response.headers.has("content-length");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a page until the page cache answers it (when it keeps such pages); returns its body. */
async function readKept(base: string, path: string, kept: boolean): Promise<string> {
  const until = Date.now() + REACH_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(base + path);
    const body = await response.text();
    expect(response.status, `${path} answered ${response.status}`).toBe(200);
    if (!kept || fromCache(response)) return body;
    if (Date.now() > until) throw new Error(`${path} was never answered from the page cache`);
    await sleep(READ_AGAIN_MS);
  }
}

/** Reads a page again and again until it shows the change; false when it did not in time. */
async function readUntil(base: string, path: string, sees: (body: string) => boolean): Promise<boolean> {
  const until = Date.now() + REACH_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(base + path);
    if (response.status === 200 && sees(await response.text())) return true;
    if (Date.now() > until) return false;
    await sleep(READ_AGAIN_MS);
  }
}

/** One test per change: every page that shows it, on every instance, follows it. */
export function changesReachPages(site: () => Site, staff: () => Staff) {
  for (const change of CHANGES)
    it(`${change.name} reaches every page that shows it`, async () => {
      const w = await buildWorld(site(), staff());
      await change.given?.(w);
      const reads = site().readOn.flatMap((reader) =>
        Object.entries(change.pages).map(([name, sees]) => ({
          name: `${name} on ${reader.name}`,
          base: reader.base,
          path: PAGES[name as PageName].path(w),
          kept: PAGES[name as PageName].kept,
          sees: (body: string) => sees(body, w),
        })),
      );
      // Read first, so each page is kept; none shows the change yet.
      const showingEarly: string[] = [];
      for (const read of reads)
        if (read.sees(await readKept(read.base, read.path, read.kept))) showingEarly.push(read.name);
      expect(showingEarly, "pages that showed the change before it was made").toEqual([]);

      await change.make(w);

      const followed = await Promise.all(reads.map((read) => readUntil(read.base, read.path, read.sees)));
      expect(
        reads.filter((_, i) => !followed[i]).map((read) => read.name),
        "pages that did not show the change",
      ).toEqual([]);
    });
}
