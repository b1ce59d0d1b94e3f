// Moderation over HTTP: flags, automatic holds, the queue and its actions, bans by reference
// and by network cloak, the logs, and that nobody is unmasked on the way.
import { readFileSync, existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetOldCloaks } from "~/lib/cloak.server";
import { databaseProvider, db } from "~/lib/db.server";
import { DEFAULT_RULES, setModerationRules, type ModerationRules } from "~/models/rules.server";
import { makeComment, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";
import { openEventStream } from "./live";

const base = useApp();
let network = 20;
let n = 0;

/** A browser on its own network (the test server trusts X-Forwarded-For from loopback). */
function browser(address = `198.51.100.${++network}`) {
  const b = new TestBrowser(base);
  const get = b.get.bind(b);
  const post = b.post.bind(b);
  b.get = (p, extra = {}) => get(p, { "x-forwarded-for": address, ...extra });
  b.post = (p, fields, extra = {}) => post(p, fields, { "x-forwarded-for": address, ...extra });
  return b;
}

async function staff(role: "moderator" | "admin" | "member" = "moderator") {
  const user = await makeUser({ username: `${role}-${++n}-${Date.now() % 10000}`, role });
  const b = browser();
  expect((await b.post("/login", { username: user.username, password: "correct horse battery" })).status).toBe(302);
  return Object.assign(b, { user });
}

async function rules(change: Partial<ModerationRules>) {
  await setModerationRules({ ...DEFAULT_RULES, holdAfterDays: null, burst: null, ...change });
}

afterEach(async () => {
  await rules({});
});

const comment = (b: TestBrowser, slug: string, fields: Record<string, string | number>) =>
  b.post(`/posts/${slug}`, { intent: "comment", ...fields });
const idFrom = (r: Response) => Number(/#c-(\d+)$/.exec(r.headers.get("location") ?? "")?.[1]);
const statusOf = async (id: number) =>
  (await db.comment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("flags", () => {
  it("hides a comment flagged as revealing someone's identity from a fresh reader at once", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "The new CRC manager is Jane from Flat 4, Elm Road" });
    const flag = await browser().post(`/posts/${post.slug}/comments/${c.id}`, {
      intent: "flag",
      commentId: c.id,
      reason: "identity",
      note: "",
    });
    expect(flag.status).toBe(303);
    expect(flag.headers.get("location")).toBe(`/posts/${post.slug}/comments/${c.id}?flagged=hidden#c-${c.id}`);
    const html = await (await browser().get(`/posts/${post.slug}`)).text();
    expect(html).not.toContain("Elm Road");
    // Its own page shows where it was, and not what it said.
    const own = await browser().get(`/posts/${post.slug}/comments/${c.id}`);
    expect(own.status).toBe(200);
    expect(await own.text()).not.toContain("Elm Road");
    expect(await statusOf(c.id)).toBe("held");
  });

  it("weighs flags: readers' add up to the threshold, one staff flag is enough, one voice flags once", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "rude words" });
    const flag = (b: TestBrowser, reason = "abusive") =>
      b.post(`/posts/${post.slug}/comments/${c.id}`, { intent: "flag", commentId: c.id, reason, note: "" });
    const first = browser();
    expect((await flag(first)).status).toBe(303);
    expect((await flag(first, "spam")).status).toBe(409);
    expect((await flag(browser())).status).toBe(303);
    expect(await statusOf(c.id)).toBe("published");
    expect((await flag(browser())).status).toBe(303);
    expect(await statusOf(c.id)).toBe("held");

    const other = await makeComment({ postId: post.id, body: "spammy" });
    const mod = await staff();
    expect(
      (
        await mod.post(`/posts/${post.slug}/comments/${other.id}`, {
          intent: "flag",
          commentId: other.id,
          reason: "spam",
          note: "",
        })
      ).status,
    ).toBe(303);
    expect(await statusOf(other.id)).toBe("held");
  });

  it("refuses a flag without a reason, or 'other' without a note, keeping the note", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id });
    const none = await browser().post(`/posts/${post.slug}/comments/${c.id}`, {
      intent: "flag",
      commentId: c.id,
      reason: "",
      note: "my note",
    });
    expect(none.status).toBe(400);
    expect(pageText(await none.text())).toContain('value="my note"');
    const other = await browser().post(`/posts/${post.slug}/comments/${c.id}`, {
      intent: "flag",
      commentId: c.id,
      reason: "other",
      note: "",
    });
    expect(other.status).toBe(400);
    expect(await db.flag.count({ where: { commentId: c.id } })).toBe(0);
  });

  it("flags a post too; past the threshold it leaves the site until reviewed", async () => {
    const post = await makePost({ title: "A flagged post" });
    for (let i = 0; i < 3; i++)
      expect(
        (await browser().post(`/posts/${post.slug}`, { intent: "flag", target: "post", reason: "off-topic", note: "" }))
          .status,
      ).toBe(303);
    expect((await browser().get(`/posts/${post.slug}`)).status).toBe(404);
    const mod = await staff();
    const queue = pageText(await (await mod.get("/moderation")).text());
    expect(queue).toContain("A flagged post");
    expect((await mod.post("/moderation", { single: `approve p:${post.id}` })).status).toBe(302);
    expect((await browser().get(`/posts/${post.slug}`)).status).toBe(200);
  });
});

