// The environment: one module reads and checks every variable (app/env.server.ts), the README's
// configuration table lists exactly those, and no other module or script reads process.env.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENVIRONMENT_VARIABLES, SettingsError, loadSettings, startWarnings } from "~/env.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The variables named in the first column of the README's configuration table. */
function readmeVariables(): string[] {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Configuration"),
    readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1),
  );
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx|mjs|js)$/.test(entry) ? [full] : [];
  });
}

/** Files that may touch process.env, and why. */
const ALLOWED = new Map([
  ["app/env.server.ts", "the one module that reads the environment"],
  ["scripts/start.ts", "sets NODE_ENV for the build it runs and the server it starts"],
  [
    "scripts/generate-client.mjs",
    "passes the environment, with Prisma's own PRISMA_SCHEMA_ENGINE_BINARY, to the Prisma CLI",
  ],
  ["scripts/bench.ts", "passes the environment to the build and forum generator it runs"],
  ["scripts/bench/server.ts", "passes the environment to the servers it starts"],
  ["scripts/test/needs.ts", "the test commands' own CHROMIUM_PATH and PICKET_TEST_POSTGRES_URL (README, Quick start)"],
  ["scripts/bench/generate.ts", "sets DATABASE_URL to the benchmark's database before importing the app"],
  ["scripts/screenshots.ts", "sets DATABASE_URL to its own demo forum's database before importing the app"],
  ["scripts/bench/import.ts", "passes the environment, with the benchmark's DATABASE_URL, to the import it times"],
]);

