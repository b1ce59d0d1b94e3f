// The test commands say in one line what to install when they cannot get it themselves.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs scripts/test/needs.ts as a user who cannot install anything (nobody, when we are root). */
function needs(what: string, env: Record<string, string>) {
  const command = [process.execPath, "--import", "tsx", "scripts/test/needs.ts", what];
  const asNobody =
    process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
  const [file, ...args] = [...asNobody, ...command];
  return spawnSync(file, args, { cwd: root, env: { ...process.env, HOME: "/tmp", ...env }, encoding: "utf8" });
}

describe("what the test commands need", () => {
  it("names the install of a missing Chromium in one line, and stops", () => {
    const run = needs("browser", { CHROMIUM_PATH: "/nowhere/chromium" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/apt-get install -y chromium.*CHROMIUM_PATH/);
  }, 30_000);

  it("names the install of a missing PostgreSQL server in one line, and stops", () => {
    const run = needs("postgres", { PICKET_TEST_POSTGRES_URL: "postgresql://postgres@127.0.0.1:1/none" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/apt-get install -y postgresql.*PICKET_TEST_POSTGRES_URL/);
  }, 30_000);

  it("finds a Chromium that is there", () => {
    const run = needs("browser", { CHROMIUM_PATH: process.execPath });
    expect(run.status).toBe(0);
  }, 30_000);
});
