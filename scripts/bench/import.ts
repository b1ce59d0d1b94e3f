// npm run bench:import [-- --comments 100000]: writes a Blogger Takeout export of a branch blog
// (1 post per 100 comments; replies to earlier comments at any depth, mostly anonymous, a little
// spam and some deleted comments) to bench/import-blogger-<comments>.atom, then imports it into
// an empty database (bench/import.db) with `npm run import`, as an admin would, and prints the
// time the command took. Issue 22's target: 100,000 comments in under a minute.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { BENCH_DIR, ROOT } from "./forum";
import { between, commentMarkdown, pick, postMarkdown, postTitle, pseudonymCandidates, seededRandom } from "./text";

const TARGET_S = 60;
const COMMENTS_PER_POST = 100;

const argument = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const comments = Number(argument("comments") ?? 100_000);
if (!Number.isSafeInteger(comments) || comments < 1) {
  console.error("Usage: npm run bench:import [-- --comments <how many>]");
  process.exit(2);
}

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Markdown paragraphs as the HTML Blogger keeps: text with <br /> between lines. */
const bloggerHtml = (markdown: string) => xml(markdown.split(/\n\s*\n/).map(xml).join("<br /><br />"));

async function generate(file: string) {
  const random = seededRandom(22);
  const names = pseudonymCandidates();
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  const blog = "tag:blogger.com,1999:blog-2222";
  await write(
    `<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>\n<id>${blog}</id>\n`,
  );
  const posts = Math.ceil(comments / COMMENTS_PER_POST);
  const start = Date.UTC(2012, 0, 1);
  let next = 1;
  let written = 0;
  for (let p = 0; p < posts; p++) {
    const postId = next++;
    const published = start + p * 3 * 86_400_000;
    const title = postTitle(random, p);
    const month = new Date(published).toISOString().slice(0, 7).replace("-", "/");
    await write(`<entry><id>${blog}.post-${postId}</id><blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>
<author><name>Branch Secretary</name></author><title>${xml(title)}</title>
<content type='html'>${bloggerHtml(postMarkdown(random))}</content><published>${new Date(published).toISOString()}</published>
<blogger:filename>/${month}/post-${p}.html</blogger:filename></entry>\n`);
    const inThread: number[] = [];
    for (let c = 0; c < COMMENTS_PER_POST && written < comments; c++, written++) {
      const id = next++;
      const parent = inThread.length > 0 && random() < 0.6 ? inThread[between(random, Math.max(0, inThread.length - 20), inThread.length - 1)] : null;
      inThread.push(id);
      const status = random() < 0.01 ? "SPAM" : random() < 0.01 ? "DELETED" : "LIVE";
      const author = random() < 0.7 ? "<name>Anonymous</name><blogger:type>ANONYMOUS</blogger:type>" : `<name>${xml(pick(random, names))}</name>`;
      await write(`<entry><id>${blog}.post-${id}</id><blogger:type>COMMENT</blogger:type><blogger:status>${status}</blogger:status>
<author>${author}</author><blogger:parent>${blog}.post-${postId}</blogger:parent><blogger:inReplyTo>${parent ? `${blog}.post-${parent}` : ""}</blogger:inReplyTo>
<content type='html'>${bloggerHtml(commentMarkdown(random))}</content><published>${new Date(published + (c + 1) * 60_000).toISOString()}</published></entry>\n`);
    }
  }
  await write("</feed>\n");
  out.end();
  await once(out, "finish");
}

mkdirSync(BENCH_DIR, { recursive: true });
const file = path.join(BENCH_DIR, `import-blogger-${comments}.atom`);
if (!existsSync(file)) {
  console.log(`Writing ${path.relative(ROOT, file)}…`);
  await generate(file);
}
const database = path.join(BENCH_DIR, "import.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
console.log(`Importing ${path.relative(ROOT, file)} into an empty ${path.relative(ROOT, database)}:`);
const started = performance.now();
const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "blogger", file], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: `file:${database}`, PICKET_DEMO: "0" },
  stdio: "inherit",
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `The command took ${seconds.toFixed(1)} s for ${comments.toLocaleString("en-GB")} comments (target: under ${TARGET_S} s): ${seconds < TARGET_S ? "met" : "not met"}.`,
);
process.exitCode = run.status ?? 1;
