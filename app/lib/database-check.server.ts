// Whether the database can be read and written, and if not, why: at start, in words that
// tell whoever runs the forum how to mend it; on /healthz, in a short reason for anyone.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, statfsSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseTrouble } from "./errors.server";
import { databaseTarget, type DatabaseTarget } from "./database-url.server";

/** Below this much free space the disk holding an SQLite database counts as full. */
export const LOW_DISK_BYTES = 1024 * 1024;
/** What the start check writes beside the database to prove it can: a few pages' worth. */
const PROBE_BYTES = 64 * 1024;
/** How long the start check waits for PostgreSQL to answer. */
const CONNECT_TIMEOUT_MS = 5000;

/** A path as the person running the forum typed it: relative to where it was started. */
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
};

const userName = () => {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.()}`;
  }
};

/** Free bytes on the file system holding `dir`, as this process can use them (root may use the reserve). */
export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return (process.getuid?.() === 0 ? stats.bfree : stats.bavail) * stats.bsize;
}

/** A directory as shown in a sentence: with a trailing slash. */
const shownDir = (dir: string) => `${shown(dir)}${path.sep}`;

const diskFull = (dir: string) =>
  `The disk holding ${shownDir(dir)} is full: free some space there (or move the database to a larger disk).`;

/** The sentence for a file-system error met writing the file or directory `what`. */
function writeProblem(error: unknown, what: string, { directory }: { directory: boolean }): string {
  const code = (error as { code?: string }).code;
  const dir = directory ? what : path.dirname(what);
  const named = directory ? shownDir(what) : shown(what);
  if (code === "EROFS")
    return `${named} is on a read-only file system: mount ${shownDir(dir)} read-write (or set DATABASE_URL to a writable place).`;
  if (code === "ENOSPC" || code === "EDQUOT") return diskFull(dir);
  if (code === "EACCES" || code === "EPERM") {
    const mend = directory
      ? `chown ${userName()} ${named} && chmod u+rwx ${named}`
      : `chown ${userName()} ${named} && chmod u+rw ${named} (an immutable file also needs chattr -i)`;
    return `${named} is read-only for user ${userName()}: ${mend}.`;
  }
  return `${named} cannot be written (${code ?? (error as Error).message}).`;
}

/** SQLite: the directory takes new files (the database's journal), the files open for writing, the disk has room. */
function sqliteProblem(file: string): string | null {
  if (file === ":memory:") return null;
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    return writeProblem(error, dir, { directory: true });
  }
  // A real write, flushed: the one proof that holds for root, read-only mounts, quotas and full disks.
  const probe = path.join(dir, `.picket-write-check-${process.pid}`);
  try {
    const fd = openSync(probe, "w");
    try {
      writeSync(fd, Buffer.alloc(PROBE_BYTES));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
  } catch (error) {
    try {
      if (existsSync(probe)) unlinkSync(probe);
    } catch {
      // Nothing more to do: the problem below is what matters.
    }
    return writeProblem(error, dir, { directory: true });
  }
  for (const suffix of ["", "-wal", "-shm"]) {
    if (!existsSync(file + suffix)) continue;
    try {
      closeSync(openSync(file + suffix, "r+"));
    } catch (error) {
      return writeProblem(error, file + suffix, { directory: false });
    }
  }
  if (freeBytes(dir) < LOW_DISK_BYTES) return diskFull(dir);
  return null;
}

/** Where a PostgreSQL URL points, without its password. */
const serverOf = (url: URL) => `${url.hostname}:${url.port || 5432}`;

/** PostgreSQL: the server answers, lets the user in, has the database, and takes writes. */
async function postgresProblem(databaseUrl: string): Promise<string | null> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An error after connecting (the server going away during the check) must not end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ readOnly: string; recovery: boolean }>(
      `SELECT current_setting('transaction_read_only') AS "readOnly", pg_is_in_recovery() AS recovery`,
    );
    if (rows[0]?.recovery)
      return `The PostgreSQL server at ${serverOf(url)} is a standby that accepts only reads: point DATABASE_URL at the primary.`;
    if (rows[0]?.readOnly === "on")
      return `The PostgreSQL database "${database}" at ${serverOf(url)} accepts only reads (default_transaction_read_only is on): ALTER DATABASE "${database}" SET default_transaction_read_only = off, or point DATABASE_URL at a writable server.`;
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const user = decodeURIComponent(url.username) || userName();
    if (code === "ECONNREFUSED")
      return `Nothing answers at ${serverOf(url)} (connection refused): start PostgreSQL there, or correct DATABASE_URL.`;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN")
      return `The host of DATABASE_URL (${url.hostname}) is not known: correct DATABASE_URL.`;
    if (code === "28P01" || code === "28000")
      return `PostgreSQL at ${serverOf(url)} refused user "${user}": check the user and password in DATABASE_URL.`;
    if (code === "3D000")
      return `The database "${database}" does not exist at ${serverOf(url)}: create it (createdb "${database}").`;
    if (code === "57P03" || code === "55000")
      return `PostgreSQL at ${serverOf(url)} does not take connections to "${database}" now (${(error as Error).message}).`;
    return `PostgreSQL at ${serverOf(url)} cannot be used (${(error as Error).message}).`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * What stops the forum reading and writing its database, in a sentence saying how to mend it;
 * null when nothing does. For the start: the server entry calls it before it listens and
 * stops (exit code 1) with the sentence. Names paths and hosts, so never shown to readers.
 */
export async function findDatabaseProblem(target: DatabaseTarget = databaseTarget()): Promise<string | null> {
  return target.provider === "sqlite" ? sqliteProblem(target.file) : postgresProblem(target.url);
}

/**
 * /healthz's view of the files under an SQLite database, cheap enough for every probe: a
 * short reason and nothing that names a path, or null.
 */
export function sqliteFileTrouble(file: string): DatabaseTrouble | null {
  if (file === ":memory:") return null;
  const dir = path.dirname(file);
  try {
    // Opening for writing is refused on a read-only mount or to a user without the right, even root.
    closeSync(openSync(file, "r+"));
    if (freeBytes(dir) < LOW_DISK_BYTES) return "disk full";
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EROFS" || code === "EACCES" || code === "EPERM") return "database read-only";
    if (code === "ENOSPC") return "disk full";
    return "database I/O error";
  }
}
