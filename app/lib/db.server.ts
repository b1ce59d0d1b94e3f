// The one place that knows which database engine runs underneath. Everything else uses the
// Prisma client exported here and `write()` for anything that changes data.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgresql/client";
import { databaseTarget } from "./database-url.server";
import { settings } from "~/env.server";
import { sqliteFileTrouble } from "./database-check.server";
import { hasSqliteConnection, keepSqliteConnection, runOnSqliteConnection } from "./sqlite-connection.server";
// A leaf module of error classes: the one way a lost database reaches every route and form.
import { DatabaseUnavailable, type DatabaseTrouble } from "./errors.server";

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
    connect: async () => {
      const adapter = await withPragmas(base.connect());
      keepSqliteConnection(adapter);
      return adapter;
    },
    connectToShadowDb: () => withPragmas(base.connectToShadowDb()),
  };
}

/** Runs a statement of the write queue's own in the open transaction `tx` (decision 020). */
async function runInTransaction(tx: Transaction, sql: string) {
  if (hasSqliteConnection()) runOnSqliteConnection(sql);
  else await tx.$executeRawUnsafe(sql);
}

/** Connections each app instance keeps open to PostgreSQL. */
export const POSTGRES_POOL_SIZE = settings().databasePoolSize;

const target = databaseTarget();
/** The engine in use: "sqlite" or "postgresql". */
export const databaseProvider = target.provider;

/** How long a new PostgreSQL connection may take: past it, the database is taken to be away. */
const POSTGRES_CONNECT_TIMEOUT_MS = 5000;

/**
 * The pool of PostgreSQL connections. A connection the server ends (a failover, a restart, an
 * administrator) makes the pool emit 'error': with no listener that ends the process.
 */
function postgresPool(url: string) {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  pool.on("error", (error) =>
    console.error(`A database connection was lost (${error.message}); the next request makes a new one.`),
  );
  return pool;
}

function createClient() {
  if (target.provider === "postgresql") {
    // Both clients are generated from one schema and expose the same API.
    const adapter = new PrismaPg(postgresPool(target.url), { disposeExternalPool: true });
    return reportingTrouble(new PostgresClient({ adapter }) as unknown as PrismaClient);
  }
  return takingTurns(reportingTrouble(new PrismaClient({ adapter: sqliteAdapter(target.file) })));
}

const SQLITE_TROUBLES: [RegExp, DatabaseTrouble][] = [
  [/^SQLITE_(BUSY|LOCKED)/, "database busy"],
  [/^SQLITE_FULL/, "disk full"],
  [/^SQLITE_READONLY/, "database read-only"],
  [/^SQLITE_(IOERR|CANTOPEN)/, "database I/O error"],
];

/** PostgreSQL's error classes (SQLSTATE) that mean the database, not the query, failed. */
function postgresTrouble(code: string, message: string): DatabaseTrouble | null {
  // Connection exceptions; administrator or crash shutdown, starting up.
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code)) return "database unreachable";
  if (code === "55000" && /not currently accepting connections/.test(message)) return "database unreachable";
  // A standby after a failover accepts only reads.
  if (code === "25006") return "database read-only";
  if (code === "53100") return "disk full";
  // Out of memory or of connections.
  if (/^53/.test(code)) return "database busy";
  if (/^58/.test(code)) return "database I/O error";
  return null;
}

const LOST_CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// What pg says when a connection it held is gone, or a new one cannot be had in time.
const LOST_CONNECTION_MESSAGE =
  /Connection terminated|not queryable|timeout expired|timeout exceeded when trying to connect|Client was closed/i;
/** Prisma's codes for a database that cannot be reached, timed out, or closed the connection. */
const PRISMA_LOST_CONNECTION = new Set(["P1001", "P1002", "P1017", "P2024"]);

/**
 * Why `error` means the database is away (and not that the query was wrong), or null. Looks
 * through the layers Prisma and the driver adapters wrap an error of the database in.
 */
