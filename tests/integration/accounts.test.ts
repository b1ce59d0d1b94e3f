// Accounts over HTTP: joining, signing in and out, throttling without addresses, sessions in
// the database, suspension, pen names, and members' anonymous comments.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { setSignupMode } from "~/models/settings.server";
import { createInvite, SIGN_IN_FAILURES_PER_ACCOUNT } from "~/models/users.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
let n = 0;
const uniqueName = (stem = "member") => `${stem}${++n}${Date.now() % 100000}`;
// Each test's requests come from their own network (the test server trusts X-Forwarded-For
// from loopback), so throttling in one test cannot spill into another.
let network = 10;
const newNetwork = () => ({ "x-forwarded-for": `198.51.100.${++network}` });

function browserFrom(headers: Record<string, string>) {
  const b = new TestBrowser(base);
  const get = b.get.bind(b);
  const post = b.post.bind(b);
  b.get = (path, extra = {}) => get(path, { ...headers, ...extra });
  b.post = (path, fields, extra = {}) => post(path, fields, { ...headers, ...extra });
  return b;
}

async function signedIn(username: string, password = "correct horse battery", net = newNetwork()) {
  const b = browserFrom(net);
  const response = await b.post("/login", { username, password });
  expect(response.status).toBe(302);
  return b;
}

