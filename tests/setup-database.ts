// Every integration test file gets its own fresh SQLite file with every migration applied.
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dir = path.join(os.tmpdir(), "picket-tests");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
process.env.DATABASE_URL = `file:${file}`;
delete (globalThis as { picketDb?: unknown }).picketDb;

const { applyMigrations } = await import("~/lib/migrations.server");
await applyMigrations();

afterAll(async () => {
  const { disconnect } = await import("~/lib/db.server");
  await disconnect();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