export function databaseTrouble(error: unknown, depth = 0): DatabaseTrouble | null {
  if (error instanceof DatabaseUnavailable) return error.trouble;
  if (typeof error !== "object" || error === null || depth > 4) return null;
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const message = typeof e.message === "string" ? e.message : "";
  for (const code of [e.originalCode, e.code]) {
    if (typeof code !== "string") continue;
    const sqlite = SQLITE_TROUBLES.find(([pattern]) => pattern.test(code));
    if (sqlite) return sqlite[1];
    if (/^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) {
      const postgres = postgresTrouble(code, message);
      if (postgres) return postgres;
    }
    if (LOST_CONNECTION_CODES.has(code) || PRISMA_LOST_CONNECTION.has(code)) return "database unreachable";
  }
  // The adapters' kinds: SQLite's busy timeout is reported as a socket timeout.
  if (e.kind === "DatabaseNotReachable" || e.kind === "ConnectionClosed") return "database unreachable";
  if (e.kind === "TooManyConnections") return "database busy";
  if (e.kind === "SocketTimeout") return databaseProvider === "sqlite" ? "database busy" : "database unreachable";
  if (LOST_CONNECTION_MESSAGE.test(message) && (error instanceof Error || e.kind !== undefined))
    return "database unreachable";
  return databaseTrouble(e.meta?.driverAdapterError, depth + 1) ?? databaseTrouble(e.cause, depth + 1);
}

/** `error` as a DatabaseUnavailable when it means the database is away; otherwise itself. */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailable) return error;
  const trouble = databaseTrouble(error);
  return trouble ? new DatabaseUnavailable(trouble, false, { cause: error }) : error;
}

/** Every query of `client` that fails because the database is away throws DatabaseUnavailable. */
function reportingTrouble(client: PrismaClient): PrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return (await query(args)) as unknown;
        } catch (error) {
          throw asDatabaseUnavailable(error);
        }
      },
    },
  }) as unknown as PrismaClient;
}

/**
 * SQLite: lets other requests in before each query made outside a batch of writes (decision
 * 020). better-sqlite3 answers at once, so Prisma's awaits settle as microtasks and a loader
 * would run all its queries before the server read another request. Not while a batch is
 * open: another request's read on the one connection would see its rows before their COMMIT.
 */
function takingTurns(client: PrismaClient): PrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        if (!queue.open) await new Promise((resolve) => setImmediate(resolve));
        return (await query(args)) as unknown;
      },
    },
  }) as unknown as PrismaClient;
}

export type Database = PrismaClient;
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

// One client per process, kept across module reloads in development.
const globalForDb = globalThis as unknown as { picketDb?: Database };
export const db: Database = (globalForDb.picketDb ??= createClient());

// SQLite has one connection per process: a plain write issued while another request's
// transaction is open would join that transaction. So every write goes through one queue
// (see the Prisma issue in docs/decisions/003-database-layer.md).
//
// Group commit (docs/decisions/011-group-commit.md): the writes waiting in the queue when a
// transaction starts share it, each inside its own savepoint, so one fsync (SQLite) or one
// COMMIT (PostgreSQL) serves them all. A write that throws is rolled back to its savepoint and
// rejects alone; every other write resolves only once the shared COMMIT is done.

/** The most writes one transaction carries: bounds how long a batch holds the database. */
export const MAX_WRITES_PER_COMMIT = 64;
/** How often a write that lost a deadlock or write conflict (PostgreSQL) is tried again. */
const WRITE_CONFLICT_RETRIES = 3;
/**
 * How often a write whose connection was lost before its COMMIT was sent (nothing of it was
 * saved) is tried again, and the first wait before it; each wait doubles. A failover or a
 * restart is over in seconds; past that the writer is told to try again (503).
 */
const LOST_CONNECTION_RETRIES = 3;
const LOST_CONNECTION_WAIT_MS = 250;

// Prisma gives up on a transaction that waits 2 s for a pooled connection or runs 5 s; under a
// burst (many sign-ins hashing passwords at once) that turned a slow write into a 500. A
// queued write is better late than lost.
const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

