// Applies and creates migrations with Prisma's schema engine compiled to WebAssembly, through
// the same driver adapters the app uses. Prisma's CLI would download a native engine, which
// these machines cannot reach (docs/decisions/002-migrations-without-the-native-engine.md).
// Migrations keep Prisma's layout and checksums, so `prisma migrate deploy` sees one history.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine, MigrationList } from "@prisma/schema-engine-wasm";
import { databaseTarget, type DatabaseTarget } from "./database-url.server";
import { settings } from "~/env.server";
import { SEARCH_TABLES } from "./search-tables";

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(require.resolve("../../package.json")));

export const SCHEMA_PATH = path.join(projectRoot, "prisma", "schema.prisma");

/** Where each engine keeps its migrations. PostgreSQL's are kept beside SQLite's. */
export function migrationsDirFor(provider: DatabaseTarget["provider"]) {
  return provider === "sqlite"
    ? path.join(projectRoot, "prisma", "migrations")
    : path.join(projectRoot, "prisma", "postgresql", "migrations");
}

/** The schema text for an engine: one source of truth, only the provider differs. */
export function schemaFor(provider: DatabaseTarget["provider"]) {
  const text = readFileSync(SCHEMA_PATH, "utf8");
  return provider === "sqlite" ? text : text.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
}

let wasmModule: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

// The package's entry imports the .wasm file bundler-style, which Node cannot load; instantiate it here.
function loadEngineModule() {
  wasmModule ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const module = await WebAssembly.compile(readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(module, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return wasmModule;
}

type Cleanup = () => Promise<void>;

function pgConfig(databaseUrl: string, database?: string) {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: database ?? (url.pathname.slice(1) || undefined),
  };
}

// The engine replays migration files on the shadow database as one raw statement each, which
// better-sqlite3 refuses when a file holds several; run those as scripts.
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    const code = query.sql.replace(/--[^\n]*/g, "");
    if (query.args.length === 0 && /;\s*\S/.test(code)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

// The engine disposes some connections itself; a pool must not be ended twice.
function disposeOnce(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let disposed: Promise<void> | undefined;
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = () => (disposed ??= dispose());
  return adapter;
}

/**
 * A driver adapter factory for the engine. The engine never closes the connections it opens,
 * so they are tracked and closed by the returned cleanups (else a second run in the same
 * process finds the database locked).
 */
async function engineAdapter(
  target: DatabaseTarget,
  cleanups: Cleanup[],
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const track = async (connection: Promise<SqlDriverAdapter>) => {
    const adapter = disposeOnce(await connection);
    cleanups.push(() => adapter.dispose());
    return adapter;
  };
  if (target.provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    if (target.file !== ":memory:") mkdirSync(path.dirname(target.file), { recursive: true });
    const base = new PrismaBetterSqlite3({ url: target.file });
    return {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: () => track(base.connect()),
      connectToShadowDb: () => track(base.connectToShadowDb().then(acceptScripts)),
    };
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Separate fields rather than a connection string, and our own shadow database: the
  // adapter's drops its shadow database while its pool still holds it open.
  const base = new PrismaPg(pgConfig(target.url));
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: async () => {
      const admin = disposeOnce(await new PrismaPg(pgConfig(target.url)).connect());
      const name = `picket_shadow_${randomUUID().replace(/-/g, "")}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = disposeOnce(await new PrismaPg(pgConfig(target.url, name)).connect());
      cleanups.push(async () => {
        await shadow.dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.dispose();
      });
      return shadow;
    },
  };
}

async function withEngine<T>(target: DatabaseTarget, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadEngineModule();
  const cleanups: Cleanup[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(await engineAdapter(target, cleanups));
  const schema = schemaFor(target.provider);
  const logs: string[] = [];
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    (line: string) => logs.push(line),
    factory,
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

/** The migrations on disk, in the shape the engine takes. */
export function readMigrations(provider: DatabaseTarget["provider"]): MigrationList {
  const baseDir = migrationsDirFor(provider);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(baseDir, dir, "migration.sql");
      return {
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/** The full-text indexes are made by the migrations by hand: the engine leaves them alone. */
const filters = { externalTables: SEARCH_TABLES, externalEnums: [] };

/** Applies pending migrations; returns the names of those applied. */
export async function applyMigrations(databaseUrl?: string): Promise<string[]> {
  const target = databaseTarget(databaseUrl);
  return withEngine(target, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrations(target.provider),
      filters,
    });
    return result.appliedMigrationNames;
  });
}

/**
 * Where the PostgreSQL migrations record the schema they build. The engine cannot read a
 * PostgreSQL schema back through the driver adapter (it fails on the catalogue's "char"
 * type), so PostgreSQL migrations are diffs between this snapshot and the schema, and every
 * PostgreSQL test run applies them to a fresh database.
 */
export const POSTGRES_SNAPSHOT_PATH = path.join(projectRoot, "prisma", "postgresql", "migrated-schema.prisma");

const datamodel = (content: string) => ({
  tag: "schemaDatamodel" as const,
  files: [{ path: "schema.prisma", content }],
});

/**
 * The SQL that would take a database built by the migrations to the schema; empty when they
 * agree. For SQLite the migrations are replayed on an in-memory shadow database.
 */
export async function pendingSchemaChange(provider: DatabaseTarget["provider"], scratchUrl?: string): Promise<string> {
  const target = databaseTarget(
    scratchUrl ?? (provider === "sqlite" ? ":memory:" : settings().postgresScratchUrl),
    provider,
  );
  return withEngine(target, async (engine) => {
    let from;
    if (provider === "postgresql") {
      from = existsSync(POSTGRES_SNAPSHOT_PATH)
        ? datamodel(readFileSync(POSTGRES_SNAPSHOT_PATH, "utf8"))
        : ({ tag: "empty" } as const);
    } else {
      const migrations = readMigrations(provider);
      from =
        migrations.migrationDirectories.length > 0
          ? ({ tag: "migrations", ...migrations } as const)
          : ({ tag: "empty" } as const);
    }
    const result = await engine.diff({
      from,
      to: datamodel(schemaFor(provider)),
      script: true,
      exitCode: null,
      filters,
    });
    const sql = (result.stdout ?? "").trim();
    return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
  });
}

/** Writes the next migration for an engine from the schema change; null when there is none. */
export async function createMigration(
  name: string,
  provider: DatabaseTarget["provider"],
  scratchUrl?: string,
): Promise<string | null> {
  const sql = await pendingSchemaChange(provider, scratchUrl);
  // The snapshot follows every schema edit, even one that changes no table.
  if (provider === "postgresql") writeFileSync(POSTGRES_SNAPSHOT_PATH, schemaFor("postgresql"));
  if (!sql) return null;
  const baseDir = migrationsDirFor(provider);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(baseDir, `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  const lockPath = path.join(baseDir, "migration_lock.toml");
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
  }
  return dir;
}
