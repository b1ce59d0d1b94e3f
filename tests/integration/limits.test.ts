// Rate limits on writing, flagging and joining: 429 with Retry-After, keyed by voice and by
// network cloak, the text kept and nothing written.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { makeComment, makePost } from "../factories";
import { useEnvironment } from "../environment";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();
let network = 30;
const setEnvironment = useEnvironment();

function browser(address = `192.0.2.${++network}`) {
  const b = new TestBrowser(base);
  const post = b.post.bind(b);
  b.post = (p, fields, extra = {}) => post(p, fields, { "x-forwarded-for": address, ...extra });
  return b;
}

describe("rate limits", () => {
  it("stops one voice posting too fast, keeping the text, while others write on", async () => {
    setEnvironment({ PICKET_COMMENTS_PER_MINUTE: "2" });
    const post = await makePost();
    const fast = browser();
    for (let i = 0; i < 2; i++)
      expect((await fast.post(`/posts/${post.slug}`, { intent: "comment", body: `quick ${i}` })).status).toBe(303);
    const refused = await fast.post(`/posts/${post.slug}`, {
      intent: "comment",
      body: "one too many, carefully written",
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const html = pageText(await refused.text());
    expect(html).toContain("faster than this forum allows");
    expect(html).toContain("one too many, carefully written");
    expect(await db.comment.count({ where: { postId: post.id } })).toBe(2);
    expect((await browser().post(`/posts/${post.slug}`, { intent: "comment", body: "someone else" })).status).toBe(303);
    // Refused input does not count: an empty body is a 400, not a step towards the limit.
    const patient = browser();
    for (let i = 0; i < 3; i++)
      expect((await patient.post(`/posts/${post.slug}`, { intent: "comment", body: "" })).status).toBe(400);
    expect((await patient.post(`/posts/${post.slug}`, { intent: "comment", body: "now for real" })).status).toBe(303);
  });

  it("stops one network posting too fast, whatever browsers it uses", async () => {
    setEnvironment({ PICKET_NETWORK_COMMENTS_PER_MINUTE: "3" });
    const post = await makePost();
    const address = "192.0.2.200";
    for (let i = 0; i < 3; i++)
      expect(
        (await browser(address).post(`/posts/${post.slug}`, { intent: "comment", body: `from the office ${i}` }))
          .status,
      ).toBe(303);
    expect(
      (await browser(address).post(`/posts/${post.slug}`, { intent: "comment", body: "a fourth browser" })).status,
    ).toBe(429);
    expect((await browser().post(`/posts/${post.slug}`, { intent: "comment", body: "another network" })).status).toBe(
      303,
    );
    const keys = (await db.rateCounter.findMany({ select: { key: true } })).map((k) => k.key).join(" ");
    expect(keys).not.toContain(address);
  });

  it("limits flags and joins too", async () => {
    setEnvironment({ PICKET_FLAGS_PER_HOUR: "1" });
    const post = await makePost();
    const [a, b] = [await makeComment({ postId: post.id }), await makeComment({ postId: post.id })];
    const flagger = browser();
    expect(
      (
        await flagger.post(`/posts/${post.slug}/comments/${a.id}`, {
          intent: "flag",
          commentId: a.id,
          reason: "spam",
          note: "",
        })
      ).status,
    ).toBe(303);
    const refused = await flagger.post(`/posts/${post.slug}/comments/${b.id}`, {
      intent: "flag",
      commentId: b.id,
      reason: "spam",
      note: "",
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(await db.flag.count({ where: { commentId: b.id } })).toBe(0);

    setEnvironment({ PICKET_JOINS_PER_HOUR: "1" });
    const address = "192.0.2.222";
    expect(
      (await browser(address).post("/join", { username: `joiner${Date.now() % 100000}`, password: "a long password" }))
        .status,
    ).toBe(302);
    const second = await browser(address).post("/join", {
      username: `joiner2${Date.now() % 100000}`,
      password: "a long password",
    });
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBeTruthy();
  });
});