type QueuedWrite = {
  fn: (tx: Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  conflicts: number;
  lostConnections: number;
};
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
/** `open`: a batch's transaction is open (on SQLite, on the connection every read shares). */
type WriteQueue = { waiting: QueuedWrite[]; draining: boolean; open: boolean };

// One queue per process, shared by every copy of this module (the server build and tests load
// it twice), as the connection is.
const globalQueue = globalThis as unknown as { picketWriteQueue?: WriteQueue };
const queue: WriteQueue = (globalQueue.picketWriteQueue ??= { waiting: [], draining: false, open: false });

/**
 * Runs `fn` in a transaction, after every write already queued in this process. It may share
 * that transaction with other queued writes; its own changes are all or nothing, and the
 * promise settles only after the transaction is committed (or `fn` was rolled back).
 */
export function write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject, conflicts: 0, lostConnections: 0 });
    if (!queue.draining) void drainWrites();
  });
}

/**
 * Commits the waiting writes, a batch at a time. Each batch starts after the event loop has
 * handled the input that arrived meanwhile: better-sqlite3 answers synchronously, so a write
 * queued by one request would otherwise start (and fsync) before any other request got as
 * far as queueing its own.
 */
async function drainWrites() {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      const wait = await commitBatch(queue.waiting.splice(0, MAX_WRITES_PER_COMMIT));
      // The database went away: give it a moment to come back before the writes are tried again.
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    queue.draining = false;
  }
}

const prismaCode = (error: unknown) => (error as { code?: unknown } | null)?.code;
/** A deadlock or serialization failure: PostgreSQL chose this write to give way; it can run again. */
const isWriteConflict = (error: unknown) => prismaCode(error) === "P2034";
/** A write named a row that does not exist (any more): a foreign key refused it. */
export const isForeignKeyViolation = (error: unknown) => prismaCode(error) === "P2003";
/** A write gave a row a value that a unique index already holds. */
export const isUniqueViolation = (error: unknown) => prismaCode(error) === "P2002";

/**
 * How long a write refused for want of the database keeps /healthz unhealthy (unless a later
 * write is committed): long enough to be seen, and short enough that an instance a load
 * balancer stopped sending writes to is tried again.
 */
const WRITE_TROUBLE_SHOWN_MS = 30_000;

/** What stops writes but not reads, which /healthz learns from the writes themselves. */
const UNSEEN_BY_READS = new Set<DatabaseTrouble>(["disk full", "database I/O error"]);

/** The last write refused because the database was away, until a later one is committed. */
const globalTrouble = globalThis as unknown as { picketWriteTrouble?: { trouble: DatabaseTrouble | null; at: number } };
const writeTroubleState = (globalTrouble.picketWriteTrouble ??= { trouble: null, at: 0 });

/** Why a recent write failed for want of the database, if none has been committed since. */
export const lastWriteTrouble = (now = Date.now()): DatabaseTrouble | null =>
  now - writeTroubleState.at < WRITE_TROUBLE_SHOWN_MS ? writeTroubleState.trouble : null;

/**
 * SQLite: a COMMIT that failed (busy, full disk, I/O error) can leave the one shared
 * connection inside the transaction, and every later write would join it and be lost
 * (prisma/orm#29933). Nothing else holds a transaction open now: it is rolled back (when none
 * is open, SQLite refuses the ROLLBACK, which is as good).
 */
async function endAbandonedSqliteTransaction() {
  try {
    await db.$executeRawUnsafe("ROLLBACK");
  } catch (error) {
    if (/no transaction is active/.test(String((error as { message?: unknown })?.message))) return;
    console.error(
      "Could not roll back an abandoned write transaction:",
      error instanceof Error ? error.message : error,
    );
  }
}

