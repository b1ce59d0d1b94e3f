import { describe, expect, it } from "vitest";
import { authorRef, POSTER_TAG_LENGTH, posterTag, TRIPCODE_LENGTH, tripcode } from "~/lib/keys.server";
import { voiceLabel } from "~/models/voices.server";

const CROCKFORD_TAG = /^[0-9A-HJKMNP-TV-Z]{4}$/;
const CROCKFORD_TRIP = /^[0-9A-HJKMNP-TV-Z]{8}$/;

const browser = (key: string) => ({ browserKey: key });

describe("posterTag", () => {
  it("is 4 characters of Crockford base32 (no I, L, O or U)", async () => {
    expect(POSTER_TAG_LENGTH).toBe(4);
    for (let postId = 1; postId <= 50; postId++) {
      expect(await posterTag(browser("browser-key-a"), postId)).toMatch(CROCKFORD_TAG);
      expect(await posterTag({ userId: postId }, 7)).toMatch(CROCKFORD_TAG);
    }
  });

  it("is the same for the same browser in the same thread", async () => {
    const first = await posterTag(browser("browser-key-a"), 12);
    expect(await posterTag(browser("browser-key-a"), 12)).toBe(first);
    expect(await posterTag({ browserKey: "browser-key-a" }, 12)).toBe(first);
  });

  it("is the same for the same member in the same thread", async () => {
    expect(await posterTag({ userId: 3 }, 12)).toBe(await posterTag({ userId: 3 }, 12));
  });

  it("is unrelated across threads for one browser", async () => {
    const tags = new Set<string>();
    for (let postId = 1; postId <= 50; postId++) tags.add(await posterTag(browser("browser-key-a"), postId));
    expect(tags.size).toBeGreaterThanOrEqual(40);
  });

  it("differs between browsers in one thread", async () => {
    const tags = new Set<string>();
    for (let i = 0; i < 200; i++) tags.add(await posterTag(browser(`browser-key-${i}`), 12));
    expect(tags.size).toBeGreaterThanOrEqual(190);
  });

  it("differs between members in one thread", async () => {
    const tags = new Set<string>();
    for (let id = 1; id <= 200; id++) tags.add(await posterTag({ userId: id }, 12));
    expect(tags.size).toBeGreaterThanOrEqual(190);
  });

  it("gives a member a different tag from a browser, even one whose key is the member's id", async () => {
    expect(await posterTag({ userId: 1 }, 12)).not.toBe(await posterTag(browser("1"), 12));
    expect(await posterTag({ userId: 1 }, 12)).not.toBe(await posterTag(browser("user:1"), 12));
  });
});

describe("tripcode", () => {
  it("is 8 characters of Crockford base32", async () => {
    expect(TRIPCODE_LENGTH).toBe(8);
    for (const secret of ["my secret", "x", "", "a much longer secret with spaces and ünïcode ◆"]) {
      expect(await tripcode(secret)).toMatch(CROCKFORD_TRIP);
    }
  });

  it("is stable for the same secret", async () => {
    expect(await tripcode("my secret")).toBe(await tripcode("my secret"));
  });

  it("differs for different secrets", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 100; i++) codes.add(await tripcode(`secret ${i}`));
    expect(codes.size).toBe(100);
    expect(await tripcode("my secret")).not.toBe(await tripcode("My secret"));
    expect(await tripcode("my secret")).not.toBe(await tripcode("my secret "));
  });

  it("does not contain the secret", async () => {
    for (const secret of ["ABCD", "K2M9", "12345678", "ZZZZZZZZ"]) {
      const code = await tripcode(secret);
      expect(code).not.toContain(secret);
      expect(code.toLowerCase()).not.toContain(secret.toLowerCase().slice(0, 4));
    }
  });
});

describe("authorRef", () => {
  it("is stable for the same writer", async () => {
    expect(await authorRef(browser("browser-key-a"))).toBe(await authorRef(browser("browser-key-a")));
    expect(await authorRef({ userId: 5 })).toBe(await authorRef({ userId: 5 }));
  });

  it("differs between writers", async () => {
    const refs = new Set<string>();
    for (let i = 0; i < 50; i++) refs.add(await authorRef(browser(`browser-key-${i}`)));
    for (let id = 1; id <= 50; id++) refs.add(await authorRef({ userId: id }));
    expect(refs.size).toBe(100);
    expect(await authorRef({ userId: 1 })).not.toBe(await authorRef(browser("1")));
  });

  it("does not equal or contain the browser key", async () => {
    for (const key of ["browser-key-a", "AAAA", "ZG9udC1sZWFrLW1l"]) {
      const ref = await authorRef(browser(key));
      expect(ref).not.toBe(key);
      expect(ref).not.toContain(key);
    }
  });

  it("does not contain a member's id in the clear", async () => {
    const ref = await authorRef({ userId: 123456 });
    expect(ref).not.toContain("123456");
    expect(ref).not.toMatch(/user/i);
  });
});

describe("voiceLabel", () => {
  it("labels an anonymous voice with its poster tag", () => {
    expect(voiceLabel({ voice: "anonymous", displayName: null, voiceCode: "7F3A" })).toBe("Anonymous ·7F3A");
  });

  it("labels an anonymous voice without a tag as plain Anonymous", () => {
    expect(voiceLabel({ voice: "anonymous", displayName: null, voiceCode: null })).toBe("Anonymous");
  });

  it("labels a pseudonym with its tripcode", () => {
    expect(voiceLabel({ voice: "pseudonym", displayName: "Grumpy PO", voiceCode: "ABCDEFGH" })).toBe(
      "Grumpy PO ◆ABCDEFGH",
    );
  });

  it("labels a pseudonym without a tripcode by its name alone", () => {
    expect(voiceLabel({ voice: "pseudonym", displayName: "Grumpy PO", voiceCode: null })).toBe("Grumpy PO");
  });

  it("labels a member by their name", () => {
    expect(voiceLabel({ voice: "member", displayName: "rosa", voiceCode: null })).toBe("rosa");
  });

  it("labels a pen name by the pen name", () => {
    expect(voiceLabel({ voice: "penname", displayName: "Night Shift", voiceCode: null })).toBe("Night Shift");
  });

  it("never shows a name for an anonymous voice", () => {
    expect(voiceLabel({ voice: "anonymous", displayName: "rosa", voiceCode: "7F3A" })).toBe("Anonymous ·7F3A");
  });
});