describe("joining", () => {
  it("needs only a username and a password, and signs the new member in", async () => {
    const b = browserFrom(newNetwork());
    const username = uniqueName("Strike Steward ");
    const response = await b.post("/join", { username, password: "a long pass phrase" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("picket_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await db.user.findFirstOrThrow({ where: { username }, select: { role: true, passwordHash: true } });
    expect(user).toMatchObject({ role: "member" });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$1\d\$/);
    expect((await b.personal()).member?.username).toBe(username);
  });

  it("uses passwords exactly as typed, from 8 to 72 bytes, and never cuts a longer one", async () => {
    const spaces = "  spaces around  ";
    const name = uniqueName();
    expect((await browserFrom(newNetwork()).post("/join", { username: name, password: spaces })).status).toBe(302);
    expect((await browserFrom(newNetwork()).post("/login", { username: name, password: spaces.trim() })).status).toBe(
      401,
    );
    expect((await browserFrom(newNetwork()).post("/login", { username: name, password: spaces })).status).toBe(302);

    const exactly72 = "é".repeat(36);
    const name72 = uniqueName();
    expect((await browserFrom(newNetwork()).post("/join", { username: name72, password: exactly72 })).status).toBe(302);
    // bcrypt would ignore everything after byte 72; a longer password must not sign in.
    expect(
      (await browserFrom(newNetwork()).post("/login", { username: name72, password: exactly72 + "extra" })).status,
    ).toBe(401);

    for (const [password, message] of [
      ["short", /at least 8/],
      ["é".repeat(37), /at most 72 bytes/],
    ] as const) {
      const username = uniqueName();
      const response = await browserFrom(newNetwork()).post("/join", { username, password });
      expect(response.status).toBe(400);
      expect(pageText(await response.text())).toMatch(message);
      expect(await db.user.count({ where: { username } })).toBe(0);
    }
  });

  it("refuses taken, reserved, lookalike and malformed usernames, keeping what was typed", async () => {
    const taken = uniqueName("Rosa");
    await makeUser({ username: taken });
    const cases: [string, number, RegExp][] = [
      [taken, 409, /taken or reserved/],
      [taken.toUpperCase(), 409, /taken or reserved/],
      [taken.replace("o", "0"), 409, /taken or reserved/],
      ["Admin", 409, /taken or reserved/],
      ["Моderator", 409, /taken or reserved/],
      ["bad\u200Bname", 400, /control or invisible/],
      ["tab\tname", 400, /control or invisible/],
      ["", 400, /Write a name/],
      ["x".repeat(41), 400, /at most 40/],
    ];
    const before = await db.user.count();
    for (const [username, status, message] of cases) {
      const response = await browserFrom(newNetwork()).post("/join", { username, password: "good password" });
      expect(response.status, username).toBe(status);
      const html = pageText(await response.text());
      expect(html, username).toMatch(message);
    }
    expect(await db.user.count()).toBe(before);
  });

  it("follows the admins' sign-up setting: invite codes are single-use; closed means closed", async () => {
    try {
      await setSignupMode("invite");
      const admin = await makeUser({ username: uniqueName("admin"), role: "admin" });
      const code = await createInvite({ by: admin.id });
      const join = (fields: Record<string, string>) =>
        browserFrom(newNetwork()).post("/join", { username: uniqueName(), password: "good password", ...fields });
      expect((await join({ inviteCode: "" })).status).toBe(403);
      const wrong = await join({ inviteCode: "not-a-code" });
      expect(wrong.status).toBe(403);
      expect(pageText(await wrong.text())).toContain("invite code is not valid");
      expect((await join({ inviteCode: code })).status).toBe(302);
      expect((await join({ inviteCode: code })).status).toBe(403);

      await setSignupMode("closed");
      expect((await join({})).status).toBe(403);
      expect(pageText(await (await browserFrom(newNetwork()).get("/join")).text())).toContain("Joining is closed");
    } finally {
      await setSignupMode("open");
    }
  });

  it("sends people back only to pages of this site after joining or signing in", async () => {
    const username = uniqueName();
    await makeUser({ username });
    for (const [to, expected] of [
      ["/posts/some-post?page=2#c-5", "/posts/some-post?page=2#c-5"],
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["https://evil.example", "/"],
      ["javascript:alert(1)", "/"],
      ["/%0d%0aSet-Cookie:x=1", "/%0d%0aSet-Cookie:x=1"],
      ["\t//evil.example", "/"],
    ] as const) {
      const response = await browserFrom(newNetwork()).post("/login", {
        username,
        password: "correct horse battery",
        redirectTo: to,
      });
      expect(response.status, to).toBe(302);
      expect(response.headers.get("location"), to).toBe(expected);
    }
    const page = await browserFrom(newNetwork()).get(`/login?redirectTo=${encodeURIComponent("https://evil.example")}`);
    expect(await page.text()).toContain('name="redirectTo" value="/"');
  });
});

describe("signing in", () => {
  it("gives an unknown username and a wrong password the same answer", async () => {
    const username = uniqueName();
    await makeUser({ username });
    const wrongPassword = await browserFrom(newNetwork()).post("/login", { username, password: "not the password" });
    const unknownUser = await browserFrom(newNetwork()).post("/login", {
      username: uniqueName("nobody"),
      password: "not the password",
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const message = (html: string) => /<p class="error" role="alert">([^<]+)</.exec(html)?.[1];
    expect(message(await wrongPassword.text())).toBe(message(await unknownUser.text()));
  });

  it("throttles failures per account and network with Retry-After, without locking out the owner elsewhere", async () => {
    const username = uniqueName();
    await makeUser({ username });
    const attacker = browserFrom(newNetwork());
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT.limit; i++) {
      expect((await attacker.post("/login", { username, password: `guess ${i}` })).status).toBe(401);
    }
    const blocked = await attacker.post("/login", { username, password: "correct horse battery" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(pageText(await blocked.text())).toContain("Too many failed attempts");
    // The owner, from their own network, still gets in.
    expect(
      (await browserFrom(newNetwork()).post("/login", { username, password: "correct horse battery" })).status,
    ).toBe(302);
    // The counters hold cloaks, never the address.
    const keys = (await db.rateCounter.findMany({ select: { key: true } })).map((k) => k.key).join(" ");
    expect(keys).not.toMatch(/198\.51\.100|127\.0\.0\.1/);
  });

  it("starts a new session id at every sign-in and ends it on the server at sign-out", async () => {
    const username = uniqueName();
    await makeUser({ username });
    const b = await signedIn(username);
    const first = b.cookies.get("picket_session");
    const stolenCookie = `picket_session=${first}`;
    // Signing in again on the same browser replaces its session: the old id stops working.
    expect((await b.post("/login", { username, password: "correct horse battery" })).status).toBe(302);
    expect(b.cookies.get("picket_session")).not.toBe(first);
    expect((await fetch(`${base()}/me`, { redirect: "manual", headers: { cookie: stolenCookie } })).status).toBe(302);
    const other = await signedIn(username);
    expect(other.cookies.get("picket_session")).not.toBe(b.cookies.get("picket_session"));

    const beforeLogout = b.cookies.get("picket_session");
    expect((await b.post("/logout", {})).status).toBe(302);
    const withOldCookie = await fetch(`${base()}/me`, {
      redirect: "manual",
      headers: { cookie: `picket_session=${beforeLogout}` },
    });
    expect(withOldCookie.status).toBe(302);
    expect(withOldCookie.headers.get("location")).toMatch(/^\/login/);
    expect((await other.get("/me")).status).toBe(200);
    // GET /logout changes nothing.
    expect((await other.get("/logout")).status).toBe(200);
    expect((await other.get("/me")).status).toBe(200);
  });

  it("signs out everywhere", async () => {
    const username = uniqueName();
    await makeUser({ username });
    const phone = await signedIn(username);
    const laptop = await signedIn(username);
    expect((await laptop.post("/me", { intent: "sign-out-everywhere" })).status).toBe(302);
    expect((await phone.get("/me")).status).toBe(302);
    expect((await laptop.get("/me")).status).toBe(302);
  });

  it("ends a suspended account's sessions at once, and refuses its sign-in", async () => {
    const admin = await makeUser({ username: uniqueName("admin"), role: "admin" });
    const member = await makeUser({ username: uniqueName() });
    const adminBrowser = await signedIn(admin.username);
    const memberBrowser = await signedIn(member.username);
    expect((await memberBrowser.get("/me")).status).toBe(200);
    expect((await adminBrowser.post("/admin/users", { intent: "suspend", userId: member.id })).status).toBe(200);
    expect((await memberBrowser.get("/me")).status).toBe(302);
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    const refused = await browserFrom(newNetwork()).post("/login", {
      username: member.username,
      password: "correct horse battery",
    });
    expect(refused.status).toBe(403);
    expect((await adminBrowser.post("/admin/users", { intent: "restore", userId: member.id })).status).toBe(200);
    await signedIn(member.username);
  });

  it("lets an admin change a role and set a temporary password that ends old sessions", async () => {
    const admin = await makeUser({ username: uniqueName("admin"), role: "admin" });
    const member = await makeUser({ username: uniqueName() });
    const adminBrowser = await signedIn(admin.username);
    const memberBrowser = await signedIn(member.username);
    expect(
      (await adminBrowser.post("/admin/users", { intent: "role", userId: member.id, role: "moderator" })).status,
    ).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { role: true } })).role).toBe(
      "moderator",
    );
    const response = await adminBrowser.post("/admin/users", { intent: "temporary-password", userId: member.id });
    const temporary = /<span class="secret">([^<]+)</.exec(await response.text())?.[1];
    expect(temporary).toBeTruthy();
    expect((await memberBrowser.get("/me")).status).toBe(302);
    await signedIn(member.username, temporary);
    expect((await adminBrowser.post("/admin/users", { intent: "role", userId: admin.id, role: "member" })).status).toBe(
      400,
    );
  });
});

describe("voices of a member", () => {
  it("reserves up to three pen names, refused to anyone else", async () => {
    const member = await makeUser({ username: uniqueName() });
    const b = await signedIn(member.username);
    const pens = [uniqueName("Night Owl "), uniqueName("Lanyard Lou "), uniqueName("Brew Steward ")];
    for (const name of pens) expect((await b.post("/me", { intent: "add-pen-name", name })).status).toBe(302);
    const fourth = await b.post("/me", { intent: "add-pen-name", name: uniqueName("One Too Many ") });
    expect(fourth.status).toBe(400);
    expect(pageText(await fourth.text())).toContain("at most 3 pen names");

    const post = await makePost();
    const stranger = await browserFrom(newNetwork()).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "hi",
      voice: "pseudonym",
      name: pens[0],
    });
    expect(stranger.status).toBe(403);
    const otherMember = await makeUser({ username: uniqueName() });
    const taken = await (
      await signedIn(otherMember.username)
    ).post("/me", { intent: "add-pen-name", name: pens[1].toLowerCase() });
    expect(taken.status).toBe(409);
  });

  it("comments under the member's name, a pen name, or anonymously; the anonymous one stores no user id", async () => {
    const member = await makeUser({ username: uniqueName("Sian") });
    const b = await signedIn(member.username);
    await b.post("/me", { intent: "add-pen-name", name: `${member.username} Pen` });
    const pen = await db.penName.findFirstOrThrow({ where: { userId: member.id }, select: { id: true, name: true } });
    const post = await makePost();
    const say = (body: string, voice: string) => b.post(`/posts/${post.slug}`, { intent: "comment", body, voice });
    expect((await say("as myself", "member")).status).toBe(303);
    expect((await say("as my pen name", `penname:${pen.id}`)).status).toBe(303);
    expect((await say("anonymously", "anonymous")).status).toBe(303);
    const rows = await db.comment.findMany({
      where: { postId: post.id },
      orderBy: { id: "asc" },
      select: { bodyMarkdown: true, voice: true, displayName: true, userId: true },
    });
    expect(rows).toEqual([
      { bodyMarkdown: "as myself", voice: "member", displayName: member.username, userId: member.id },
      { bodyMarkdown: "as my pen name", voice: "penname", displayName: pen.name, userId: member.id },
      { bodyMarkdown: "anonymously", voice: "anonymous", displayName: null, userId: null },
    ]);
    // Someone else's pen name is refused.
    const other = await makeUser({ username: uniqueName() });
    const refused = await (
      await signedIn(other.username)
    ).post(`/posts/${post.slug}`, { intent: "comment", body: "borrowed", voice: `penname:${pen.id}` });
    expect(refused.status).toBe(403);

    // The member still owns the anonymous comment from another browser: it can be edited there.
    const anon = await db.comment.findFirstOrThrow({
      where: { postId: post.id, voice: "anonymous" },
      select: { id: true },
    });
    const elsewhere = await signedIn(member.username);
    const edit = await elsewhere.post(`/posts/${post.slug}/comments/${anon.id}`, {
      intent: "edit",
      commentId: anon.id,
      body: "anonymously, edited",
    });
    expect(edit.status).toBe(303);
    // And the page shows nobody, the member included, who wrote it.
    const html = pageText(await (await browserFrom(newNetwork()).get(`/posts/${post.slug}`)).text());
    const anonBlock = html.slice(html.indexOf(`id="c-${anon.id}"`), html.indexOf("anonymously, edited"));
    expect(anonBlock).not.toContain(member.username);
    expect(anonBlock).toMatch(/Anonymous ·[0-9A-Z]{4}/);
  });
});