const READS_ENV = /process\s*\.\s*env\b|process\s*\[\s*["'`]env["'`]\s*\]|\{\s*env\b[^}]*\}\s*=\s*process\b/;

describe("the environment", () => {
  it("is described by the README's configuration table, every variable and only those", () => {
    const documented = readmeVariables();
    expect(documented.length).toBeGreaterThan(10);
    expect([...documented].sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
    expect(new Set(documented).size, "each variable once").toBe(documented.length);
  });

  it("is read only by the settings module (and by scripts that set it for another process)", () => {
    const files = [
      ...filesUnder(path.join(root, "app")),
      ...filesUnder(path.join(root, "scripts")),
      ...filesUnder(path.join(root, "prisma")),
      path.join(root, "server.ts"),
    ]
      .map((file) => path.relative(root, file).split(path.sep).join("/"))
      // Prisma's generated client reads its own.
      .filter((file) => !file.startsWith("app/generated/"));
    expect(files.length).toBeGreaterThan(50);
    const readers = files.filter((file) => READS_ENV.test(readFileSync(path.join(root, file), "utf8")));
    expect(readers.filter((file) => !ALLOWED.has(file))).toEqual([]);
  });

  it("has defaults that make a working forum", () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      databaseUrl: "file:./data/picket.db",
      databasePoolSize: 10,
      secret: null,
      demo: true,
      bcryptCost: 12,
      quiet: false,
      trustProxy: null,
      maxBodyBytes: 1536 * 1024,
      pageCache: true,
      pageRemakeMs: 250,
      production: true,
      secureCookies: true,
    });
    expect(s.limits).toEqual({
      commentsPerVoicePerMinute: 8,
      commentsPerNetworkPerMinute: 120,
      newVoicesPerNetworkPerMinute: 20,
      flagsPerVoicePerHour: 30,
      flagsPerNetworkPerHour: 200,
      joinsPerNetworkPerHour: 10,
    });
    expect(s.publicUrl).toBe("http://localhost:3000");
    expect(loadSettings({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    // Set to nothing counts as unset.
    expect(loadSettings({ PORT: "", PICKET_QUIET: "" })).toMatchObject({ port: 3000, quiet: false });
  });

  it("takes good values as given", () => {
    const s = loadSettings({
      PORT: "8080",
      DATABASE_URL: "postgresql://picket@db.internal/picket",
      PICKET_DEMO: "0",
      PICKET_INSECURE_COOKIES: "1",
      PICKET_TRUST_PROXY: "loopback, 10.0.0.0/8",
      PICKET_PAGE_CACHE: "0",
      PICKET_NETWORK_COMMENTS_PER_MINUTE: "300",
      NODE_ENV: "production",
    });
    expect(s).toMatchObject({
      port: 8080,
      databaseUrl: "postgresql://picket@db.internal/picket",
      demo: false,
      secureCookies: false,
      trustProxy: "loopback, 10.0.0.0/8",
      pageCache: false,
    });
    expect(s.limits.commentsPerNetworkPerMinute).toBe(300);
    expect(loadSettings({ PICKET_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadSettings({ NODE_ENV: "test" }).secureCookies).toBe(false);
    expect(loadSettings({ PICKET_PUBLIC_URL: "https://Forum.Example.org:8443/" }).publicUrl).toBe(
      "https://forum.example.org:8443",
    );
  });

  it("warns a production forum that has no public address, and no other", () => {
    expect(startWarnings(loadSettings({ NODE_ENV: "production" })).join("\n")).toMatch(
      /PICKET_PUBLIC_URL is not set, so feeds and links to this forum name http:\/\/localhost:3000/,
    );
    expect(
      startWarnings(loadSettings({ NODE_ENV: "production", PICKET_PUBLIC_URL: "https://forum.example.org" })),
    ).toEqual([]);
    expect(startWarnings(loadSettings({ NODE_ENV: "development" }))).toEqual([]);
  });

  it("refuses a wrong value with the variable's name and what is wrong", () => {
    const wrong: [string, string, RegExp][] = [
      ["PORT", "eighty", /PORT must be a whole number from 0 to 65535 \(it is "eighty"\)/],
      ["PORT", "70000", /PORT must be a whole number/],
      ["DATABASE_URL", "mysql://db/picket", /DATABASE_URL must start with file: \(SQLite\) or postgresql:\/\//],
      ["DATABASE_POOL_SIZE", "0", /DATABASE_POOL_SIZE must be a whole number from 1/],
      ["PICKET_SECRET", "too short", /PICKET_SECRET must be at least 32 characters long$/m],
      ["PICKET_DEMO", "no", /PICKET_DEMO must be 1 \(on\) or 0 \(off\)/],
      ["PICKET_BCRYPT_COST", "9", /PICKET_BCRYPT_COST must be a whole number from 10 to 15/],
      ["PICKET_QUIET", "true", /PICKET_QUIET must be 1 \(on\) or 0 \(off\)/],
      ["PICKET_TRUST_PROXY", "true", /PICKET_TRUST_PROXY must be a number of proxies/],
      ["PICKET_TRUST_PROXY", "10.0.0.0/40", /PICKET_TRUST_PROXY must be/],
      ["PICKET_MAX_BODY_BYTES", "1.5MB", /PICKET_MAX_BODY_BYTES must be a whole number/],
      ["PICKET_PUBLIC_URL", "forum.example.org", /PICKET_PUBLIC_URL must be this forum's address/],
      ["PICKET_PUBLIC_URL", "ftp://forum.example.org", /PICKET_PUBLIC_URL must be/],
      ["PICKET_PUBLIC_URL", "https://forum.example.org/picket", /PICKET_PUBLIC_URL must be/],
      ["PICKET_PUBLIC_URL", "https://user:pass@forum.example.org", /PICKET_PUBLIC_URL must be/],
      ["PICKET_COMMENTS_PER_MINUTE", "0", /PICKET_COMMENTS_PER_MINUTE must be a whole number from 1/],
      ["PICKET_JOINS_PER_HOUR", "ten", /PICKET_JOINS_PER_HOUR must be/],
      ["PICKET_POSTGRES_SCRATCH_URL", "file:./scratch.db", /PICKET_POSTGRES_SCRATCH_URL must be a postgresql:\/\/ URL/],
      ["NODE_ENV", "prod", /NODE_ENV must be production, development or test/],
    ];
    for (const [name, value, message] of wrong) {
      let error: unknown;
      try {
        loadSettings({ [name]: value });
      } catch (thrown) {
        error = thrown;
      }
      expect(error, `${name}=${value}`).toBeInstanceOf(SettingsError);
      expect((error as Error).message, `${name}=${value}`).toMatch(message);
    }
    // Secrets are never repeated in the message; every wrong variable is named at once.
    try {
      loadSettings({ PICKET_SECRET: "hunter2-the-secret", DATABASE_URL: "mysql://root:pw@db", PORT: "x" });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain("hunter2");
      expect(message).not.toContain(":pw@");
      expect(message).toMatch(/PICKET_SECRET[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PICKET_SECRET/);
      expect(message).toContain("PORT");
    }
  });
});
