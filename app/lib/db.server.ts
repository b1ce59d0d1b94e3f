// The one place that knows which database engine runs underneath. Everything else uses the
// Prisma client exported here and `write()` for anything that changes data.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgresql/client";
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

/** Connections each app instance keeps open to PostgreSQL. */
export const POSTGRES_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE) || 10;

const target = databaseTarget();
/** The engine in use: "sqlite" or "postgresql". */
export const databaseProvider = target.provider;

function createClient() {
  if (target.provider === "postgresql") {
    // Both clients are generated from one schema and expose the same API.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, max: POSTGRES_POOL_SIZE }) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: sqliteAdapter(target.file) });
}

export type Database = PrismaClient;
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

// One client per process, kept across module reloads in development.
const globalForDb = globalThis as unknown as { picketDb?: Database };
export const db: Database = (globalForDb.picketDb ??= createClient());

// SQLite has one connection per process: a plain write issued while another request's
// transaction is open would join that transaction. So every write goes through one queue
// (see the Prisma issue in docs/decisions/003-database-layer.md).
let writeQueue: Promise<unknown> = Promise.resolve();

// Prisma gives up on a transaction that waits 2 s for a pooled connection or runs 5 s; under a
// burst (many sign-ins hashing passwords at once) that turned a slow write into a 500. A
// queued write is better late than lost.
const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

/** Runs `fn` in a transaction, after every write already queued in this process. */
export function write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const run = writeQueue.then(() => db.$transaction(fn, WRITE_TRANSACTION));
  writeQueue = run.catch(() => undefined);
  return run;
}

/** The tables in the database, for checks of the migrations. */
export async function listTables(): Promise<string[]> {
  const rows =
    databaseProvider === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")
      : await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((r) => r.name);
}

/** PostgreSQL only: sends a NOTIFY that every app instance's LISTEN connection receives. */
export async function notifyInstances(channel: string, payload: string) {
  if (databaseProvider !== "postgresql") return;
  await db.$executeRawUnsafe("SELECT pg_notify($1, $2)", channel, payload);
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
