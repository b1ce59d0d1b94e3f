// Accounts hold no email address: joining does not ask for one or keep one, and the migration
// that removed the field drops the addresses a forum had stored, keeping the accounts.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseProvider, db } from "~/lib/db.server";
import { migrationsDirFor } from "~/lib/migrations.server";
import { TestBrowser, pageText, useApp } from "./http";

const base = useApp();

/** The columns of the User table in the test database, as the migrations left it. */
async function userColumns(): Promise<string[]> {
  const rows =
    databaseProvider === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'User'`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('User')`);
  return rows.map((r) => r.name);
}

/** Each migration's SQL in order, and which of them drops the email column. */
function migrationScripts() {
  const dir = migrationsDirFor(databaseProvider);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const at = names.findIndex((name) => name.endsWith("_drop_email"));
  expect(at, "a drop_email migration").toBeGreaterThan(0);
  const sql = names.map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  return { before: sql.slice(0, at), dropEmail: sql[at] };
}

// Enough accounts that the table spans pages the migration's new indexes do not reuse.
const MEMBERS = 100;
const STORED = `INSERT INTO "User" ("username", "nameKey", "passwordHash", "role", "email") VALUES ${Array.from({ length: MEMBERS }, (_, i) => `('steward${i}', 'steward${i}', 'x', 'member', 'steward${i}@example.org')`).join(", ")}`;
const SESSION = `INSERT INTO "Session" ("id", "userId", "expiresAt") VALUES ('token-hash', 1, '2099-01-01 00:00:00')`;

/** Runs the migrations up to the email's removal on an empty database, stores an address, then runs the removal. */
async function migrateAForumWithAnEmail(): Promise<{
  columns: string[];
  users: { username: string }[];
  sessions: number;
}> {
  const { before, dropEmail } = migrationScripts();
  if (databaseProvider === "sqlite") {
    const file = path.join(os.tmpdir(), `picket-drop-email-${randomUUID()}.db`);
    const sqlite = new Database(file);
    try {
      for (const sql of before) sqlite.exec(sql);
      sqlite.exec(STORED);
      sqlite.exec(SESSION);
      sqlite.exec(dropEmail);
      const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info('User')`).all() as { name: string }[]).map(
        (r) => r.name,
      );
      const users = sqlite.prepare(`SELECT "username" FROM "User" ORDER BY "id"`).all() as { username: string }[];
      const sessions = (sqlite.prepare(`SELECT count(*) AS n FROM "Session" WHERE "userId" = 1`).get() as { n: number })
        .n;
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
      sqlite.close();
      // Not only out of the table: out of the file.
      expect(readFileSync(file).includes("@example.org")).toBe(false);
      return { columns, users, sessions };
    } finally {
      if (sqlite.open) sqlite.close();
      rmSync(file, { force: true });
    }
  }
  const server = process.env.PICKET_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `picket_drop_email_${randomUUID().replace(/-/g, "")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    for (const sql of before) await client.query(sql);
    await client.query(STORED);
    await client.query(SESSION);
    await client.query(dropEmail);
    const columns = (
      await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'User'`,
      )
    ).rows.map((r) => r.name);
    const users = (await client.query(`SELECT "username" FROM "User" ORDER BY "id"`)).rows as { username: string }[];
    const sessions = Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Session" WHERE "userId" = 1`)).rows[0].n,
    );
    return { columns, users, sessions };
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

describe("email addresses", () => {
  it("are not asked for when joining, and one sent anyway is kept nowhere", async () => {
    const page = await new TestBrowser(base).get("/join");
    const html = await page.text();
    expect(html).toContain('name="username"');
    expect(html).not.toMatch(/name="email"|type="email"/);
    expect(pageText(html)).not.toMatch(/email \(optional\)/i);

    const username = `noemail${Date.now() % 100000}`;
    const joined = await new TestBrowser(base).post(
      "/join",
      { username, password: "a long pass phrase", email: "member@example.org" },
      { "x-forwarded-for": "198.51.100.250" },
    );
    expect(joined.status).toBe(302);
    expect(await db.user.count({ where: { username } })).toBe(1);
    expect(await userColumns()).not.toContain("email");
    const stored = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT * FROM "User" WHERE "username" = '${username}'`,
    );
    expect(JSON.stringify(stored)).not.toContain("member@example.org");
  });

  it("stored before are dropped by the migration, the accounts and their sessions kept", async () => {
    const migrated = await migrateAForumWithAnEmail();
    expect(migrated.columns).toContain("username");
    expect(migrated.columns).not.toContain("email");
    expect(migrated.users).toEqual(Array.from({ length: MEMBERS }, (_, i) => ({ username: `steward${i}` })));
    expect(migrated.sessions).toBe(1);
  });
});
