// Group commit (docs/decisions/011-group-commit.md): writes queued together share one
// transaction, each in a savepoint of its own. A write that fails is rolled back alone and
// rejects alone; every write's promise settles only once the shared COMMIT is done; writes run
// in the order they were asked for, however many batches they take.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_WRITES_PER_COMMIT, db, write, type Transaction } from "~/lib/db.server";
import { databaseTarget } from "~/lib/database-url.server";
import { hasSqliteConnection, runOnSqliteConnection } from "~/lib/sqlite-connection.server";

let run = 0;
/** Setting keys unique to one test. */
const keys = (n: number) => {
  run++;
  return Array.from({ length: n }, (_, i) => `group-commit-${run}-${i}`);
};

const stored = async (wanted: string[]) =>
  (
    await db.setting.findMany({
      where: { key: { in: wanted } },
      select: { key: true, value: true },
      orderBy: { key: "asc" },
    })
  ).map((s) => `${s.key}=${s.value}`);

// A second connection to the same database: it sees only what is committed.
const target = databaseTarget();
let elsewhere: { settingExists: (key: string) => Promise<boolean>; close: () => Promise<void> } | null = null;
async function otherConnection() {
  if (elsewhere) return elsewhere;
  if (target.provider === "postgresql") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    elsewhere = {
      settingExists: async (key) =>
        (await client.query('SELECT 1 FROM "Setting" WHERE "key" = $1', [key])).rowCount === 1,
      close: () => client.end(),
    };
  } else {
    const connection = new Database(target.file, { readonly: true });
    const statement = connection.prepare('SELECT 1 FROM "Setting" WHERE "key" = ?');
    elsewhere = {
      settingExists: (key) => Promise.resolve(statement.get(key) !== undefined),
      close: () => Promise.resolve(void connection.close()),
    };
  }
  return elsewhere;
}

afterAll(async () => {
  await elsewhere?.close();
});

describe("group commit", () => {
  it("puts writes queued together in one transaction, where a failing one rolls back alone", async () => {
    const [a, b1, b2, c] = keys(4);
    const transactions = new Set<Transaction>();
    const results = await Promise.allSettled([
      write(async (tx) => {
        transactions.add(tx);
        await tx.setting.create({ data: { key: a, value: "a" }, select: { key: true } });
        return "a written";
      }),
      write(async (tx) => {
        transactions.add(tx);
        await tx.setting.create({ data: { key: b1, value: "b" }, select: { key: true } });
        await tx.setting.create({ data: { key: b2, value: "b" }, select: { key: true } });
        throw new Error("b refused after writing two rows");
      }),
      write(async (tx) => {
        transactions.add(tx);
        // Later writes see what earlier ones of the batch wrote, as with one write after another.
        const earlier = await tx.setting.findUnique({ where: { key: a }, select: { value: true } });
        await tx.setting.create({ data: { key: c, value: earlier ? "saw a" : "missed a" }, select: { key: true } });
        return "c written";
      }),
    ]);
    expect(transactions.size).toBe(1);
    expect(results).toEqual([
      { status: "fulfilled", value: "a written" },
      { status: "rejected", reason: new Error("b refused after writing two rows") },
      { status: "fulfilled", value: "c written" },
    ]);
    expect(await stored([a, b1, b2, c])).toEqual([`${a}=a`, `${c}=saw a`]);
  });

  it("rolls back a write the database refuses (a duplicate key) without spoiling the batch", async () => {
    const [taken, before, after] = keys(3);
    await write((tx) => tx.setting.create({ data: { key: taken, value: "first" }, select: { key: true } }));
    const results = await Promise.allSettled([
      write((tx) => tx.setting.create({ data: { key: before, value: "ok" }, select: { key: true } })),
      write(async (tx) => {
        await tx.setting.update({
          where: { key: taken },
          data: { value: "changed by a refused write" },
          select: { key: true },
        });
        return tx.setting.create({ data: { key: taken, value: "duplicate" }, select: { key: true } });
      }),
      // On PostgreSQL a failed statement spoils the rest of its transaction unless rolled back to a savepoint.
      write((tx) => tx.setting.create({ data: { key: after, value: "ok" }, select: { key: true } })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: "P2002" });
    expect(await stored([taken, before, after])).toEqual([`${taken}=first`, `${before}=ok`, `${after}=ok`].sort());
  });

  it("settles each write's promise only once it is committed: another connection sees it at once", async () => {
    const wanted = keys(10);
    const other = await otherConnection();
    const seenElsewhere = await Promise.all(
      wanted.map((key) =>
        write((tx) => tx.setting.create({ data: { key, value: "durable" }, select: { key: true } })).then(() =>
          other.settingExists(key),
        ),
      ),
    );
    expect(seenElsewhere).toEqual(wanted.map(() => true));
  });

  it(`keeps the order writes were asked in, over more than one batch of ${MAX_WRITES_PER_COMMIT}`, async () => {
    const wanted = keys(MAX_WRITES_PER_COMMIT * 2 + 5);
    // Each write records how many of the others it found already written.
    const found = await Promise.all(
      wanted.map((key) =>
        write(async (tx) => {
          const before = await tx.setting.count({ where: { key: { in: wanted } } });
          await tx.setting.create({ data: { key, value: String(before) }, select: { key: true } });
          return before;
        }),
      ),
    );
    expect(found).toEqual(wanted.map((_, i) => i));
    expect(await db.setting.count({ where: { key: { in: wanted } } })).toBe(wanted.length);
  });

  it("on SQLite runs its own statements on the connection the client holds, inside the open transaction (decision 020)", async () => {
    // An upgrade of the adapter that no longer shows its connection fails here, rather than slowing every comment.
    expect(hasSqliteConnection()).toBe(target.provider === "sqlite");
    if (target.provider !== "sqlite") return;
    const [kept, undone] = keys(2);
    const at = new Date("2026-05-01T12:34:56.789Z");
    const insert = (key: string) =>
      runOnSqliteConnection(
        `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, 'direct', ?) RETURNING "key"`,
        [key, at],
      );
    expect(await write(() => Promise.resolve(insert(kept)))).toEqual([{ key: kept }]);
    await expect(
      write(() => {
        insert(undone);
        return Promise.reject(new Error("refused"));
      }),
    ).rejects.toThrow("refused");
    // Dates are written as Prisma writes them: Prisma reads this one back as it was.
    expect(await db.setting.findUnique({ where: { key: kept }, select: { updatedAt: true } })).toEqual({
      updatedAt: at,
    });
    expect(await stored([kept, undone])).toEqual([`${kept}=direct`]);
  });
});
