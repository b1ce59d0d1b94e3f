// The one place that knows which database engine runs underneath. Everything else uses the
// Prisma client exported here and `write()` for anything that changes data.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client";
import { databaseTarget } from "./database-url.server";

export type { Prisma } from "../generated/prisma/client";

/** How long an SQLite writer waits for another connection's lock before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

// WAL lets readers carry on while one writer writes; FULL sync means an acknowledged write is
// on disk; foreign keys are off by default in SQLite.
const SQLITE_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;`;

function sqliteAdapter(file: string): SqlMigrationAwareDriverAdapterFactory {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const base = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const withPragmas = async (connection: Promise<SqlDriverAdapter>) => {
    const adapter = await connection;
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => withPragmas(base.connect()),
    connectToShadowDb: () => withPragmas(base.connectToShadowDb()),
  };
}

function createClient(url?: string) {
  const target = databaseTarget(url);
  if (target.provider !== "sqlite") {
    throw new Error("PostgreSQL is not supported yet: set DATABASE_URL to a file: URL or leave it unset.");
  }
  return new PrismaClient({ adapter: sqliteAdapter(target.file) });
}

export type Database = ReturnType<typeof createClient>;
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

// One client per process, kept across module reloads in development.
const globalForDb = globalThis as unknown as { picketDb?: Database };
export const db: Database = (globalForDb.picketDb ??= createClient());

// SQLite has one connection per process: a plain write issued while another request's
// transaction is open would join that transaction. So every write goes through one queue
// (see the Prisma issue in docs/decisions/003-database-layer.md).
let writeQueue: Promise<unknown> = Promise.resolve();

/** Runs `fn` in a transaction, after every write already queued in this process. */
export function write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const run = writeQueue.then(() => db.$transaction(fn));
  writeQueue = run.catch(() => undefined);
  return run;
}

/** True when the database answers a trivial query. */
export async function databaseIsReachable(): Promise<boolean> {
  try {
    await db.setting.findFirst({ select: { key: true } });
    return true;
  } catch {
    return false;
  }
}

export async function disconnect() {
  await db.$disconnect();
}
