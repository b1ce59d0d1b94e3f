// One network, many voices: past a lower rate, comments from new voices on a network (a
// browser given its key for the comment, no member signed in) wait for a moderator, so one
// person dropping their cookie before each comment cannot flood a thread; voices that wrote
// before and members on the same network keep writing up to the network's hard limit.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { NEW_VOICES_HOLD } from "~/models/limits.server";
import { makePost, makeUser } from "../factories";
import { useEnvironment } from "../environment";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
const setEnvironment = useEnvironment();
let networks = 0;
const PASSWORD = "correct horse battery";

/** A browser with no cookie, on the network given (X-Forwarded-For: the test server trusts loopback). */
function browserOn(address: string) {
  const b = new TestBrowser(base);
  const get = b.get.bind(b);
  const post = b.post.bind(b);
  b.get = (path, extra = {}) => get(path, { "x-forwarded-for": address, ...extra });
  b.post = (path, fields, extra = {}) => post(path, fields, { "x-forwarded-for": address, ...extra });
  return b;
}

const aNetwork = () => `198.51.100.${200 + ++networks}`;
const idFrom = (response: Response) => Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]);

async function comment(browser: TestBrowser, slug: string, body: string) {
  const response = await browser.post(`/posts/${slug}`, { intent: "comment", body });
  expect(response.status, body).toBe(303);
  const id = idFrom(response);
  const stored = await db.comment.findUniqueOrThrow({ where: { id }, select: { status: true, holdReason: true } });
  return { id, location: response.headers.get("location")!, ...stored };
}

describe("new voices from one network", () => {
  it("are held past the lower rate when one person drops their cookie before each comment, and told why", async () => {
    const post = await makePost();
    const office = aNetwork();
    const flood = [];
    for (let i = 0; i < 24; i++)
      flood.push(await comment(browserOn(office), post.slug, `cookie dropped, comment ${i}`));
    // The default lower rate is 20 new voices' comments a minute: the rest wait for review.
    expect(flood.slice(0, 20).map((c) => c.status)).toEqual(Array(20).fill("published"));
    expect(flood.slice(20).map((c) => c.status)).toEqual(Array(4).fill("held"));
    expect(flood[20].holdReason).toBe(NEW_VOICES_HOLD);

    // The writer of a held comment sees it, marked, with the reason.
    const writer = browserOn(office);
    const held = await writer.post(`/posts/${post.slug}`, { intent: "comment", body: "held, and I want to know why" });
    expect(held.status).toBe(303);
    const own = pageText(await (await writer.get(held.headers.get("location")!.replace(/#.*$/, ""))).text());
    expect(own).toContain("held, and I want to know why");
    expect(own).toContain("awaiting review");
    expect(own).toMatch(/many comments from new voices came from your network in the last minute/);
    // Nobody else does, and no other voice is told anything.
    const reader = pageText(await (await browserOn(aNetwork()).get(`/posts/${post.slug}`)).text());
    expect(reader).toContain("cookie dropped, comment 19");
    expect(reader).not.toContain("cookie dropped, comment 20");
    expect(reader).not.toContain("held, and I want to know why");
    expect(reader).not.toMatch(/new voices came from your network/);

    // New voices from another network are not held.
    expect((await comment(browserOn(aNetwork()), post.slug, "from home")).status).toBe("published");
  });

  it("do not hold members or voices that wrote before on the same network", async () => {
    const post = await makePost();
    const office = aNetwork();
    // A colleague who has written from this browser before, and a member who signs in.
    const established = browserOn(office);
    expect((await comment(established, post.slug, "I have written here before")).status).toBe("published");
    const username = `steward${Date.now() % 100000}`;
    await makeUser({ username, password: PASSWORD });
    const member = browserOn(office);
    expect((await member.post("/login", { username, password: PASSWORD })).status).toBe(302);

    for (let i = 0; i < 21; i++) await comment(browserOn(office), post.slug, `a new voice ${i}`);
    expect((await comment(browserOn(office), post.slug, "one more new voice")).status).toBe("held");
    // The flood holds new voices only.
    for (let i = 0; i < 3; i++) {
      expect((await comment(established, post.slug, `still talking ${i}`)).status).toBe("published");
      expect((await comment(member, post.slug, `the member, ${i}`)).status).toBe("published");
    }
  });

  it("are held past the rate the forum sets, and the network's hard limit still refuses everyone past it", async () => {
    setEnvironment({ PICKET_NETWORK_NEW_VOICES_PER_MINUTE: "3", PICKET_NETWORK_COMMENTS_PER_MINUTE: "6" });
    const post = await makePost();
    const office = aNetwork();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await comment(browserOn(office), post.slug, `new voice ${i}`)).status);
    expect(statuses).toEqual(["published", "published", "published", "held", "held", "held"]);
    const refused = await browserOn(office).post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "past the hard limit",
    });
    expect(refused.status).toBe(429);
  });
});