/** Commits a batch; returns how long to wait before the next one (when writes are to be tried again). */
async function commitBatch(batch: QueuedWrite[]): Promise<number> {
  const outcomes: Outcome[] = [];
  // Set once every write of the batch has run: an error after it came while committing.
  let committing = false;
  queue.open = true;
  try {
    await db.$transaction(async (tx) => {
      // Alone, a write needs no savepoint: if it throws, the whole transaction rolls back.
      if (batch.length === 1) {
        outcomes.push({ ok: true, value: await batch[0].fn(tx) });
        committing = true;
        return;
      }
      for (const queued of batch) {
        // Savepoints of one name nest, and ROLLBACK TO goes back to the latest: this write's.
        // They are never released one by one (a statement each, for nothing): COMMIT ends them all.
        await runInTransaction(tx, "SAVEPOINT picket_write");
        try {
          outcomes.push({ ok: true, value: await queued.fn(tx) });
        } catch (error) {
          outcomes.push({ ok: false, error });
          // If this fails too, the transaction itself is broken: the whole batch fails below.
          await runInTransaction(tx, "ROLLBACK TO SAVEPOINT picket_write");
        }
      }
      committing = true;
    }, WRITE_TRANSACTION);
  } catch (error) {
    if (databaseProvider === "sqlite") await endAbandonedSqliteTransaction();
    // Nothing of the batch was committed (or, if the connection was lost during COMMIT on
    // PostgreSQL, nobody can tell): a write that failed on its own keeps its own error.
    const trouble = databaseTrouble(error);
    const unknownOutcome = committing && trouble !== null && databaseProvider === "postgresql";
    const failure = unknownOutcome ? new DatabaseUnavailable(trouble, true, { cause: error }) : error;
    batch.forEach((_, i) => {
      if (outcomes[i]?.ok !== false) outcomes[i] = { ok: false, error: failure };
    });
  } finally {
    queue.open = false;
  }
  const retry: QueuedWrite[] = [];
  let wait = 0;
  batch.forEach((queued, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) {
      writeTroubleState.trouble = null;
      return queued.resolve(outcome.value);
    }
    const error = asDatabaseUnavailable(outcome.error);
    if (isWriteConflict(error) && queued.conflicts < WRITE_CONFLICT_RETRIES) {
      queued.conflicts++;
      retry.push(queued);
    } else if (
      error instanceof DatabaseUnavailable &&
      canTryAgain(error) &&
      queued.lostConnections < LOST_CONNECTION_RETRIES
    ) {
      wait = Math.max(wait, LOST_CONNECTION_WAIT_MS * 2 ** queued.lostConnections);
      queued.lostConnections++;
      retry.push(queued);
    } else {
      if (error instanceof DatabaseUnavailable && UNSEEN_BY_READS.has(error.trouble))
        Object.assign(writeTroubleState, { trouble: error.trouble, at: Date.now() });
      queued.reject(error);
    }
  });
  // Ahead of writes queued since: the retried ones were asked for first.
  queue.waiting.unshift(...retry);
  return wait;
}

/**
 * A PostgreSQL connection lost before COMMIT was sent: nothing was saved and a new connection
 * may well work. Never after (the write may be saved), nor a full disk or read-only database.
 */
const canTryAgain = (error: DatabaseUnavailable) =>
  databaseProvider === "postgresql" && error.trouble === "database unreachable" && !error.maybeSaved;

/** A fixed-window counter after counting one more event. */
export type CounterState = { count: number; windowStart: Date };

/**
 * Counts one event under each key in the rate limits' table (RateCounter): one more in the
 * key's window, or 1 in a new window starting `now` when the key's window began `windowMs` or
 * longer ago (or it had none). One statement for all the keys: this runs for every comment,
 * where two Prisma upserts cost ten times as much. On SQLite it skips Prisma (decision 020).
 * Portable SQL (SQLite ≥ 3.35, PostgreSQL).
 */