describe("a held comment keeps its place", () => {
  const ways = {
    "flagged as revealing someone's identity": async (slug: string, id: number) => {
      expect(
        (
          await browser().post(`/posts/${slug}/comments/${id}`, {
            intent: "flag",
            commentId: id,
            reason: "identity",
            note: "",
          })
        ).status,
      ).toBe(303);
    },
    "flagged past the threshold": async (slug: string, id: number) => {
      for (let i = 0; i < 3; i++)
        expect(
          (
            await browser().post(`/posts/${slug}/comments/${id}`, {
              intent: "flag",
              commentId: id,
              reason: "abusive",
              note: "",
            })
          ).status,
        ).toBe(303);
    },
    "held by a watched word in an edit": async (slug: string, id: number, writer: TestBrowser) => {
      await rules({ watchedWords: [{ phrase: "rota leak", action: "hold" }] });
      expect(
        (
          await writer.post(`/posts/${slug}/comments/${id}`, {
            intent: "edit",
            commentId: id,
            body: "Rota leak: Jane at Flat 4, Elm Road",
          })
        ).status,
      ).toBe(303);
    },
  };

  for (const [way, hold] of Object.entries(ways)) {
    it(`${way}: a placeholder with no text or voice, its replies still read everywhere`, async () => {
      const post = await makePost();
      const writer = browser();
      const held = idFrom(
        await comment(writer, post.slug, { body: "Jane at Flat 4, Elm Road", voice: "pseudonym", name: "Whistler" }),
      );
      const answerer = browser();
      const reply = idFrom(await comment(answerer, post.slug, { body: "a reply by someone else", parentId: held }));
      const deeper = idFrom(await comment(browser(), post.slug, { body: "a reply to the reply", parentId: reply }));
      const later = idFrom(await comment(browser(), post.slug, { body: "a later top-level comment" }));
      await hold(post.slug, held, writer);
      expect(await statusOf(held)).toBe("held");

      const secret = /Elm Road|Whistler/;
      for (const query of ["", "?sort=newest"]) {
        const page = pageText(await (await browser().get(`/posts/${post.slug}${query}`)).text());
        expect(page).not.toMatch(secret);
        expect(page).toContain(`id="c-${held}"`);
        expect(page).toContain("Held for review by the moderators.");
        expect(page).toContain("a reply by someone else");
        expect(page).toContain("a reply to the reply");
        const { data } = await browser().data(`/posts/${post.slug}${query}`, "routes/posts.$slug");
        const placeholder = data.thread.comments.find((c: { id: number }) => c.id === held);
        expect(placeholder).toEqual({
          id: held,
          author: "",
          createdAt: expect.any(String) as unknown,
          status: "withheld",
          main: expect.stringContaining("Held for review by the moderators.") as unknown,
          replies: [expect.objectContaining({ id: reply, replies: [expect.objectContaining({ id: deeper })] })],
        });
        expect(JSON.stringify(placeholder)).not.toMatch(secret);
        expect(data.thread.comments.map((c: { id: number }) => c.id)).toEqual(query ? [later, held] : [held, later]);
        expect(data.thread.topLevelCount).toBe(2);
      }
      // The replies' own pages, with the placeholder among their ancestors; and the held one's.
      for (const id of [reply, deeper, held]) {
        const response = await browser().get(`/posts/${post.slug}/comments/${id}`);
        expect(response.status, `the page of comment ${id}`).toBe(200);
        const page = pageText(await response.text());
        expect(page).not.toMatch(secret);
        expect(page).toContain("Held for review by the moderators.");
        expect(page).toContain(id === held ? "a reply by someone else" : "a reply to the reply");
      }
      // The feeds carry the replies, never the held text.
      const feed = await (await fetch(`${base()}/posts/${post.slug}/comments.atom`)).text();
      expect(feed).toContain(`/comments/${deeper}</id>`);
      expect(feed).not.toMatch(secret);
      // The reply's writer finds the answer to it in "replies to me", and its page.
      const replies = pageText(await (await answerer.get("/me/replies")).text());
      expect(replies).toContain("a reply to the reply");
      expect(replies).toContain(`href="/posts/${post.slug}/comments/${deeper}"`);
      // Its writer still reads it whole, marked as awaiting review; moderators in the queue.
      const own = pageText(await (await writer.get(`/posts/${post.slug}/comments/${held}`)).text());
      expect(own).toContain("Elm Road");
      expect(own).toContain("awaiting review");
      expect(pageText(await (await (await staff()).get("/moderation?filter=held")).text())).toContain("Elm Road");
    });
  }

  it("a reply to a held comment's branch comes live, and its tag page links to a page that answers", async () => {
    const { installDefaultGlossary } = await import("~/models/tags.server");
    await installDefaultGlossary();
    const post = await makePost();
    const held = idFrom(await comment(browser(), post.slug, { body: "Jane at Flat 4, Elm Road" }));
    const reply = idFrom(await comment(browser(), post.slug, { body: "a reply about the strike", parentId: held }));
    await ways["flagged as revealing someone's identity"](post.slug, held);
    const stream = await openEventStream(`${base()}/posts/${post.slug}/events`);
    try {
      const published = stream.next("published");
      const late = idFrom(await comment(browser(), post.slug, { body: "a late reply in the branch", parentId: reply }));
      expect(JSON.parse((await published).data)).toEqual({ commentId: late });
      // What the live banner counts is on the page once it loads again.
      const page = await (await browser().get(`/posts/${post.slug}`)).text();
      expect(page).toContain(`id="c-${late}"`);
      expect(page).not.toContain("Elm Road");
    } finally {
      stream.close();
    }
    const tagPage = pageText(await (await browser().get("/tags/strike")).text());
    expect(tagPage).toContain(`href="/posts/${post.slug}/comments/${reply}"`);
    expect((await browser().get(`/posts/${post.slug}/comments/${reply}`)).status).toBe(200);
  });

  it("a reply to a comment held since its form was opened is refused with a reason, its text kept", async () => {
    const post = await makePost();
    const held = idFrom(await comment(browser(), post.slug, { body: "Jane at Flat 4, Elm Road" }));
    await ways["flagged as revealing someone's identity"](post.slug, held);
    const refused = await comment(browser(), post.slug, { body: "my answer to that", parentId: held });
    expect(refused.status).toBe(409);
    const page = pageText(await refused.text());
    expect(page).toContain("held for review: it can be answered once a moderator has looked at it");
    expect(page).toContain("my answer to that");
    expect(await db.comment.count({ where: { parentId: held } })).toBe(0);
  });

  it("a comment held as it is written shows its place to others, and whole to its writer", async () => {
    await rules({ holdFirstContribution: true });
    const post = await makePost();
    const writer = browser();
    const held = idFrom(
      await comment(writer, post.slug, { body: "my first words here", voice: "pseudonym", name: "Newcomer" }),
    );
    expect(await statusOf(held)).toBe("held");
    const page = pageText(await (await browser().get(`/posts/${post.slug}`)).text());
    expect(page).toContain(`id="c-${held}"`);
    expect(page).toContain("Held for review by the moderators.");
    expect(page).not.toMatch(/my first words here|Newcomer/);
    // Its writer finds it whole on its own page, and as theirs (held) on the shared thread.
    expect(pageText(await (await writer.get(`/posts/${post.slug}/comments/${held}`)).text())).toContain(
      "my first words here",
    );
    expect((await writer.personal(post.slug)).thread?.own).toEqual([{ id: held, editable: true, held: true }]);
    expect((await browser().personal(post.slug)).thread?.own).toEqual([]);
  });
});

