// Who may open which page and send which form: every staff and member route, visited by a
// reader with no session, by a member, by each staff role, and by the role it is meant for.
// A refusal writes nothing; the right role's forms do what they say.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { submitPost } from "~/models/posts.server";
import type { Role } from "~/models/users.server";
import { signVoice } from "~/models/voices.server";
import { aBrowserKey, makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const PASSWORD = "correct horse battery";
const ROLES: Role[] = ["member", "moderator", "editor", "admin"];

let counter = 0;
const unique = (what: string) => `authz ${what} ${++counter}`;

async function signIn(username: string, password = PASSWORD) {
  const browser = new TestBrowser(base);
  const response = await browser.post("/login", { username, password });
  expect(response.status, `signing in as ${username}`).toBe(302);
  expect(browser.cookies.get("picket_session")).toBeTruthy();
  return browser;
}

async function signedIn(role: Role) {
  const user = await makeUser({ username: unique(role), role });
  return { user, browser: await signIn(user.username) };
}

async function makeSubmission(title = unique("submission")) {
  const signed = await signVoice({
    choice: { kind: "anonymous" },
    writer: { browserKey: aBrowserKey() },
    member: null,
  });
  return submitPost({ title, body: "Please publish this **draft**.", suggestedTags: "ballot", signed });
}

const statusOf = async (postId: number) =>
  (await db.post.findUniqueOrThrow({ where: { id: postId }, select: { status: true } })).status;
const html = async (response: Response) => pageText(await response.text());

/** Everything a refused request could have changed. */
async function snapshot() {
  const [users, penNames, invites, settings, posts, sessions] = await Promise.all([
    db.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, role: true, suspendedAt: true, passwordHash: true, passwordChangedAt: true },
    }),
    db.penName.findMany({ orderBy: { id: "asc" } }),
    db.inviteCode.findMany({ orderBy: { id: "asc" } }),
    db.setting.findMany({ orderBy: { key: "asc" } }),
    db.post.findMany({ orderBy: { id: "asc" } }),
    db.session.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true } }),
  ]);
  return { users, penNames, invites, settings, posts, sessions };
}

// ---------------------------------------------------------------------------------------------
// The table of routes.

type Need = "member" | "editor" | "admin";
/** Who each kind of route is for: admins may do everything editors can, staff are members too. */
const MAY: Record<Need, Role[]> = {
  member: ["member", "moderator", "editor", "admin"],
  editor: ["editor", "admin"],
  admin: ["admin"],
};

type Fixtures = {
  submittedId: number;
  publishedId: number;
  publishedTitle: string;
  targetId: number;
  inviteId: number;
};
let fx: Fixtures;

const GETS: { name: string; routeId: string; path: () => string; need: Need; shows: () => string }[] = [
  { name: "/admin", routeId: "routes/admin._index", path: () => "/admin", need: "admin", shows: () => "Invite codes" },
  {
    name: "/admin/users",
    routeId: "routes/admin.users",
    path: () => "/admin/users",
    need: "admin",
    shows: () => "Accounts",
  },
  {
    name: "/admin/invites",
    routeId: "routes/admin.invites",
    path: () => "/admin/invites",
    need: "admin",
    shows: () => "Create an invite code",
  },
  {
    name: "/admin/settings",
    routeId: "routes/admin.settings",
    path: () => "/admin/settings",
    need: "admin",
    shows: () => "Who may join",
  },
  {
    name: "/admin/posts",
    routeId: "routes/admin.posts._index",
    path: () => "/admin/posts",
    need: "editor",
    shows: () => "Posts and submissions",
  },
  {
    name: "/admin/posts?status=submitted",
    routeId: "routes/admin.posts._index",
    path: () => "/admin/posts?status=submitted",
    need: "editor",
    shows: () => "Posts and submissions",
  },
  {
    name: "/admin/posts/new",
    routeId: "routes/admin.posts.new",
    path: () => "/admin/posts/new",
    need: "editor",
    shows: () => "Pin to the top of the home page",
  },
  {
    name: "/admin/posts/:id",
    routeId: "routes/admin.posts.$id",
    path: () => `/admin/posts/${fx.publishedId}`,
    need: "editor",
    shows: () => fx.publishedTitle,
  },
  {
    name: "/submit",
    routeId: "routes/submit",
    path: () => "/submit",
    need: "member",
    shows: () => "Write a post for the branch blog",
  },
  { name: "/me", routeId: "routes/me._index", path: () => "/me", need: "member", shows: () => "Your account" },
  {
    name: "/me/submissions",
    routeId: "routes/me.submissions",
    path: () => "/me/submissions",
    need: "member",
    shows: () => "Your submitted posts",
  },
];

