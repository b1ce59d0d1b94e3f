import path from "node:path";
import { defineConfig } from "vitest/config";

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
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          setupFiles: ["tests/setup-database.ts"],
          env: { PICKET_BCRYPT_COST: "10", PICKET_QUIET: "1", PICKET_TRUST_PROXY: "loopback" },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["tests/postgres/**/*.test.ts"],
          setupFiles: ["tests/setup-database.ts"],
          env: { PICKET_BCRYPT_COST: "10", PICKET_QUIET: "1", PICKET_TRUST_PROXY: "loopback" },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          setupFiles: ["tests/setup-database.ts"],
          env: { PICKET_BCRYPT_COST: "10", PICKET_QUIET: "1" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
