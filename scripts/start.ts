// `npm start`: everything a fresh clone needs to serve Picket on the embedded database:
// check that the database can be written, build when the sources are newer than the build,
// apply migrations, add the demo content to an empty database (never in production), then serve.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./build-age";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV ??= "production";

// A database that cannot be written is said so now, with how to mend it, not found by a reader's 500.
const { findDatabaseProblem } = await import("../app/lib/database-check.server");
const problem = await findDatabaseProblem();
if (problem) {
  console.error(`Picket cannot start: ${problem}`);
  process.exit(1);
}

if (buildIsStale(["app", "remix.config.js", "package-lock.json", "prisma/schema.prisma"])) {
  console.log("Building Picket…");
  const built = spawnSync("npx", ["remix", "build"], { stdio: "inherit", cwd: root });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const { applyMigrations } = await import("../app/lib/migrations.server");
const applied = await applyMigrations();
if (applied.length) console.log(`Applied ${applied.length} migration(s).`);

const { installDefaultGlossary, runRetagJobs } = await import("../app/models/tags.server");
if (await installDefaultGlossary()) console.log("Added the starting glossary of tags.");

const { seedDemoIfEmpty } = await import("../prisma/seed");
await seedDemoIfEmpty();

const { serve } = await import("../server");
await serve();
// Finish a re-tagging a restart interrupted, or tag a forum that had posts before its glossary.
runRetagJobs().catch((error: unknown) =>
  console.error("Re-tagging stopped:", error instanceof Error ? error.message : error),
);
