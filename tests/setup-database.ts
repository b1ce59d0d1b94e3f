// Every test file gets its own fresh database with every migration applied: an SQLite file,
// or, when PICKET_TEST_DB=postgresql (npm run test:pg), a new database on a PostgreSQL server.
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll } from "vitest";

const unique = `${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
let cleanup: () => void | Promise<void>;

if (process.env.PICKET_TEST_DB === "postgresql") {
  const server = process.env.PICKET_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `picket_test_${unique}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const dropper = new pg.Client({ connectionString: server });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropper.end();
  };
} else {
  const dir = path.join(os.tmpdir(), "picket-tests");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `test-${unique}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}
delete (globalThis as { picketDb?: unknown }).picketDb;
// The settings are read again, with this database.
delete (globalThis as { picketSettings?: unknown }).picketSettings;

const { applyMigrations } = await import("~/lib/migrations.server");
await applyMigrations();

afterAll(async () => {
  const { disconnect } = await import("~/lib/db.server");
  await disconnect();
  await cleanup();
});
