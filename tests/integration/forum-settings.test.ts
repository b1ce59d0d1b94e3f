// The branch's own forum: its name, description and logo, set by an admin at /admin/settings,
// shown in the header, the home page, the page titles and the feeds; the logo checked on the
// way in and served as an image with its type, and as the favicon.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { makePost, makeUser } from "../factories";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const PASSWORD = "correct horse battery";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const SHAPES_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#063"/></svg>';

async function admin() {
  const user = await makeUser({ role: "admin" });
  const browser = new TestBrowser(base);
  expect((await browser.post("/login", { username: user.username, password: PASSWORD })).status).toBe(302);
  return browser;
}

function logoForm(bytes: Buffer | string, filename: string, type: string) {
  const form = new FormData();
  form.set("intent", "logo");
  form.set("logo", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], { type }), filename);
  return form;
}

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const storedLogo = () => db.setting.findUnique({ where: { key: "logo" }, select: { value: true } });

afterAll(async () => {
  await db.setting.deleteMany({ where: { key: { in: ["forum", "logo"] } } });
});

describe("the forum's name and description", () => {
  it("are shown in the header, on the home page, in every page's title and in the feeds", async () => {
    const post = await makePost({ title: "Ballot result" });
    const reader = new TestBrowser(base);
    // Kept by the page cache before the change: the change must reach them.
    expect(title(await (await reader.get("/")).text())).toBe("Picket");
    expect(title(await (await reader.get(`/posts/${post.slug}`)).text())).toBe("Ballot result · Picket");

    const saved = await (
      await admin()
    ).post("/admin/settings", {
      intent: "forum",
      name: "  Probation   Branch North ",
      description: "News and argument for members of the north probation branch.",
    });
    expect(saved.status).toBe(200);
    expect(pageText(await saved.text())).toContain("The forum's name and description are saved.");

    const home = await (await reader.get("/")).text();
    expect(title(home)).toBe("Probation Branch North");
    expect(home).toMatch(/class="site-name"[^>]*>(?:<img[^>]*>)?<span>Probation Branch North<\/span>/);
    expect(pageText(home)).toContain("News and argument for members of the north probation branch.");
    expect(title(await (await reader.get(`/posts/${post.slug}`)).text())).toBe(
      "Ballot result · Probation Branch North",
    );
    expect(title(await (await reader.get("/tags")).text())).toBe("Tags and glossary · Probation Branch North");
    expect(title(await (await reader.get("/login")).text())).toBe("Sign in · Probation Branch North");
    expect(title(await (await reader.get("/no/such/page")).text())).toContain("Probation Branch North");

    const postsFeed = await (await reader.get("/feeds/posts.atom")).text();
    expect(postsFeed).toContain("<title>Probation Branch North: posts</title>");
    expect(postsFeed).toContain("<subtitle>News and argument for members of the north probation branch.</subtitle>");
    expect(await (await reader.get("/feeds/comments.atom")).text()).toContain(
      "<title>Probation Branch North: all comments</title>",
    );
    expect(await (await reader.get(`/posts/${post.slug}/comments.atom`)).text()).toContain(
      "<title>Comments on “Ballot result” · Probation Branch North</title>",
    );
  });

  it("refuses an empty or over-long name with the text kept, and writes nothing", async () => {
    const browser = await admin();
    const before = await db.setting.findUnique({ where: { key: "forum" }, select: { value: true } });
    const empty = await browser.post("/admin/settings", { intent: "forum", name: "   ", description: "kept line" });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(pageText(emptyHtml)).toContain("Give the forum a name.");
    expect(emptyHtml).toContain('value="kept line"');
    const long = await browser.post("/admin/settings", {
      intent: "forum",
      name: "N".repeat(61),
      description: "<script>alert(1)</script>",
    });
    expect(long.status).toBe(400);
    const longHtml = await long.text();
    expect(pageText(longHtml)).toContain("at most 60 characters");
    expect(longHtml).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(await db.setting.findUnique({ where: { key: "forum" }, select: { value: true } })).toEqual(before);
  });

  it("can be changed by admins only", async () => {
    const moderator = await makeUser({ role: "moderator" });
    const browser = new TestBrowser(base);
    await browser.post("/login", { username: moderator.username, password: PASSWORD });
    const before = await db.setting.findUnique({ where: { key: "forum" }, select: { value: true } });
    const refused = await browser.post("/admin/settings", { intent: "forum", name: "Taken over", description: "" });
    expect(refused.status).toBe(403);
    const upload = await browser.upload("/admin/settings", logoForm(PNG, "logo.png", "image/png"));
    expect(upload.status).toBe(403);
    expect(await db.setting.findUnique({ where: { key: "forum" }, select: { value: true } })).toEqual(before);
  });
});

