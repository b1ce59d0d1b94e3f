// Pages kept by the page cache are served to every reader, cookies or not (decision 016): a
// route that names what its page shows for the cache must never read who is asking.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");
const routes = readdirSync(path.join(app, "routes")).map((file) => path.join("routes", file));
const source = (file: string) => readFileSync(path.join(app, file), "utf8");

/** What reads the reader: their session, their browser key, or both. */
const READS_THE_READER = /viewer\.server|session\.server|voice-cookie\.server|getViewer|sessionUser|readBrowserKey/;

describe("pages shared by every reader", () => {
  it("are named for the cache only by routes that never read who is asking", () => {
    const shared = routes.filter((file) => /cacheTags\(|keepResponse\(/.test(source(file)));
    expect(shared.length).toBeGreaterThan(5);
    expect(shared).toContain("routes/posts.$slug.tsx");
    expect(shared.filter((file) => READS_THE_READER.test(source(file)))).toEqual([]);
  });

  it("share a layout that reads nobody: the site header's personal part is added by the browser", () => {
    expect(source("root.tsx")).not.toMatch(READS_THE_READER);
    // Its loader (the forum's name and logo) takes no request, so it cannot read who asks.
    expect(source("root.tsx")).toMatch(/export (async )?function loader\(\)/);
  });
});