type Fields = Record<string, string | number>;
const POSTS: { label: string; name: string; path: () => string; fields: (selfId: number) => Fields; need: Need }[] = [
  {
    label: "make themselves admin",
    path: () => "/admin/users",
    name: "/admin/users",
    fields: (self) => ({ intent: "role", role: "admin", userId: self }),
    need: "admin",
  },
  {
    label: "suspend an account",
    path: () => "/admin/users",
    name: "/admin/users",
    fields: () => ({ intent: "suspend", userId: fx.targetId }),
    need: "admin",
  },
  {
    label: "restore an account",
    path: () => "/admin/users",
    name: "/admin/users",
    fields: () => ({ intent: "restore", userId: fx.targetId }),
    need: "admin",
  },
  {
    label: "set a temporary password",
    path: () => "/admin/users",
    name: "/admin/users",
    fields: () => ({ intent: "temporary-password", userId: fx.targetId }),
    need: "admin",
  },
  {
    label: "create an invite code",
    path: () => "/admin/invites",
    name: "/admin/invites",
    fields: () => ({ intent: "create" }),
    need: "admin",
  },
  {
    label: "revoke an invite code",
    path: () => "/admin/invites",
    name: "/admin/invites",
    fields: () => ({ intent: "revoke", inviteId: fx.inviteId }),
    need: "admin",
  },
  {
    label: "open sign-up",
    path: () => "/admin/settings",
    name: "/admin/settings",
    fields: () => ({ intent: "join", signupMode: "open" }),
    need: "admin",
  },
  {
    label: "make sign-up by invitation",
    path: () => "/admin/settings",
    name: "/admin/settings",
    fields: () => ({ intent: "join", signupMode: "invite" }),
    need: "admin",
  },
  {
    label: "close sign-up",
    path: () => "/admin/settings",
    name: "/admin/settings",
    fields: () => ({ intent: "join", signupMode: "closed" }),
    need: "admin",
  },
  {
    label: "write a post",
    path: () => "/admin/posts/new",
    name: "/admin/posts/new",
    fields: () => ({ title: "Not yours to write", body: "Nope.", voice: "member" }),
    need: "editor",
  },
  {
    label: "edit a post",
    path: () => `/admin/posts/${fx.publishedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "edit", title: "Defaced", body: "Defaced." }),
    need: "editor",
  },
  {
    label: "publish a submission",
    path: () => `/admin/posts/${fx.submittedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "publish" }),
    need: "editor",
  },
  {
    label: "reject a submission",
    path: () => `/admin/posts/${fx.submittedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "reject", reason: "Because I can." }),
    need: "editor",
  },
  {
    label: "unpublish a post",
    path: () => `/admin/posts/${fx.publishedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "unpublish" }),
    need: "editor",
  },
  {
    label: "pin a post",
    path: () => `/admin/posts/${fx.publishedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "pin" }),
    need: "editor",
  },
  {
    label: "unpin a post",
    path: () => `/admin/posts/${fx.publishedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "unpin" }),
    need: "editor",
  },
  {
    label: "close comments",
    path: () => `/admin/posts/${fx.publishedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "close-comments" }),
    need: "editor",
  },
  {
    label: "open comments",
    path: () => `/admin/posts/${fx.publishedId}`,
    name: "/admin/posts/:id",
    fields: () => ({ intent: "open-comments" }),
    need: "editor",
  },
  {
    label: "submit a post",
    path: () => "/submit",
    name: "/submit",
    fields: () => ({ title: "A reader's post", body: "Hello.", voice: "anonymous" }),
    need: "member",
  },
];

const as = {} as Record<Role, { user: { id: number; username: string }; browser: TestBrowser }>;

beforeAll(async () => {
  for (const role of ROLES) as[role] = await signedIn(role);
  const published = await makePost({ title: unique("published post") });
  const publishedRow = await db.post.findUniqueOrThrow({ where: { id: published.id }, select: { title: true } });
  const target = await makeUser({ username: unique("target") });
  const invite = await db.inviteCode.create({
    data: { codeHash: `fixture-${Date.now()}`, hint: "fixt" },
    select: { id: true },
  });
  fx = {
    submittedId: (await makeSubmission()).id,
    publishedId: published.id,
    publishedTitle: publishedRow.title,
    targetId: target.id,
    inviteId: invite.id,
  };
});

// ---------------------------------------------------------------------------------------------

describe("a reader with no session is sent to sign in", () => {
  for (const route of GETS) {
    it(`GET ${route.name}: 302 to /login naming the page`, async () => {
      const path = route.path();
      const response = await new TestBrowser(base).get(path);
      expect(response.status).toBe(302);
      const location = response.headers.get("location") ?? "";
      expect(location.startsWith("/login?redirectTo=")).toBe(true);
      expect(new URL(location, "http://x").searchParams.get("redirectTo")).toBe(path);
    });
  }

  for (const route of POSTS) {
    it(`POST to ${route.name} (${route.label}): 302 to /login, nothing written`, async () => {
      const before = await snapshot();
      const response = await new TestBrowser(base).post(route.path(), route.fields(0));
      expect(response.status).toBe(302);
      expect(response.headers.get("location") ?? "").toMatch(/^\/login\?redirectTo=/);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("after signing in from that redirect, lands back on the page it asked for", async () => {
    const reader = new TestBrowser(base);
    const first = await reader.get("/admin/posts?status=submitted");
    const login = await reader.get(first.headers.get("location")!);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="redirectTo" value="/admin/posts?status=submitted"');
    const response = await reader.post("/login", {
      username: as.editor.user.username,
      password: PASSWORD,
      redirectTo: "/admin/posts?status=submitted",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/posts?status=submitted");
    expect((await reader.get("/admin/posts?status=submitted")).status).toBe(200);
  });
});

describe("each role opens the pages meant for it, and only those", () => {
  for (const role of ROLES) {
    for (const route of GETS) {
      const may = MAY[route.need].includes(role);
      it(`${role}: GET ${route.name} → ${may ? 200 : 403}`, async () => {
        const response = await as[role].browser.get(route.path());
        const text = await html(response);
        if (may) {
          expect(response.status).toBe(200);
          expect(text).toContain(route.shows());
        } else {
          expect(response.status).toBe(403);
          expect(text).toContain("Your account cannot do this.");
          expect(text).not.toContain(route.shows());
        }
      });
    }
  }
});

describe("the loader data that in-page navigation fetches is guarded the same way", () => {
  const dataPath = (route: (typeof GETS)[number]) =>
    `${route.path()}${route.path().includes("?") ? "&" : "?"}_data=${encodeURIComponent(route.routeId)}`;

  for (const route of GETS) {
    it(`${route.name} (${route.routeId}): readers are redirected to sign in, lower roles get 403 and no data`, async () => {
      const anonymous = await new TestBrowser(base).get(dataPath(route));
      expect(anonymous.status).toBe(204);
      expect(anonymous.headers.get("x-remix-redirect")).toBe(`/login?redirectTo=${encodeURIComponent(route.path())}`);
      for (const role of ROLES) {
        const response = await as[role].browser.get(dataPath(route));
        const body = await response.text();
        if (MAY[route.need].includes(role)) {
          expect(response.status, role).toBe(200);
          expect((): unknown => JSON.parse(body), role).not.toThrow();
        } else {
          expect(response.status, role).toBe(403);
          expect(body, role).toBe("Your account cannot do this.");
        }
      }
    });
  }

  it("a fetcher-style POST from a member to an admin form is 403 and writes nothing", async () => {
    const before = await snapshot();
    const response = await as.member.browser.post(`/admin/users?_data=${encodeURIComponent("routes/admin.users")}`, {
      intent: "role",
      role: "admin",
      userId: as.member.user.id,
    });
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe("a role below a form's is refused with 403 and nothing is written", () => {
  for (const role of ROLES) {
    for (const route of POSTS.filter((r) => !MAY[r.need].includes(role))) {
      it(`${role}: ${route.label} (POST ${route.name}) → 403`, async () => {
        const before = await snapshot();
        const response = await as[role].browser.post(route.path(), route.fields(as[role].user.id));
        expect(response.status).toBe(403);
        expect(await html(response)).toContain("Your account cannot do this.");
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it("a member closing sign-up leaves the join form open", async () => {
    const response = await as.member.browser.post("/admin/settings", { intent: "join", signupMode: "closed" });
    expect(response.status).toBe(403);
    expect(await db.setting.findUnique({ where: { key: "signupMode" } })).toBeNull();
    const join = await html(await new TestBrowser(base).get("/join"));
    expect(join).toContain('name="username"');
    expect(join).not.toContain("Joining is closed");
  });

  it("a member making themselves admin stays a member, and still cannot open /admin", async () => {
    for (const role of ["admin", "editor", "moderator"]) {
      const response = await as.member.browser.post("/admin/users", {
        intent: "role",
        role,
        userId: as.member.user.id,
      });
      expect(response.status).toBe(403);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: as.member.user.id }, select: { role: true } })).role).toBe(
      "member",
    );
    expect((await as.member.browser.get("/admin")).status).toBe(403);
  });

  it("a member or a moderator publishing a submission leaves it waiting and off the site", async () => {
    const { id, slug } = await makeSubmission();
    for (const role of ["member", "moderator"] as const) {
      const response = await as[role].browser.post(`/admin/posts/${id}`, { intent: "publish" });
      expect(response.status).toBe(403);
    }
    expect(await statusOf(id)).toBe("submitted");
    expect((await new TestBrowser(base).get(`/posts/${slug}`)).status).toBe(404);
  });

  it("an editor promoting themselves to admin stays an editor", async () => {
    const response = await as.editor.browser.post("/admin/users", {
      intent: "role",
      role: "admin",
      userId: as.editor.user.id,
    });
    expect(response.status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: as.editor.user.id }, select: { role: true } })).role).toBe(
      "editor",
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("an admin's forms do what they say", () => {
  const admin = () => as.admin.browser;

  it("changes a member's role, and the new editor can open the editors' pages at once", async () => {
    const target = await signedIn("member");
    expect((await target.browser.get("/admin/posts")).status).toBe(403);
    const response = await admin().post("/admin/users", { intent: "role", role: "editor", userId: target.user.id });
    expect(response.status).toBe(200);
    expect(await html(response)).toContain("Role changed.");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.user.id }, select: { role: true } })).role).toBe(
      "editor",
    );
    expect((await target.browser.get("/admin/posts")).status).toBe(200);
    expect((await target.browser.get("/admin")).status).toBe(403);
  });

  it("suspends an account: its sessions end and it cannot sign in; restoring lets it back", async () => {
    const target = await signedIn("member");
    const response = await admin().post("/admin/users", { intent: "suspend", userId: target.user.id });
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Account suspended; its sessions have ended.");
    expect(page).toMatch(new RegExp(`${target.user.username} <span class="status">suspended</span>`));
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: target.user.id }, select: { suspendedAt: true } })).suspendedAt,
    ).not.toBeNull();
    expect((await target.browser.get("/me")).status).toBe(302);
    const refused = await new TestBrowser(base).post("/login", { username: target.user.username, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(await html(refused)).toContain("This account is suspended.");

    const restored = await admin().post("/admin/users", { intent: "restore", userId: target.user.id });
    expect(restored.status).toBe(200);
    expect(await html(restored)).toContain("Account restored.");
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: target.user.id }, select: { suspendedAt: true } })).suspendedAt,
    ).toBeNull();
    const again = await signIn(target.user.username);
    expect((await again.get("/me")).status).toBe(200);
  });

  it("sets a temporary password, shown once: old sessions end and the new password signs in", async () => {
    const target = await signedIn("member");
    const response = await admin().post("/admin/users", { intent: "temporary-password", userId: target.user.id });
    expect(response.status).toBe(200);
    const page = await html(response);
    expect(page).toContain("Temporary password set");
    const temporary = /<span class="secret">([^<]+)<\/span>/.exec(page)?.[1];
    expect(temporary).toBeTruthy();
    expect((await target.browser.get("/me")).status).toBe(302);
    const browser = await signIn(target.user.username, temporary);
    expect(await html(await browser.get("/me"))).toContain(target.user.username);
    expect(await html(await admin().get("/admin/users"))).not.toContain(temporary!);
  });

  it("creates an invite code, shown once, that lets someone join while sign-up is by invitation", async () => {
    const before = await db.inviteCode.count();
    const response = await admin().post("/admin/invites", { intent: "create" });
    expect(response.status).toBe(200);
    const code = /New code: <span class="secret">([^<]+)<\/span>/.exec(await html(response))?.[1];
    expect(code).toBeTruthy();
    expect(await db.inviteCode.count()).toBe(before + 1);
    const list = await html(await admin().get("/admin/invites"));
    expect(list).toContain(`${code!.slice(0, 4)}…`);
    expect(list).not.toContain(code!);

    try {
      expect((await admin().post("/admin/settings", { intent: "join", signupMode: "invite" })).status).toBe(200);
      const joinForm = await html(await new TestBrowser(base).get("/join"));
      expect(joinForm).toContain('name="inviteCode"');
      const newcomer = new TestBrowser(base);
      const joined = await newcomer.post("/join", {
        username: unique("newcomer"),
        password: PASSWORD,
        inviteCode: code!,
      });
      expect(joined.status).toBe(302);
      expect((await newcomer.get("/me")).status).toBe(200);
      const row = await db.inviteCode.findFirstOrThrow({ where: { hint: code!.slice(0, 4) }, orderBy: { id: "desc" } });
      expect(row.usedAt).not.toBeNull();
    } finally {
      await admin().post("/admin/settings", { intent: "join", signupMode: "open" });
    }
  });

  it("revokes an unused invite code; revoking it again is refused with 409", async () => {
    await admin().post("/admin/invites", { intent: "create" });
    const invite = await db.inviteCode.findFirstOrThrow({ orderBy: { id: "desc" } });
    const response = await admin().post("/admin/invites", { intent: "revoke", inviteId: invite.id });
    expect(response.status).toBe(200);
    expect((await db.inviteCode.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).not.toBeNull();
    expect(await html(await admin().get("/admin/invites"))).toMatch(
      new RegExp(`${invite.hint.replace(/[^A-Za-z0-9]/g, ".")}…</td><td>.*?</td><td>revoked</td>`),
    );
    const again = await admin().post("/admin/invites", { intent: "revoke", inviteId: invite.id });
    expect(again.status).toBe(409);
    expect(await html(again)).toContain("already used or revoked");
  });

  it("closes, restricts and reopens sign-up, as the join page shows", async () => {
    try {
      const closed = await admin().post("/admin/settings", { intent: "join", signupMode: "closed" });
      expect(closed.status).toBe(200);
      expect(await html(closed)).toContain("Saved: who may join.");
      const join = await html(await new TestBrowser(base).get("/join"));
      expect(join).toContain("Joining is closed on this forum for now.");
      expect(join).not.toContain('name="username"');
      const refused = await new TestBrowser(base).post("/join", { username: unique("too late"), password: PASSWORD });
      expect(refused.status).toBe(403);

      expect((await admin().post("/admin/settings", { intent: "join", signupMode: "invite" })).status).toBe(200);
      expect(await html(await new TestBrowser(base).get("/join"))).toContain("Invite code");
      expect(await html(await admin().get("/admin/settings"))).toMatch(
        /<input type="radio" name="signupMode" checked="" value="invite"\/>/,
      );
    } finally {
      expect((await admin().post("/admin/settings", { intent: "join", signupMode: "open" })).status).toBe(200);
    }
    const join = await html(await new TestBrowser(base).get("/join"));
    expect(join).toContain('name="username"');
    expect(join).not.toContain("Invite code");
  });

  it("may do editors' things too: publishes a submission", async () => {
    const { id, slug } = await makeSubmission();
    expect((await admin().get(`/admin/posts/${id}`)).status).toBe(200);
    const response = await admin().post(`/admin/posts/${id}`, { intent: "publish" });
    expect(response.status).toBe(302);
    expect(await statusOf(id)).toBe("published");
    expect((await new TestBrowser(base).get(`/posts/${slug}`)).status).toBe(200);
  });
});

describe("an editor's forms do what they say", () => {
  const editor = () => as.editor.browser;
  const reader = () => new TestBrowser(base);

  it("writes a post that is published at once under the editor's name", async () => {
    const title = unique("editors' news");
    const response = await editor().post("/admin/posts/new", { title, body: "The branch *met*.", voice: "member" });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/posts\/[a-z0-9-]+$/);
    const page = await html(await reader().get(location));
    expect(page).toContain(title);
    expect(page).toContain("The branch <em>met</em>.");
    expect(page).toContain(as.editor.user.username);
    const row = await db.post.findFirstOrThrow({ where: { title } });
    expect(row).toMatchObject({ status: "published", voice: "member", userId: as.editor.user.id });
  });

  it("edits a post's title and text", async () => {
    const post = await makePost({ title: unique("before the edit") });
    const title = unique("after the edit");
    const response = await editor().post(`/admin/posts/${post.id}`, {
      intent: "edit",
      title,
      body: "Corrected **text**.",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/admin/posts/${post.id}`);
    const page = await html(await reader().get(`/posts/${post.slug}`));
    expect(page).toContain(title);
    expect(page).toContain("Corrected <strong>text</strong>.");
  });

  it("publishes a submission", async () => {
    const { id, slug } = await makeSubmission();
    expect((await reader().get(`/posts/${slug}`)).status).toBe(404);
    const response = await editor().post(`/admin/posts/${id}`, { intent: "publish" });
    expect(response.status).toBe(302);
    expect(await statusOf(id)).toBe("published");
    expect((await reader().get(`/posts/${slug}`)).status).toBe(200);
  });

  it("rejects a submission with a reason, shown on the editor's page", async () => {
    const { id, slug } = await makeSubmission();
    const response = await editor().post(`/admin/posts/${id}`, {
      intent: "reject",
      reason: "  Too close to the ballot.  ",
    });
    expect(response.status).toBe(302);
    expect(await db.post.findUniqueOrThrow({ where: { id }, select: { status: true, rejectionReason: true } })).toEqual(
      { status: "rejected", rejectionReason: "Too close to the ballot." },
    );
    expect(await html(await editor().get(`/admin/posts/${id}`))).toContain("Rejected: Too close to the ballot.");
    expect((await reader().get(`/posts/${slug}`)).status).toBe(404);
  });

  it("unpublishes a post: its page is gone", async () => {
    const post = await makePost({ title: unique("to unpublish") });
    const response = await editor().post(`/admin/posts/${post.id}`, { intent: "unpublish" });
    expect(response.status).toBe(302);
    expect(await statusOf(post.id)).toBe("unpublished");
    expect((await reader().get(`/posts/${post.slug}`)).status).toBe(404);
  });

  it("pins and unpins a post", async () => {
    const post = await makePost({ title: unique("to pin") });
    expect((await editor().post(`/admin/posts/${post.id}`, { intent: "pin" })).status).toBe(302);
    expect(await html(await reader().get(`/posts/${post.slug}`))).toContain('<span class="badge">Pinned</span>');
    expect(await html(await editor().get("/admin/posts"))).toContain(
      `${(await db.post.findUniqueOrThrow({ where: { id: post.id } })).title}</a> (pinned)`,
    );
    expect((await editor().post(`/admin/posts/${post.id}`, { intent: "unpin" })).status).toBe(302);
    expect(await html(await reader().get(`/posts/${post.slug}`))).not.toContain('<span class="badge">Pinned</span>');
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).pinned).toBe(false);
  });

  it("closes and opens comments", async () => {
    const post = await makePost({ title: unique("to close") });
    expect((await editor().post(`/admin/posts/${post.id}`, { intent: "close-comments" })).status).toBe(302);
    expect(await html(await reader().get(`/posts/${post.slug}`))).toContain("Comments are closed on this post.");
    expect((await editor().post(`/admin/posts/${post.id}`, { intent: "open-comments" })).status).toBe(302);
    const page = await html(await reader().get(`/posts/${post.slug}`));
    expect(page).not.toContain("Comments are closed on this post.");
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).commentsOpen).toBe(true);
  });
});