describe("the forum's logo", () => {
  it("is Picket's mark at /favicon.ico until one is uploaded", async () => {
    await db.setting.deleteMany({ where: { key: "logo" } });
    const browser = await admin();
    await browser.post("/admin/settings", { intent: "remove-logo" });
    const icon = await new TestBrowser(base).get("/favicon.ico");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toMatch(/^<svg /);
    expect(await (await new TestBrowser(base).get("/")).text()).toContain('<link rel="icon" href="/favicon.ico"/>');
  });

  it("is uploaded as a PNG, served with its type and kept by browsers, in the header and as the favicon", async () => {
    const browser = await admin();
    const upload = await browser.upload("/admin/settings", logoForm(PNG, "branch.png", "image/png"));
    expect(upload.status).toBe(200);
    const home = await (await new TestBrowser(base).get("/")).text();
    const address = /<link rel="icon" href="(\/logo\?v=[\w-]+)"\/>/.exec(home)?.[1];
    expect(address).toBeDefined();
    expect(home).toContain(`<img src="${address!.replace("&", "&amp;")}" alt="" width="32" height="32"/>`);
    const logo = await new TestBrowser(base).get(address!);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(logo.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    const icon = await new TestBrowser(base).get("/favicon.ico");
    expect(icon.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await icon.arrayBuffer()).equals(PNG)).toBe(true);
    // An older version's address is still answered, but not kept for long.
    expect((await new TestBrowser(base).get("/logo?v=old")).headers.get("cache-control")).toBe("public, max-age=300");

    expect((await browser.post("/admin/settings", { intent: "remove-logo" })).status).toBe(200);
    expect((await new TestBrowser(base).get(address!)).status).toBe(404);
    expect((await new TestBrowser(base).get("/favicon.ico")).headers.get("content-type")).toBe("image/svg+xml");
  });

  it("takes an SVG of shapes, served with a policy that lets nothing in it run", async () => {
    const browser = await admin();
    expect((await browser.upload("/admin/settings", logoForm(SHAPES_SVG, "mark.svg", "image/svg+xml"))).status).toBe(
      200,
    );
    const icon = await new TestBrowser(base).get("/favicon.ico");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("content-security-policy")).toContain("sandbox");
    expect(await icon.text()).toBe(SHAPES_SVG);
  });

  it("refuses SVGs with scripts, handlers or outside links, files that are no image, and large files; nothing is written", async () => {
    const browser = await admin();
    expect((await browser.upload("/admin/settings", logoForm(PNG, "ok.png", "image/png"))).status).toBe(200);
    const before = await storedLogo();
    const refused: [Buffer | string, string, string, number, string][] = [
      [
        `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
        "a.svg",
        "image/svg+xml",
        422,
        "scripts",
      ],
      [`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "b.svg", "image/svg+xml", 422, "scripts"],
      [
        `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>`,
        "c.svg",
        "image/svg+xml",
        422,
        "links",
      ],
      [`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg/>`, "d.svg", "image/svg+xml", 422, "scripts"],
      // A page named as an image is told by its bytes.
      ["<html><script>alert(1)</script></html>", "e.png", "image/png", 422, "must be a PNG"],
      [Buffer.concat([PNG, Buffer.alloc(300 * 1024)]), "big.png", "image/png", 413, "at most 256 KB"],
      [Buffer.alloc(0), "", "application/octet-stream", 400, "Choose an image file"],
    ];
    for (const [bytes, name, type, status, message] of refused) {
      const response = await browser.upload("/admin/settings", logoForm(bytes, name, type));
      expect(response.status, name).toBe(status);
      expect(pageText(await response.text()), name).toContain(message);
    }
    expect(await storedLogo()).toEqual(before);
  });
});
