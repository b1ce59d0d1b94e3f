import path from "node:path";
import { defineConfig } from "vitest/config";

/** Tests that talk to a real server over a database the setup file makes for them. */
const withServer = (name: "integration" | "postgres") => ({
  extends: true as const,
  test: {
    name,
    include: [`tests/${name}/**/*.test.ts`],
    setupFiles: ["tests/setup-database.ts"],
    // Pages are made again at once after a change (tests/integration/page-pace.test.ts holds the pace).
    env: { PICKET_BCRYPT_COST: "10", PICKET_QUIET: "1", PICKET_TRUST_PROXY: "loopback", PICKET_PAGE_REMAKE_MS: "0" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          env: { DATABASE_URL: ":memory:", PICKET_SECRET: "unit-test-secret-that-is-long-enough-0123456789" },
        },
      },
      withServer("integration"),
      withServer("postgres"),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          setupFiles: ["tests/setup-database.ts"],
          env: { PICKET_BCRYPT_COST: "10", PICKET_QUIET: "1", PICKET_PAGE_REMAKE_MS: "0" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