describe("a member's forms", () => {
  it("a member submits a post, which waits for the editors", async () => {
    const title = unique("member's post");
    const response = await as.member.browser.post("/submit", {
      title,
      body: "From the shop floor.",
      voice: "anonymous",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/me/submissions");
    expect((await db.post.findFirstOrThrow({ where: { title } })).status).toBe("submitted");
  });
});

// ---------------------------------------------------------------------------------------------

describe("unknown things and bad forms, as the right role, are 4xx and never 500", () => {
  const editor = () => as.editor.browser;
  const admin = () => as.admin.browser;

  it("an unknown post id is 404 to open and to change", async () => {
    const page = await editor().get("/admin/posts/999999");
    expect(page.status).toBe(404);
    expect(await html(page)).toContain("Page not found");
    expect((await editor().post("/admin/posts/999999", { intent: "publish" })).status).toBe(404);
    expect((await editor().post("/admin/posts/999999", { intent: "edit", title: "x", body: "y" })).status).toBe(404);
  });

  it("an id that is not a number is 404", async () => {
    for (const id of ["abc", "1.5", "-1", "1e3", "12345678901"]) {
      expect((await editor().get(`/admin/posts/${id}`)).status, id).toBe(404);
      expect((await editor().post(`/admin/posts/${id}`, { intent: "publish" })).status, id).toBe(404);
    }
  });

  it("an unknown intent is 400 on every form that has intents, and writes nothing", async () => {
    const before = await snapshot();
    for (const [path, browser] of [
      [`/admin/posts/${fx.submittedId}`, editor()],
      ["/admin/users", admin()],
      ["/admin/invites", admin()],
    ] as const) {
      const response = await browser.post(path, { intent: "drop-tables", userId: fx.targetId });
      expect(response.status, path).toBe(400);
      expect(await html(response), path).toContain("The form was not understood.");
    }
    const noIntent = await editor().post(`/admin/posts/${fx.submittedId}`, {});
    expect(noIntent.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("a rejection without a reason is 400 and the submission stays waiting", async () => {
    const { id } = await makeSubmission();
    for (const reason of ["", "   "]) {
      const response = await editor().post(`/admin/posts/${id}`, { intent: "reject", reason });
      expect(response.status).toBe(400);
      expect(await html(response)).toContain("Give the writer a reason.");
    }
    const tooLong = await editor().post(`/admin/posts/${id}`, { intent: "reject", reason: "r".repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(await statusOf(id)).toBe("submitted");
  });

  it("a change that does not fit the post's state is 409", async () => {
    const { id } = await makeSubmission();
    await editor().post(`/admin/posts/${id}`, { intent: "reject", reason: "No." });
    const publish = await editor().post(`/admin/posts/${id}`, { intent: "publish" });
    expect(publish.status).toBe(409);
    expect(await html(publish)).toContain("A post that is rejected cannot be changed that way.");
    expect((await editor().post(`/admin/posts/${id}`, { intent: "pin" })).status).toBe(409);
    expect(await statusOf(id)).toBe("rejected");
  });

  it("an edit with an empty title is 400, keeps the text in the form and changes nothing", async () => {
    const post = await makePost({ title: unique("kept title") });
    const titleBefore = (await db.post.findUniqueOrThrow({ where: { id: post.id } })).title;
    const response = await editor().post(`/admin/posts/${post.id}`, {
      intent: "edit",
      title: " ",
      body: "my unsaved correction",
    });
    expect(response.status).toBe(400);
    const page = await html(response);
    expect(page).toContain("Give the post a title.");
    expect(page).toContain("my unsaved correction");
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).title).toBe(titleBefore);
  });

  it("a role that does not exist is 400 and the role is unchanged", async () => {
    for (const role of ["superuser", "", "ADMIN"]) {
      const response = await admin().post("/admin/users", { intent: "role", role, userId: fx.targetId });
      expect(response.status, role).toBe(400);
      expect(await html(response)).toContain("Choose one of the roles.");
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: fx.targetId }, select: { role: true } })).role).toBe(
      "member",
    );
  });

  it("an admin cannot demote or suspend themselves (400)", async () => {
    const demote = await admin().post("/admin/users", { intent: "role", role: "member", userId: as.admin.user.id });
    expect(demote.status).toBe(400);
    expect(await html(demote)).toContain("You cannot take away your own admin role");
    const suspend = await admin().post("/admin/users", { intent: "suspend", userId: as.admin.user.id });
    expect(suspend.status).toBe(400);
    expect(
      await db.user.findUniqueOrThrow({ where: { id: as.admin.user.id }, select: { role: true, suspendedAt: true } }),
    ).toEqual({ role: "admin", suspendedAt: null });
    expect((await admin().get("/admin")).status).toBe(200);
  });

  it("an unknown or malformed account id is 404, not 500", async () => {
    for (const userId of ["999999", "abc", "", "1; DROP TABLE User"]) {
      for (const intent of ["suspend", "restore", "temporary-password"]) {
        const response = await admin().post("/admin/users", { intent, userId });
        expect(response.status, `${intent} ${userId}`).toBe(404);
        expect(await html(response)).toContain("That account does not exist.");
      }
    }
  });

  it("an unknown invite id is refused (409), not 500", async () => {
    for (const inviteId of ["999999", "abc"]) {
      expect((await admin().post("/admin/invites", { intent: "revoke", inviteId })).status, inviteId).toBe(409);
    }
  });

  it("an unknown sign-up mode is 400 and the setting is unchanged", async () => {
    const before = await db.setting.findUnique({ where: { key: "signupMode" } });
    for (const signupMode of ["everyone", "", "OPEN"]) {
      const response = await admin().post("/admin/settings", { intent: "join", signupMode });
      expect(response.status, signupMode).toBe(400);
      expect(await html(response)).toContain("Choose who may join.");
    }
    expect(await db.setting.findUnique({ where: { key: "signupMode" } })).toEqual(before);
  });
});
