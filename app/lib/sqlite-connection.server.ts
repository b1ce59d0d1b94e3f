// The write queue's own statements (its savepoints, the rate-limit counter) run on SQLite's one
// connection itself instead of through Prisma: docs/decisions/020-database-speed-measures.md.
// Nothing else uses the connection; PostgreSQL goes through Prisma for these too.
import BetterSqlite3 from "better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

// Shared through globalThis with every copy of this module, as the Prisma client is.
const shared = globalThis as unknown as { picketSqliteConnection?: BetterSqlite3.Database };

/**
 * Keeps the connection the Prisma client's adapter opened. The pinned
 * @prisma/adapter-better-sqlite3 holds it as `client`: an upgrade must be checked against this.
 */
export function keepSqliteConnection(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (client instanceof BetterSqlite3) shared.picketSqliteConnection = client;
}

/** Whether the write queue's statements can run on SQLite's connection (not on PostgreSQL). */
export const hasSqliteConnection = () => shared.picketSqliteConnection !== undefined;

/** A value as the pinned adapter binds it for SQLite: dates as ISO 8601 text with "+00:00". */
const sqliteValue = (value: unknown) => (value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value);

/**
 * Runs `sql` on the connection, inside whatever transaction is open on it (the write queue's),
 * and returns its rows (none for a statement that returns nothing).
 */
export function runOnSqliteConnection<Row>(sql: string, params: unknown[] = []): Row[] {
  const statement = shared.picketSqliteConnection!.prepare(sql);
  const values = params.map(sqliteValue);
  if (statement.reader) return statement.all(values) as Row[];
  statement.run(values);
  return [];
}