describe("automatic holds", () => {
  it("blocks a watched word with a message, keeping the text and writing nothing", async () => {
    await rules({ watchedWords: [{ phrase: "scab list", action: "block" }] });
    const post = await makePost();
    const response = await comment(browser(), post.slug, { body: "Here is the SCAB list for Riverside" });
    expect(response.status).toBe(422);
    const html = pageText(await response.text());
    expect(html).toContain("words this forum does not accept");
    expect(html).toContain("Here is the SCAB list for Riverside");
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("holds for review: seen by its writer as awaiting review and by moderators, by nobody else", async () => {
    await rules({ watchedWords: [{ phrase: "management", action: "hold" }] });
    const post = await makePost();
    const writer = browser();
    const r = await comment(writer, post.slug, { body: "What management said today" });
    expect(r.status).toBe(303);
    const id = idFrom(r);
    const own = pageText(await (await writer.get(`/posts/${post.slug}/comments/${id}`)).text());
    expect(own).toContain("What management said today");
    expect(own).toContain("awaiting review");
    // The thread is the same page for everyone, its writer and moderators included: a placeholder.
    for (const reader of [writer, browser(), await staff()]) {
      expect(pageText(await (await reader.get(`/posts/${post.slug}`)).text())).not.toContain(
        "What management said today",
      );
    }
    expect(pageText(await (await browser().get(`/posts/${post.slug}/comments/${id}`)).text())).not.toContain(
      "What management said today",
    );
    const mod = await staff();
    expect(pageText(await (await mod.get(`/posts/${post.slug}/comments/${id}`)).text())).toContain(
      "What management said today",
    );
    const queue = pageText(await (await mod.get("/moderation?filter=held")).text());
    expect(queue).toContain('held: the watched word "management"');
    expect(queue).toContain(`/moderation?post=${post.slug}`);
    const approved = await mod.post("/moderation", { single: `approve c:${id}` });
    expect(approved.status).toBe(302);
    // Back at the queue's items, so the keyboard goes on from the next one, not from the header.
    expect(approved.headers.get("location")).toBe("/moderation#queue");
    expect(pageText(await (await browser().get(`/posts/${post.slug}`)).text())).toContain("What management said today");
  });

  it("holds many links, a new voice's first comment, old threads and bursts, each naming its rule", async () => {
    const post = await makePost();
    await rules({ maxLinks: 1 });
    const links = await comment(browser(), post.slug, {
      body: "[a](https://example.org/a) and [b](https://example.org/b)",
    });
    expect(
      await db.comment.findUniqueOrThrow({ where: { id: idFrom(links) }, select: { status: true, holdReason: true } }),
    ).toEqual({ status: "held", holdReason: "more than 1 links" });

    await rules({ holdFirstContribution: true });
    const newcomer = browser();
    const first = idFrom(await comment(newcomer, post.slug, { body: "hello, first time here" }));
    expect(await statusOf(first)).toBe("held");
    const mod = await staff();
    await mod.post("/moderation", { single: `approve c:${first}` });
    expect(await statusOf(idFrom(await comment(newcomer, post.slug, { body: "second time" })))).toBe("published");

    await rules({ holdAfterDays: 30 });
    const old = await makePost({ publishedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) });
    expect(await statusOf(idFrom(await comment(browser(), old.slug, { body: "necro" })))).toBe("held");

    await rules({ burst: { count: 2, minutes: 10 } });
    const chatty = browser();
    expect(await statusOf(idFrom(await comment(chatty, post.slug, { body: "one" })))).toBe("published");
    expect(await statusOf(idFrom(await comment(chatty, post.slug, { body: "two" })))).toBe("published");
    const third = idFrom(await comment(chatty, post.slug, { body: "three" }));
    expect(
      (await db.comment.findUniqueOrThrow({ where: { id: third }, select: { holdReason: true } })).holdReason,
    ).toBe("more than 2 comments in 10 minutes");
  });

  it("counts the old-thread hold from the thread's last comment, and tells the held writer why", async () => {
    await rules({});
    const DAY = 24 * 3600 * 1000;
    // An old post whose thread is still busy (a comment written yesterday), and one gone quiet.
    const busy = await makePost({ publishedAt: new Date(Date.now() - 90 * DAY) });
    await makeComment({ postId: busy.id, body: "still arguing", postedAt: new Date(Date.now() - DAY) });
    const quiet = await makePost({ publishedAt: new Date(Date.now() - 90 * DAY) });
    await makeComment({ postId: quiet.id, body: "long ago", postedAt: new Date(Date.now() - 45 * DAY) });
    await rules({ holdAfterDays: 30 });
    expect(await statusOf(idFrom(await comment(browser(), busy.slug, { body: "and me" })))).toBe("published");

    // The quiet one: held, and its writer is told why.
    const writer = browser();
    const held = await comment(writer, quiet.slug, { body: "waking this thread up" });
    expect(await statusOf(idFrom(held))).toBe("held");
    const landing = pageText(await (await writer.get(held.headers.get("location")!.replace(/#.*$/, ""))).text());
    expect(landing).toContain("waking this thread up");
    expect(landing).toContain("nobody had written in this thread for more than 30 days");
    expect(landing).toContain("everyone will once a moderator approves it");
    // Other readers are told nothing of it.
    const reader = pageText(await (await browser().get(held.headers.get("location")!.replace(/#.*$/, ""))).text());
    expect(reader).not.toContain("nobody had written in this thread");
  });

  it("tells the writer of a comment held by a watched word why, without naming the word", async () => {
    await rules({ watchedWords: [{ phrase: "agency staff", action: "hold" }] });
    const post = await makePost();
    const writer = browser();
    const held = await comment(writer, post.slug, { body: "the agency staff were sent home" });
    const landing = pageText(await (await writer.get(held.headers.get("location")!.replace(/#.*$/, ""))).text());
    expect(landing).toContain("it contains a word the moderators have asked to read first");
    expect(landing.replaceAll("the agency staff were sent home", "")).not.toContain("agency staff");
  });

  it("'flag' publishes the comment and puts it in the queue", async () => {
    await rules({ watchedWords: [{ phrase: "bloody", action: "flag" }] });
    const post = await makePost();
    const id = idFrom(await comment(browser(), post.slug, { body: "bloody rota again" }));
    expect(await statusOf(id)).toBe("published");
    const queue = pageText(await (await (await staff()).get("/moderation?filter=flagged")).text());
    expect(queue).toContain("bloody rota again");
    expect(queue).toContain('Held up by the watched word "bloody"');
  });

  it("admins edit the rules; bad rules are refused with the form kept", async () => {
    const admin = await staff("admin");
    const ok = await admin.post("/admin/rules", {
      watchedWords: "hold: agency staff\nblock: home address",
      maxLinks: "3",
      holdAfterDays: "",
      burstCount: "5",
      burstMinutes: "2",
      flagThreshold: "4",
    });
    expect(ok.status).toBe(200);
    const post = await makePost();
    expect((await comment(browser(), post.slug, { body: "posting a home address" })).status).toBe(422);
    const bad = await admin.post("/admin/rules", {
      watchedWords: "shout: x",
      maxLinks: "3",
      holdAfterDays: "",
      burstCount: "",
      burstMinutes: "",
      flagThreshold: "4",
    });
    expect(bad.status).toBe(400);
    expect(pageText(await bad.text())).toContain("shout: x");
    expect(
      (
        await admin.post("/admin/rules", {
          watchedWords: "",
          maxLinks: "-1",
          holdAfterDays: "",
          burstCount: "",
          burstMinutes: "",
          flagThreshold: "4",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await (
          await staff("member")
        ).post("/admin/rules", {
          watchedWords: "",
          maxLinks: "",
          holdAfterDays: "",
          burstCount: "",
          burstMinutes: "",
          flagThreshold: "1",
        })
      ).status,
    ).toBe(403);
  });
});

describe("the queue", () => {
  it("shows each item with its post, parent and flags; filters by reason and post", async () => {
    const post = await makePost({ title: "Queue context post" });
    const parent = await makeComment({ postId: post.id, body: "the parent says hello" });
    const child = await makeComment({ postId: post.id, parentId: parent.id, body: "the flagged child" });
    await browser().post(`/posts/${post.slug}/comments/${child.id}`, {
      intent: "flag",
      commentId: child.id,
      reason: "other",
      note: "needs a look",
    });
    const mod = await staff();
    const html = pageText(await (await mod.get("/moderation")).text());
    expect(html).toContain("Queue context post");
    expect(html).toContain("the parent says hello");
    expect(html).toContain("the flagged child");
    expect(html).toContain("Something else: “needs a look”");
    const elsewhere = await makePost();
    const onlyOther = pageText(await (await mod.get(`/moderation?post=${elsewhere.slug}`)).text());
    expect(onlyOther).not.toContain("the flagged child");
    expect(pageText(await (await mod.get("/moderation?filter=identity")).text())).not.toContain("the flagged child");
    // The header counts what waits (its personal part, added by the page's scripts).
    const { member } = await mod.personal();
    expect(member?.moderator).toBe(true);
    expect(member?.queueSize).toBeGreaterThan(0);
  });

  it("removes with a public reason (a tombstone), marks spam, rejects and redacts; all logged", async () => {
    const post = await makePost();
    const mod = await staff();
    const removed = await makeComment({ postId: post.id, body: "personal attack" });
    const reply = await makeComment({ postId: post.id, parentId: removed.id, body: "a reply that stays" });
    expect(
      (
        await mod.post("/moderation", {
          single: `remove c:${removed.id}`,
          [`reason:c:${removed.id}`]: "personal attack on a member",
        })
      ).status,
    ).toBe(302);
    const page = pageText(await (await browser().get(`/posts/${post.slug}`)).text());
    expect(page).toContain("Removed by a moderator: personal attack on a member");
    expect(page).toContain("a reply that stays");
    expect(page).not.toContain(">personal attack<");
    expect(await statusOf(reply.id)).toBe("published");
    expect((await mod.post("/moderation", { single: `remove c:${reply.id}` })).status).toBe(400);

    const spam = await makeComment({ postId: post.id, body: "buy cheap watches" });
    await mod.post("/moderation", { single: `spam c:${spam.id}` });
    expect(await statusOf(spam.id)).toBe("spam");

    const redacted = await makeComment({ postId: post.id, body: "Ask Dave Smith at the Riverside office about it" });
    expect(
      (await mod.post("/moderation", { single: `redact c:${redacted.id}`, [`redact:c:${redacted.id}`]: "Dave Smith" }))
        .status,
    ).toBe(302);
    const after = pageText(await (await browser().get(`/posts/${post.slug}`)).text());
    expect(after).toContain("Ask [redacted by a moderator] at the Riverside office");
    expect(after).not.toContain("Dave Smith");
    expect(
      (
        await mod.post("/moderation", {
          single: `redact c:${redacted.id}`,
          [`redact:c:${redacted.id}`]: "not in the text",
        })
      ).status,
    ).toBe(400);

    const log = pageText(await (await browser().get("/modlog")).text());
    expect(log).toContain("removed");
    expect(log).toContain("personal attack on a member");
    expect(log).toContain("removed as spam");
    expect(log).not.toContain(mod.user.username);
    const staffLog = pageText(await (await mod.get("/moderation/log")).text());
    expect(staffLog).toContain(mod.user.username);
    // The public log names moderators only to staff.
    expect(pageText(await (await mod.get("/modlog")).text())).toContain(mod.user.username);
  });

  it("acts on many ticked items at once", async () => {
    const post = await makePost();
    await rules({ watchedWords: [{ phrase: "overtime", action: "hold" }] });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(idFrom(await comment(browser(), post.slug, { body: `overtime ban ${i}` })));
    const mod = await staff();
    const form = new URLSearchParams([
      ["bulk", "1"],
      ["bulkAction", "approve"],
      ...ids.map((id) => ["selected", `c:${id}`]),
    ]);
    const response = await fetch(`${base()}/moderation`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: {
        cookie: [...mod.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    expect(response.status).toBe(302);
    for (const id of ids) expect(await statusOf(id)).toBe("published");
    expect((await mod.post("/moderation", { bulk: "1", bulkAction: "approve" })).status).toBe(400);
  });

  it("lets a moderator claim an item so another cannot act on it", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "contested" });
    await browser().post(`/posts/${post.slug}/comments/${c.id}`, {
      intent: "flag",
      commentId: c.id,
      reason: "abusive",
      note: "",
    });
    const first = await staff();
    const second = await staff();
    expect((await first.post("/moderation", { single: `claim c:${c.id}` })).status).toBe(302);
    expect(pageText(await (await second.get("/moderation")).text())).toContain(`claimed by ${first.user.username}`);
    const refused = await second.post("/moderation", { single: `approve c:${c.id}` });
    expect(refused.status).toBe(409);
    expect(pageText(await refused.text())).toContain("Another moderator has claimed this item");
    expect((await first.post("/moderation", { single: `approve c:${c.id}` })).status).toBe(302);
  });
});

describe("each action's log row and event", () => {
  const logOf = (where: { commentId: number } | { postId: number }) =>
    db.moderationAction.findMany({ where, orderBy: { id: "asc" }, select: { action: true, publicReason: true } });
  const act = (mod: TestBrowser, action: string, key: string, fields: Record<string, string> = {}) =>
    mod.post("/moderation", { single: `${action} ${key}`, ...fields });

  it("logs each comment action with its public reason, and tells the thread's readers", async () => {
    const post = await makePost();
    const mod = await staff();
    const [approved, rejected, removed, spam, redacted, banned] = await Promise.all(
      ["fine words", "odd words", "rude words", "cheap watches", "Ask Dave Smith", "troll words"].map((body) =>
        makeComment({ postId: post.id, body }),
      ),
    );
    await db.comment.update({ where: { id: approved.id }, data: { status: "held", holdReason: "flags" } });
    const stream = await openEventStream(`${base()}/posts/${post.slug}/events`);
    try {
      // A held comment approved is new to the thread's readers; any other action changes one.
      const published = stream.next("published");
      expect((await act(mod, "approve", `c:${approved.id}`, { [`reason:c:${approved.id}`]: "fine" })).status).toBe(302);
      expect(JSON.parse((await published).data)).toEqual({ commentId: approved.id });
      const changed = stream.next("changed");
      expect((await act(mod, "reject", `c:${rejected.id}`)).status).toBe(302);
      expect(JSON.parse((await changed).data)).toEqual({ commentId: rejected.id });
    } finally {
      stream.close();
    }
    expect((await act(mod, "remove", `c:${removed.id}`, { [`reason:c:${removed.id}`]: "rude" })).status).toBe(302);
    expect((await act(mod, "spam", `c:${spam.id}`)).status).toBe(302);
    expect((await act(mod, "redact", `c:${redacted.id}`, { [`redact:c:${redacted.id}`]: "Dave Smith" })).status).toBe(
      302,
    );
    expect((await act(mod, "claim", `c:${banned.id}`)).status).toBe(302);
    expect((await act(mod, "unclaim", `c:${banned.id}`)).status).toBe(302);
    expect((await act(mod, "ban", `c:${banned.id}`, { [`banDays:c:${banned.id}`]: "forever" })).status).toBe(302);

    expect(await logOf({ commentId: approved.id })).toEqual([{ action: "approve", publicReason: "fine" }]);
    expect(await logOf({ commentId: rejected.id })).toEqual([{ action: "reject", publicReason: null }]);
    expect(await logOf({ commentId: removed.id })).toEqual([{ action: "remove", publicReason: "rude" }]);
    expect(await logOf({ commentId: spam.id })).toEqual([{ action: "spam", publicReason: "spam" }]);
    expect(await logOf({ commentId: redacted.id })).toEqual([
      { action: "redact", publicReason: "part of the text revealed or endangered someone" },
    ]);
    // A claim is no moderation: it is not logged.
    expect(await logOf({ commentId: banned.id })).toEqual([{ action: "ban", publicReason: "banned for good" }]);
    expect([await statusOf(approved.id), await statusOf(rejected.id), await statusOf(spam.id)]).toEqual([
      "published",
      "removed",
      "spam",
    ]);
  });

  it("publishes or rejects a submitted post, approves or unpublishes a hidden one; each logged", async () => {
    const mod = await staff();
    const [submitted, refused, hidden, taken] = await Promise.all([1, 2, 3, 4].map(() => makePost()));
    await db.post.updateMany({
      where: { id: { in: [submitted.id, refused.id] } },
      data: { status: "submitted", publishedAt: null },
    });
    await db.post.updateMany({ where: { id: { in: [hidden.id, taken.id] } }, data: { status: "held" } });
    // Rejecting a post needs a reason, shown to its writer.
    expect((await act(mod, "reject", `p:${refused.id}`)).status).toBe(400);
    expect((await act(mod, "approve", `p:${submitted.id}`)).status).toBe(302);
    expect((await act(mod, "reject", `p:${refused.id}`, { [`reason:p:${refused.id}`]: "off-topic" })).status).toBe(302);
    expect((await act(mod, "approve", `p:${hidden.id}`)).status).toBe(302);
    expect((await act(mod, "reject", `p:${taken.id}`, { [`reason:p:${taken.id}`]: "doxxing" })).status).toBe(302);
    // Read one by one: made at once, the posts' ids need not follow the list's order.
    const posts = await Promise.all(
      [submitted, refused, hidden, taken].map(({ id }) =>
        db.post.findUniqueOrThrow({
          where: { id },
          select: { status: true, publishedAt: true, rejectionReason: true },
        }),
      ),
    );
    expect(posts.map((p) => [p.status, p.rejectionReason])).toEqual([
      ["published", null],
      ["rejected", "off-topic"],
      ["published", null],
      ["unpublished", "doxxing"],
    ]);
    expect(posts[0].publishedAt).not.toBeNull();
    expect(await logOf({ postId: submitted.id })).toEqual([{ action: "publish", publicReason: null }]);
    expect(await logOf({ postId: refused.id })).toEqual([{ action: "reject", publicReason: "off-topic" }]);
    expect(await logOf({ postId: hidden.id })).toEqual([{ action: "approve", publicReason: null }]);
    expect(await logOf({ postId: taken.id })).toEqual([{ action: "unpublish", publicReason: "doxxing" }]);
  });

  it("bounds an approval's public reason as every other reason, writing nothing past it", async () => {
    const mod = await staff();
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "approved, at length" });
    const long = "x".repeat(5_000);
    for (const key of [`c:${c.id}`, `p:${post.id}`]) {
      const response = await act(mod, "approve", key, { [`reason:${key}`]: long });
      expect(response.status, key).toBe(400);
      expect(pageText(await response.text())).toMatch(/A reason can be at most \d+ characters long\./);
    }
    expect(await logOf({ commentId: c.id })).toEqual([]);
    expect(await logOf({ postId: post.id })).toEqual([]);
  });

  it("leaves drafts and posts already refused or unpublished to the editors", async () => {
    const mod = await staff();
    for (const status of ["draft", "rejected", "unpublished"]) {
      const post = await makePost();
      await db.post.update({ where: { id: post.id }, data: { status, publishedAt: null } });
      for (const [action, extra] of [
        ["approve", {}],
        ["reject", { [`reason:p:${post.id}`]: "no" }],
      ] as const) {
        const response = await act(mod, action, `p:${post.id}`, extra);
        expect(response.status, `${action} a ${status} post`).toBe(409);
        expect(pageText(await response.text())).toContain(
          "Only a submitted, hidden or flagged post can be decided here.",
        );
      }
      const after = await db.post.findUniqueOrThrow({ where: { id: post.id }, select: { status: true } });
      expect(after.status).toBe(status);
      expect(await logOf({ postId: post.id })).toEqual([]);
    }
  });

  it("answers an action it does not know with 400, writing nothing", async () => {
    const post = await makePost();
    const c = await makeComment({ postId: post.id, body: "left alone" });
    const mod = await staff();
    for (const [key, noun] of [
      [`c:${c.id}`, "comment"],
      [`p:${post.id}`, "post"],
    ]) {
      const response = await act(mod, "frobnicate", key);
      expect(response.status).toBe(400);
      expect(pageText(await response.text())).toContain(`A moderator cannot “frobnicate” a ${noun}.`);
    }
    // Spam is for comments, not posts.
    const spam = await act(mod, "spam", `p:${post.id}`);
    expect(spam.status).toBe(400);
    expect(pageText(await spam.text())).toContain("A moderator cannot “spam” a post.");
    expect(await logOf({ commentId: c.id })).toEqual([]);
    expect(await logOf({ postId: post.id })).toEqual([]);
    expect(await statusOf(c.id)).toBe("published");
  });
});

describe("bans", () => {
  it("bans the writer by reference: their browser is refused with its text kept; others write on", async () => {
    const post = await makePost();
    const troll = browser();
    const id = idFrom(await comment(troll, post.slug, { body: "trolling" }));
    const mod = await staff();
    expect(
      (
        await mod.post("/moderation", {
          single: `ban c:${id}`,
          [`banDays:c:${id}`]: "30",
          [`reason:c:${id}`]: "trolling",
        })
      ).status,
    ).toBe(302);
    const refused = await comment(troll, post.slug, { body: "my next careful comment" });
    expect(refused.status).toBe(403);
    const html = pageText(await refused.text());
    expect(html).toContain("a moderator banned this writer");
    expect(html).toContain("my next careful comment");
    // A new browser on another network is not the banned voice.
    expect((await comment(browser(), post.slug, { body: "someone else" })).status).toBe(303);
    expect(pageText(await (await browser().get("/modlog")).text())).toContain("banned for 30 day(s): trolling");
  });

  it("bans a network by cloak for at most 7 days; the ban ends when its daily key is destroyed", async () => {
    const post = await makePost();
    const address = "203.0.113.45";
    const id = idFrom(await comment(browser(address), post.slug, { body: "from a shared network" }));
    const mod = await staff();
    expect(
      (
        await mod.post("/moderation", {
          single: `ban c:${id}`,
          [`banDays:c:${id}`]: "forever",
          [`banNetwork:c:${id}`]: "on",
        })
      ).status,
    ).toBe(302);
    const bans = await db.ban.findMany({
      where: { cloak: { not: null } },
      select: { cloak: true, expiresAt: true, createdAt: true },
    });
    expect(bans).toHaveLength(1);
    expect(bans[0].expiresAt!.getTime() - bans[0].createdAt.getTime()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000 + 1000);
    // Another browser on that network is refused too.
    expect((await comment(browser(address), post.slug, { body: "new browser, same network" })).status).toBe(403);
    // A week on, the key is destroyed: the cloak can no longer be made, the network is free.
    await forgetOldCloaks(new Date(Date.now() + 8 * 24 * 3600 * 1000));
    await db.cloakKey.deleteMany();
    expect(await db.ban.count({ where: { cloak: { not: null } } })).toBe(0);
    expect((await db.comment.findUniqueOrThrow({ where: { id }, select: { cloak: true } })).cloak).toBeNull();
    expect((await comment(browser(address), post.slug, { body: "back after a week" })).status).toBe(303);
  });
});

describe("privacy", () => {
  it("stores and logs no network address anywhere", async () => {
    const address = "203.0.113.77";
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args) => void logged.push(args.join(" "))),
    );
    try {
      const post = await makePost();
      const b = browser(address);
      const id = idFrom(await comment(b, post.slug, { body: "posted from a known address" }));
      await b.post(`/posts/${post.slug}/comments/${id}`, {
        intent: "flag",
        commentId: id,
        reason: "other",
        note: "my own",
      });
      await browser(address).post("/login", { username: "nobody-at-all", password: "wrong password" });
      await browser(address).post("/join", { username: `addr${Date.now() % 100000}`, password: "a good password" });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged.join("\n")).not.toContain(address);
    // Every row of every table, on either engine.
    const tables = db as unknown as Record<string, { findMany?: () => Promise<unknown[]> } | undefined>;
    const models = Object.keys(db).filter(
      (k) => !k.startsWith("$") && !k.startsWith("_") && typeof tables[k]?.findMany === "function",
    );
    expect(models.length).toBeGreaterThan(10);
    const dump = JSON.stringify(await Promise.all(models.map((m) => tables[m]!.findMany!())), (_, v: unknown) =>
      typeof v === "bigint" ? String(v) : v,
    );
    expect(dump).not.toContain(address);
    expect(dump).not.toContain(Buffer.from(address).toString("base64"));
    if (databaseProvider === "sqlite") {
      const file = process.env.DATABASE_URL!.replace(/^file:/, "");
      for (const f of [file, `${file}-wal`])
        if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(address))).toBe(false);
    }
  });

  it("shows moderators no author reference, cloak, browser key or who wrote an anonymous comment", async () => {
    const member = await makeUser({ username: `Hidden Member ${++n}` });
    const post = await makePost();
    const writer = browser("203.0.113.90");
    expect((await writer.post("/login", { username: member.username, password: "correct horse battery" })).status).toBe(
      302,
    );
    const id = idFrom(await comment(writer, post.slug, { body: "anonymous but signed in", voice: "anonymous" }));
    await browser().post(`/posts/${post.slug}/comments/${id}`, {
      intent: "flag",
      commentId: id,
      reason: "abusive",
      note: "",
    });
    const stored = await db.comment.findUniqueOrThrow({
      where: { id },
      select: { authorRef: true, cloak: true, userId: true },
    });
    expect(stored.userId).toBeNull();
    const flagRefs = (await db.flag.findMany({ where: { commentId: id }, select: { voiceRef: true } })).map(
      (f) => f.voiceRef,
    );
    const mod = await staff("admin");
    await mod.post("/moderation", { single: `ban c:${id}`, [`banDays:c:${id}`]: "1", [`banNetwork:c:${id}`]: "on" });
    const pages = [
      await (await mod.get("/moderation")).text(),
      await (await mod.get("/moderation?_data=routes%2Fmoderation._index")).text(),
      await (await mod.get("/moderation/log")).text(),
      await (await mod.get("/modlog")).text(),
    ];
    for (const html of pages) {
      expect(html).not.toContain(stored.authorRef);
      expect(html).not.toContain(stored.cloak!);
      for (const ref of flagRefs) expect(html).not.toContain(ref);
      expect(html).not.toContain(member.username);
      expect(html).not.toContain(writer.cookies.get("picket_voice") ?? "no-voice-cookie");
      expect(html).not.toMatch(/authorRef|voiceRef|"cloak"|userId/);
    }
  });

  it("keeps every moderation page from readers and members", async () => {
    const member = await staff("member");
    for (const path of ["/moderation", "/moderation/log", "/admin/rules"]) {
      const reader = await browser().get(path);
      expect(reader.status, path).toBe(302);
      expect(reader.headers.get("location"), path).toMatch(/^\/login\?redirectTo=/);
      expect((await member.get(path)).status, path).toBe(403);
    }
    const c = await makeComment({ postId: (await makePost()).id });
    expect((await browser().post("/moderation", { single: `remove c:${c.id}` })).status).toBe(302);
    expect((await member.post("/moderation", { single: `remove c:${c.id}`, [`reason:c:${c.id}`]: "x" })).status).toBe(
      403,
    );
    expect(await statusOf(c.id)).toBe("published");
    expect((await (await staff()).get("/moderation")).status).toBe(200);
  });
});

describe("watched words that tag", () => {
  it("adds a glossary tag to a comment that uses the word, and keeps it through re-tagging", async () => {
    const { installDefaultGlossary, runRetagJobs } = await import("~/models/tags.server");
    await installDefaultGlossary();
    await rules({ watchedWords: [{ phrase: "downed tools", action: "tag", tag: "strike" }] });
    const post = await makePost();
    const id = idFrom(await comment(browser(), post.slug, { body: "We downed tools at nine" }));
    const tagged = async () =>
      (await db.commentTag.findMany({ where: { commentId: id }, select: { tag: { select: { name: true } } } })).map(
        (t) => t.tag.name,
      );
    expect(await tagged()).toEqual(["strike"]);
    await runRetagJobs();
    expect(await tagged()).toEqual(["strike"]);
  });
});
