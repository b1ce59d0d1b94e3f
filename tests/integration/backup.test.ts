// `npm run backup` while the forum is busy: the copy is whole (SQLite's integrity check passes)
// and holds every comment whose writer had been answered before the backup began. On
// PostgreSQL the command refuses and points to pg_dump.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { databaseProvider } from "~/lib/db.server";
import { BackupRefused, backupDatabase } from "../../scripts/backup";
import { makePost } from "../factories";
import { TestBrowser, useApp } from "./http";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const base = useApp();
const scratch = mkdtempSync(path.join(os.tmpdir(), "picket-backup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `npm run backup -- <file>` as a separate process, as an admin would. */
function runBackupCommand(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "backup", "--", file], {
      cwd: root,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("npm run backup", () => {
  it("refuses a PostgreSQL database, pointing to pg_dump", async () => {
    const refusal = backupDatabase({
      url: "postgresql://picket@db.internal:5432/picket",
      destination: path.join(scratch, "never.db"),
    });
    await expect(refusal).rejects.toBeInstanceOf(BackupRefused);
    await expect(refusal).rejects.toThrow(/pg_dump/);
  });

  it("copies the SQLite database consistently while comments are being written (on PostgreSQL: refuses)", async () => {
    const file = path.join(scratch, "during-writes.db");
    const post = await makePost({ title: "Written during the backup" });
    const acknowledged: { id: number; body: string; at: number }[] = [];
    let writing = true;
    let n = 0;
    // Eight readers post one comment after another until the backup is over.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      while (writing) {
        const body = `Comment ${++n} from writer ${w}`;
        const response = await new TestBrowser(base).post(
          `/posts/${post.slug}`,
          { intent: "comment", body },
          { "x-forwarded-for": `198.51.100.${(n % 250) + 1}` },
        );
        expect(response.status).toBe(303);
        acknowledged.push({
          id: Number(/#c-(\d+)$/.exec(response.headers.get("location") ?? "")?.[1]),
          body,
          at: Date.now(),
        });
      }
    });
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));

    const startedAt = Date.now();
    const before = acknowledged.filter((a) => a.at < startedAt);
    const { code, output } = await runBackupCommand(file);
    const finishedAt = Date.now();
    writing = false;
    await Promise.all(writers);

    if (databaseProvider === "postgresql") {
      expect(code).toBe(1);
      expect(output).toContain("pg_dump");
      return;
    }
    expect(output).toContain(`Backed up to ${file}`);
    expect(code).toBe(0);
    // The forum kept writing while the backup ran.
    expect(acknowledged.some((a) => a.at > startedAt && a.at < finishedAt)).toBe(true);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      const rows = copy.prepare(`SELECT id, bodyMarkdown FROM Comment WHERE postId = ?`).all(post.id) as {
        id: number;
        bodyMarkdown: string;
      }[];
      const inCopy = new Map(rows.map((r) => [r.id, r.bodyMarkdown]));
      expect(before.length).toBeGreaterThanOrEqual(40);
      for (const { id, body } of before) expect(inCopy.get(id)).toBe(body);
    } finally {
      copy.close();
    }
    // A second backup to the same name is refused rather than overwriting the first.
    const again = await runBackupCommand(file);
    expect(again.code).toBe(1);
    expect(again.output).toContain("already exists");
  });
});
