// The pace at which a page that keeps changing is made again (decision 021), with the pace
// this server runs with by default: other readers get a change within a few hundred
// milliseconds, and its writer, following the 303, at once.
import { describe, expect, it } from "vitest";
import { PAGE_REMAKE_MS, resetSettings } from "~/env.server";
import { makeComment, makePost } from "../factories";
import { pageText, useApp } from "./http";
import { readerOn, uniqueWord } from "./reach";

// The other test files make pages again at once (vitest.config.ts); this one, at the default pace.
process.env.PICKET_PAGE_REMAKE_MS = String(PAGE_REMAKE_MS);
resetSettings();
const base = useApp();

/** Delays between starting a read of a big thread and posting to it, tried until the two overlap. */
const POST_AFTER_MS = [0, 1, 2, 5, 10, 15, 20, 30, 40, 60, 80];

describe("a comment posted while the page is being made", () => {
  it("is on its writer's next read at once, and on every reader's soon after", async () => {
    const post = await makePost();
    for (let i = 0; i < 100; i++) {
      const comment = await makeComment({ postId: post.id, body: `Comment ${i} on the picket rota` });
      if (i % 2 === 0) await makeComment({ postId: post.id, parentId: comment.id, body: `A reply to comment ${i}` });
    }
    // Newest first: a new comment is at the top of the first page.
    const path = `/posts/${post.slug}?sort=newest`;
    const thread = `${base()}${path}`;
    const overlaps: string[] = [];
    for (const delay of POST_AFTER_MS) {
      const word = uniqueWord("late");
      const reading = fetch(thread).then(async (response) => ({
        text: pageText(await response.text()),
        // A page made for this read (not from the cache) carries a fresh nonce.
        made: response.headers.get("content-security-policy")?.includes("'nonce-") ?? false,
        at: performance.now(),
      }));
      await new Promise((resolve) => setTimeout(resolve, delay));
      const writer = readerOn(base());
      const posted = await writer.post(`/posts/${post.slug}`, { intent: "comment", body: word });
      expect(posted.status).toBe(303);
      const postedAt = performance.now();
      const read = await reading;
      // The read was being made when the comment was posted: made without it, and answered after the 303.
      if (!read.made || read.text.includes(word) || read.at < postedAt) continue;
      overlaps.push(word);
      // Its writer follows the 303: the page waits for a making that began after the comment.
      const theirs = pageText(await (await writer.get(path)).text());
      expect(theirs.includes(word), `the comment posted ${delay} ms into a read is on its writer's next read`).toBe(
        true,
      );
      // Other readers may get the page before it while it is made again (at most every 250 ms).
      await expect
        .poll(async () => pageText(await (await fetch(thread)).text()).includes(word), { timeout: 5_000 })
        .toBe(true);
    }
    expect(overlaps.length, "reads that a comment was posted during").toBeGreaterThan(0);
  });
});
