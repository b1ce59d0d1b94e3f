// Applies and creates migrations with Prisma's schema engine compiled to WebAssembly, through
// the same driver adapters the app uses. Prisma's CLI would download a native engine, which
// these machines cannot reach (docs/decisions/002-migrations-without-the-native-engine.md).
// Migrations keep Prisma's layout and checksums, so `prisma migrate deploy` sees one history.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, MigrationList } from "@prisma/schema-engine-wasm";
import { databaseTarget, type DatabaseTarget } from "./database-url.server";

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
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const module = await WebAssembly.compile(readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return wasmModule;
}

async function adapterFactoryFor(target: DatabaseTarget) {
  if (target.provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    mkdirSync(path.dirname(target.file), { recursive: true });
    return new PrismaBetterSqlite3({ url: target.file });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: target.url });
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

async function withEngine<T>(target: DatabaseTarget, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadEngineModule();
  const base = await adapterFactoryFor(target);
  // The engine opens connections but never closes them; track them so a second run in the
  // same process does not find the database still locked.
  const opened: SqlDriverAdapter[] = [];
  const track = async (connection: Promise<SqlDriverAdapter>) => {
    const adapter = await connection;
    opened.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => track(base.connectToShadowDb().then(acceptScripts)),
  });
  const schema = schemaFor(target.provider);
  const logs: string[] = [];
  const engine = (await bg.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, (line: string) => logs.push(line), factory)) as SchemaEngine;
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/** The migrations on disk, in the shape the engine takes. */
export function readMigrations(provider: DatabaseTarget["provider"]): MigrationList {
  const baseDir = migrationsDirFor(provider);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
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
          content: existsSync(file) ? { tag: "ok" as const, value: readFileSync(file, "utf8") } : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names of those applied. */
export async function applyMigrations(databaseUrl?: string): Promise<string[]> {
  const target = databaseTarget(databaseUrl);
  return withEngine(target, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(target.provider), filters: noFilters });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that would take a database built by the migrations to the schema; empty when they
 * agree. Runs the migrations on a scratch (shadow) database.
 */
export async function pendingSchemaChange(provider: DatabaseTarget["provider"], scratchUrl?: string): Promise<string> {
  const target = databaseTarget(scratchUrl ?? ":memory:", provider);
  return withEngine(target, async (engine) => {
    const migrations = readMigrations(provider);
    const from = migrations.migrationDirectories.length > 0 ? ({ tag: "migrations", ...migrations } as const) : ({ tag: "empty" } as const);
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaFor(provider) }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = (result.stdout ?? "").trim();
    return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
  });
}

/** Writes the next migration for an engine from the schema change; null when there is none. */
export async function createMigration(name: string, provider: DatabaseTarget["provider"], scratchUrl?: string): Promise<string | null> {
  const sql = await pendingSchemaChange(provider, scratchUrl);
  if (!sql) return null;
  const baseDir = migrationsDirFor(provider);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(baseDir, `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_").toLowerCase()}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  const lockPath = path.join(baseDir, "migration_lock.toml");
  if (!existsSync(lockPath)) {
    writeFileSync(lockPath, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
  }
  return dir;
}
