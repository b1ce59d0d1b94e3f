// What the test commands need besides npm's packages: a Chromium for the browser journeys
// (`npm test`) and a PostgreSQL server (`npm run test:pg`). Each is found where it usually is;
// when it is missing and this runs as root on Debian or Ubuntu it is installed with apt-get;
// otherwise one line says what to run. Usage: tsx scripts/test/needs.ts browser|postgres
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";

const CHROMIUM_PLACES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
];
export const DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The Chromium the browser journeys drive: CHROMIUM_PATH, or the first one installed. */
export function findChromium(env = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CHROMIUM_PLACES.find((place) => existsSync(place)) ?? null;
}

const canInstall = () => process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");

function aptInstall(pkg: string) {
  console.log(`Installing ${pkg} with apt-get (needed by the tests)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", pkg],
  ]) {
    const run = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

function needBrowser() {
  if (findChromium()) return;
  if (!canInstall()) {
    console.error("The browser journeys need Chromium: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).");
    process.exit(1);
  }
  aptInstall("chromium");
  if (!findChromium()) throw new Error("Chromium was installed but is not at any known place; set CHROMIUM_PATH.");
}

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const clusters = () => (existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql") : []);

async function needPostgres() {
  const url = process.env.PICKET_TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  if (await answers(url)) return;
  const local = ["127.0.0.1", "localhost"].includes(new URL(url).hostname);
  if (!local || !canInstall()) {
    console.error(
      `The PostgreSQL tests need a server at ${url}: install PostgreSQL (sudo apt-get install -y postgresql) or set PICKET_TEST_POSTGRES_URL.`,
    );
    process.exit(1);
  }
  if (clusters().length === 0) aptInstall("postgresql");
  const version = clusters()[0];
  // A fresh Debian cluster asks local TCP clients for a password; the tests' server trusts them.
  const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
  const trusted = readFileSync(hba, "utf8").replace(/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/m, "$1trust");
  writeFileSync(hba, trusted);
  spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "ignore" });
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "reload"], { stdio: "ignore" });
  for (let i = 0; i < 30 && !(await answers(url)); i++) await new Promise((resolve) => setTimeout(resolve, 1000));
  if (!(await answers(url))) {
    console.error(`PostgreSQL was started but ${url} does not answer; set PICKET_TEST_POSTGRES_URL.`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const need = process.argv[2];
  if (need === "browser") needBrowser();
  else if (need === "postgres") await needPostgres();
  else {
    console.error("Usage: tsx scripts/test/needs.ts browser|postgres");
    process.exit(2);
  }
}
