// npm run backup [-- <file>]: a consistent copy of the SQLite database while the forum runs and
// writes, into backups/picket-<timestamp>.db (or <file>). On PostgreSQL it refuses: use pg_dump.
//
// The copy is SQLite's VACUUM INTO: one read transaction, so it is one moment's snapshot of the
// whole database, and under WAL the server keeps writing meanwhile. It is written beside the
// target, checked (PRAGMA integrity_check) and only then renamed into place, readable by the
// owner only: it holds everything the forum holds.
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { settings } from "../app/env.server";
import { databaseTarget } from "../app/lib/database-url.server";

/** A backup that cannot or should not be made; the message says what to do instead. */
export class BackupRefused extends Error {}

export const POSTGRES_BACKUP_ADVICE =
  "This forum runs on PostgreSQL: back it up with PostgreSQL's own tools, for example\n" +
  '  pg_dump --format=custom --file=picket-$(date +%F).dump "$DATABASE_URL"\n' +
  "and restore with pg_restore. `npm run backup` copies the embedded SQLite database only.";

/** backups/picket-2026-11-23T14-05-09Z.db, under the current directory. */
export function defaultBackupFile(now = new Date()): string {
  return path.resolve(
    "backups",
    `picket-${now
      .toISOString()
      .replace(/\.\d+Z$/, "Z")
      .replace(/:/g, "-")}.db`,
  );
}

// eslint-disable-next-line @typescript-eslint/require-await -- a refusal or failure reaches callers as a rejection
export async function backupDatabase({
  url = settings().databaseUrl,
  destination,
}: { url?: string; destination?: string } = {}): Promise<{ file: string; bytes: number }> {
  const target = databaseTarget(url);
  if (target.provider === "postgresql") throw new BackupRefused(POSTGRES_BACKUP_ADVICE);
  if (target.file === ":memory:") throw new BackupRefused("An in-memory database has nothing to back up.");
  if (!existsSync(target.file)) throw new BackupRefused(`There is no database at ${target.file}.`);
  const file = path.resolve(destination || defaultBackupFile());
  if (existsSync(file)) throw new BackupRefused(`${file} already exists: name another file.`);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    const source = new Database(target.file, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      source.prepare("VACUUM INTO ?").run(partial);
    } finally {
      source.close();
    }
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`The copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file, bytes: statSync(file).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { file, bytes } = await backupDatabase({ destination: process.argv[2] });
    console.log(`Backed up to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB). Keep it as private as the server.`);
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
