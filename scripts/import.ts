// npm run import -- <blogger|wordpress|disqus|picket> <file> [--dry-run]: brings a blog's posts
// and comment threads into the forum (app/models/import.server.ts). Run again, or with a later
// export of the same blog, it adds only what is new. --dry-run reads and counts, writing nothing.
import { readFileSync } from "node:fs";
import { disconnect } from "../app/lib/db.server";
import { IMPORT_FORMATS, ImportFileError, type ImportFormat } from "../app/lib/import/forum.server";
import { readExport } from "../app/lib/import/read.server";
import { stopListening } from "../app/lib/live.server";
import { applyMigrations } from "../app/lib/migrations.server";
import { importForum, type ImportReport } from "../app/models/import.server";
import { installDefaultGlossary } from "../app/models/tags.server";
import { oneOf } from "../app/models/statuses";

const USAGE = `Usage: npm run import -- <${IMPORT_FORMATS.join("|")}> <file> [--dry-run]`;
/** Orphans listed by id; past this many, only counted. */
const ORPHANS_LISTED = 50;

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const [formatName, file, ...rest] = args.filter((a) => a !== "--dry-run");
const format = oneOf<ImportFormat>(IMPORT_FORMATS, formatName);
if (!format || !file || rest.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

const n = (count: number) => count.toLocaleString("en-GB");

function print(report: ImportReport, seconds: number) {
  const would = report.dryRun ? "Would import" : "Imported";
  console.log(
    `${would} ${n(report.posts.added)} post(s) and ${n(report.comments.added)} comment(s) ` +
      `(${n(report.comments.replies)} replies kept under their parents, ${n(report.comments.tombstones)} tombstone(s) holding replies of left-out comments).`,
  );
  if (report.posts.alreadyImported || report.comments.alreadyImported)
    console.log(
      `Already imported before: ${n(report.posts.alreadyImported)} post(s), ${n(report.comments.alreadyImported)} comment(s).`,
    );
  const skipped = Object.entries(report.skipped).filter(([reason]) => reason !== "already imported");
  if (skipped.length) console.log(`Left out: ${skipped.map(([reason, count]) => `${n(count)} ${reason}`).join(", ")}.`);
  if (report.orphans.length) {
    console.log(`${n(report.orphans.length)} orphan(s): replies whose parent is missing, put at the top level:`);
    for (const id of report.orphans.slice(0, ORPHANS_LISTED)) console.log(`  ${id}`);
    if (report.orphans.length > ORPHANS_LISTED)
      console.log(`  … and ${n(report.orphans.length - ORPHANS_LISTED)} more`);
  }
  if (!report.dryRun)
    console.log(
      `${n(report.oldAddresses)} old address(es) now lead to their posts; ${n(report.tags)} glossary tag(s) and ${n(report.logEntries)} log entr(ies) added.`,
    );
  console.log(`Done in ${seconds.toFixed(1)} s.`);
}

const started = performance.now();
try {
  const forum = readExport(format, readFileSync(file, "utf8"));
  console.log(
    `Read ${file}: ${n(forum.posts.length)} post(s), ${n(forum.comments.length)} comment(s) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  await applyMigrations();
  // A dry run writes nothing; a real import tags by the glossary, so a new forum gets its own first.
  if (!dryRun) await installDefaultGlossary();
  let shown = 0;
  const report = await importForum({
    forum,
    dryRun,
    onProgress: ({ comments, of }) => {
      // About every tenth of the way, and at the end.
      if (comments === of || comments - shown >= Math.max(of / 10, 1)) {
        shown = comments;
        console.log(`  comments: ${n(comments)} of ${n(of)}`);
      }
    },
  });
  print(report, (performance.now() - started) / 1000);
} catch (error) {
  if (!(error instanceof ImportFileError) && (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  console.error(`Nothing was imported: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await stopListening();
  await disconnect();
}
