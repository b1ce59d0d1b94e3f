// npm run db:migrate           applies pending migrations to DATABASE_URL (default data/picket.db)
// npm run db:migration <name>  writes the next SQLite and PostgreSQL migrations from the change to
//                              prisma/schema.prisma (the PostgreSQL side needs a server for
//                              scratch work: PICKET_POSTGRES_SCRATCH_URL, default the local one)
import { applyMigrations, createMigration } from "../app/lib/migrations.server";

const [command, name] = process.argv.slice(2);

if (command === "migrate") {
  const { findDatabaseProblem } = await import("../app/lib/database-check.server");
  const problem = await findDatabaseProblem();
  if (problem) {
    console.error(`The migrations cannot be applied: ${problem}`);
    process.exit(1);
  }
  const applied = await applyMigrations();
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.",
  );
} else if (command === "create") {
  if (!name) {
    console.error("Usage: npm run db:migration <name>");
    process.exit(2);
  }
  // Both engines' migrations are written together, so they never fall out of step.
  for (const provider of ["sqlite", "postgresql"] as const) {
    const dir = await createMigration(name, provider);
    console.log(dir ? `Wrote ${dir}` : `${provider}: the schema and the migrations agree, nothing to write.`);
  }
} else {
  console.error("Usage: tsx scripts/db.ts migrate | create <name>");
  process.exit(2);
}
