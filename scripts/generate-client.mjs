// Generates the Prisma clients from prisma/schema.prisma without Prisma's downloadable engine:
// one for SQLite (app/generated/prisma) and one for PostgreSQL (app/generated/prisma-postgresql),
// from the same schema with only the provider changed. `prisma generate` checks that a schema
// engine binary exists but does not run it (docs/decisions/002).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

const schema = readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
const postgresSchema = schema
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/output\s*=\s*"\.\.\/app\/generated\/prisma"/, 'output = "./prisma-postgresql"');
mkdirSync(path.join(root, "app", "generated"), { recursive: true });
const postgresPath = path.join(root, "app", "generated", "schema.postgresql.prisma");
writeFileSync(postgresPath, postgresSchema);

for (const args of [
  ["prisma", "generate"],
  ["prisma", "generate", "--schema", postgresPath],
]) {
  const result = spawnSync("npx", args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