export async function countEvents(
  tx: Transaction,
  keys: string[],
  { windowMs, now }: { windowMs: number; now: Date },
): Promise<Map<string, CounterState>> {
  const windowOpenSince = new Date(now.getTime() - windowMs);
  const params: unknown[] = [];
  // Placeholders in the order the values are pushed (template parts are read left to right).
  const param = (value: unknown) => (params.push(value), databaseProvider === "postgresql" ? `$${params.length}` : "?");
  const stillOpen = () => `"RateCounter"."windowStart" > ${param(windowOpenSince)}`;
  const sql =
    `INSERT INTO "RateCounter" ("key", "count", "windowStart") VALUES ${[...new Set(keys)].map((key) => `(${param(key)}, 1, ${param(now)})`).join(", ")} ` +
    `ON CONFLICT ("key") DO UPDATE SET "count" = CASE WHEN ${stillOpen()} THEN "RateCounter"."count" + 1 ELSE 1 END, ` +
    `"windowStart" = CASE WHEN ${stillOpen()} THEN "RateCounter"."windowStart" ELSE excluded."windowStart" END ` +
    `RETURNING "key", "count", "windowStart"`;
  type Counted = { key: string; count: number | bigint; windowStart: Date | string }[];
  const counted = hasSqliteConnection()
    ? runOnSqliteConnection<Counted[number]>(sql, params)
    : await tx.$queryRawUnsafe<Counted>(sql, ...params);
  return new Map(counted.map((row) => [row.key, { count: Number(row.count), windowStart: new Date(row.windowStart) }]));
}

/** The tables in the database, for checks of the migrations. */
export async function listTables(): Promise<string[]> {
  const rows =
    databaseProvider === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
        )
      : await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((r) => r.name);
}

/** PostgreSQL only: sends a NOTIFY that every app instance's LISTEN connection receives. */
export async function notifyInstances(channel: string, payload: string) {
  if (databaseProvider !== "postgresql") return;
  await db.$executeRawUnsafe("SELECT pg_notify($1, $2)", channel, payload);
}

/**
 * Why the database cannot be read or written now, or null when it can: it answers a query,
 * takes writes (PostgreSQL: not a read-only server; SQLite: its file opens for writing and its
 * disk has room), and no write failed for want of it just now.
 */
export async function databaseHealth(): Promise<DatabaseTrouble | null> {
  try {
    if (databaseProvider === "postgresql") {
      const [row] = await db.$queryRawUnsafe<{ readOnly: string }[]>(
        `SELECT current_setting('transaction_read_only') AS "readOnly"`,
      );
      if (row?.readOnly === "on") return "database read-only";
    } else await db.setting.findFirst({ select: { key: true } });
  } catch (error) {
    return databaseTrouble(error) ?? "database unreachable";
  }
  return (target.provider === "sqlite" ? sqliteFileTrouble(target.file) : null) ?? lastWriteTrouble();
}

export async function disconnect() {
  await db.$disconnect();
}

/**
 * Takes `count` new comment ids inside the open transaction `tx`, ascending, so that rows
 * written together in one statement can name each other (an import's replies their parents).
 * On PostgreSQL they come from the table's own sequence, as the ids of other writers do; on
 * SQLite the transaction holds the only write lock, so the next ids are the ones after the last.
 */
export async function takeCommentIds(tx: Transaction, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (databaseProvider === "postgresql") {
    const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
      `SELECT nextval(pg_get_serial_sequence('"Comment"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
      count,
    );
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  }
  const [{ last }] = await tx.$queryRawUnsafe<{ last: number | bigint }[]>(
    `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Comment'), 0),
                COALESCE((SELECT MAX(id) FROM "Comment"), 0)) AS last`,
  );
  return Array.from({ length: count }, (_, i) => Number(last) + 1 + i);
}

/** Values bound in one statement of `insertRows`: under SQLite's and PostgreSQL's limits. */
const MAX_VALUES_PER_INSERT = 20_000;

/**
 * Inserts many rows into `table` inside `tx`, as few multi-row INSERT statements: for bulk
 * writes (an import) where building each row through Prisma's query compiler would cost more
 * than writing it. Dates are bound as Prisma binds them. Every row has `columns`, in order.
 */
export async function insertRows(
  tx: Transaction,
  table: string,
  columns: string[],
  rows: (string | number | boolean | Date | null)[][],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_INSERT / columns.length));
  const names = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let n = 0;
    const values = chunk
      .map(() => `(${columns.map(() => (databaseProvider === "postgresql" ? `$${++n}` : "?")).join(", ")})`)
      .join(", ");
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${values}`, ...chunk.flat());
  }
}
