// Every environment variable Picket reads, read here and nowhere else: validated once into a
// typed settings object, so a wrong value stops the start with its name and what is wrong,
// rather than turning into a silent default deep inside a request. The README's configuration
// table lists the same variables (a unit test holds the two together).
import { isIP } from "node:net";
import { z } from "zod";

type Env = Record<string, string | undefined>;

/** An unset variable, or one set to nothing, takes its default. */
const given = (raw: string | undefined) => (raw === undefined || raw.trim() === "" ? undefined : raw.trim());

function problem(ctx: z.RefinementCtx, message: string) {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** A setting that may be left out (null), else read by `parse`, which answers null for a wrong value. */
const optionalParsed = <T>(parse: (value: string) => T | null, message: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw);
      if (value === undefined) return null;
      return parse(value) ?? problem(ctx, message);
    });

/**
 * A page that changed is made again this long after its last making began, at the soonest
 * (PICKET_PAGE_REMAKE_MS): a thread taking comments every few milliseconds is made a few times a
 * second, not at each one (decision 021).
 */
export const PAGE_REMAKE_MS = 250;

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw);
      if (value === undefined) return fallback;
      if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
        return problem(ctx, `must be a whole number from ${min} to ${max}`);
      return Number(value);
    });

/** A switch written 1 (on) or 0 (off). */
const onOff = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw);
      if (value === undefined) return fallback;
      if (value !== "0" && value !== "1") return problem(ctx, "must be 1 (on) or 0 (off)");
      return value === "1";
    });

const isDatabaseUrl = (url: string) =>
  url === ":memory:" || url.startsWith("file:") || /^postgres(ql)?:\/\/./.test(url);

/** Express's `trust proxy`: a number of proxies, or names and addresses (with a /prefix) separated by commas. */
function trustedProxies(value: string): string | number | null {
  if (/^\d+$/.test(value)) return Number(value);
  const ok = value.split(",").every((part) => {
    const [address, prefix, ...rest] = part.trim().split("/");
    if (["loopback", "linklocal", "uniquelocal"].includes(address) && prefix === undefined) return true;
    const family = isIP(address);
    return (
      family !== 0 &&
      rest.length === 0 &&
      (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)))
    );
  });
  return ok ? value : null;
}

/** This site's origin as readers reach it: http(s), no path, no user, nothing after it. */
function publicOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    return (url.protocol === "http:" || url.protocol === "https:") &&
      bare &&
      !value.includes("?") &&
      !value.includes("#")
      ? url.origin
      : null;
  } catch {
    return null;
  }
}

const SCHEMA = z.object({
  NODE_ENV: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw) ?? "production";
      return value === "production" || value === "development" || value === "test"
        ? value
        : problem(ctx, "must be production, development or test");
    }),
  PORT: wholeNumber(0, 65535, 3000),
  HOST: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw) ?? "0.0.0.0";
      return /^[\w.:[\]-]+$/.test(value) ? value : problem(ctx, "must be an address or a host name to listen on");
    }),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw) ?? "file:./data/picket.db";
      return isDatabaseUrl(value)
        ? value
        : problem(ctx, "must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    }),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000, 10),
  PICKET_SECRET: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === "") return null;
      return raw.length >= 32 ? raw : problem(ctx, "must be at least 32 characters long");
    }),
  PICKET_DEMO: onOff(true),
  PICKET_INSECURE_COOKIES: onOff(false),
  PICKET_BCRYPT_COST: wholeNumber(10, 15, 12),
  PICKET_QUIET: onOff(false),
  PICKET_TRUST_PROXY: optionalParsed(
    trustedProxies,
    "must be a number of proxies, or loopback, linklocal, uniquelocal or addresses (with an optional /prefix), separated by commas",
  ),
  PICKET_MAX_BODY_BYTES: wholeNumber(1024, 1024 ** 3, 1536 * 1024),
  PICKET_PAGE_CACHE: onOff(true),
  PICKET_PAGE_REMAKE_MS: wholeNumber(0, 60_000, PAGE_REMAKE_MS),
  PICKET_PUBLIC_URL: optionalParsed(
    publicOrigin,
    "must be this forum's address as readers reach it, http:// or https:// and a host, with no path (https://forum.example.org)",
  ),
  PICKET_COMMENTS_PER_MINUTE: wholeNumber(1, 1_000_000, 8),
  PICKET_NETWORK_COMMENTS_PER_MINUTE: wholeNumber(1, 1_000_000, 120),
  PICKET_NETWORK_NEW_VOICES_PER_MINUTE: wholeNumber(1, 1_000_000, 20),
  PICKET_FLAGS_PER_HOUR: wholeNumber(1, 1_000_000, 30),
  PICKET_NETWORK_FLAGS_PER_HOUR: wholeNumber(1, 1_000_000, 200),
  PICKET_JOINS_PER_HOUR: wholeNumber(1, 1_000_000, 10),
  PICKET_ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw === "" ? null : raw)),
  PICKET_POSTGRES_SCRATCH_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = given(raw) ?? "postgresql://postgres@127.0.0.1:5432/postgres";
      return /^postgres(ql)?:\/\/./.test(value) ? value : problem(ctx, "must be a postgresql:// URL");
    }),
});

/** The names of every environment variable Picket reads. */
export const ENVIRONMENT_VARIABLES = Object.keys(SCHEMA.shape) as (keyof typeof SCHEMA.shape)[];

/** Variables whose value is never repeated in an error message. */
const SECRET_VALUES = new Set([
  "PICKET_SECRET",
  "PICKET_ADMIN_PASSWORD",
  "DATABASE_URL",
  "PICKET_POSTGRES_SCRATCH_URL",
]);

/** A wrong value in the environment; the message names each variable and what is wrong with it. */
export class SettingsError extends Error {
  name = "SettingsError";
}

function settingsFrom(v: z.infer<typeof SCHEMA>) {
  return {
    nodeEnv: v.NODE_ENV,
    production: v.NODE_ENV === "production",
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    /** null: the secret is generated once and kept in the database. */
    secret: v.PICKET_SECRET,
    demo: v.PICKET_DEMO,
    /** Cookies marked Secure: in production, unless the operator chose plain HTTP. */
    secureCookies: v.NODE_ENV === "production" && !v.PICKET_INSECURE_COOKIES,
    bcryptCost: v.PICKET_BCRYPT_COST,
    quiet: v.PICKET_QUIET,
    /** As Express's `trust proxy` takes it; null: the socket's address is the client's. */
    trustProxy: v.PICKET_TRUST_PROXY,
    maxBodyBytes: v.PICKET_MAX_BODY_BYTES,
    pageCache: v.PICKET_PAGE_CACHE,
    pageRemakeMs: v.PICKET_PAGE_REMAKE_MS,
    /** The forum's address in feeds and links that leave the site: never from a request's Host header. */
    publicUrl: v.PICKET_PUBLIC_URL ?? `http://localhost:${v.PORT}`,
    publicUrlGiven: v.PICKET_PUBLIC_URL !== null,
    limits: {
      commentsPerVoicePerMinute: v.PICKET_COMMENTS_PER_MINUTE,
      commentsPerNetworkPerMinute: v.PICKET_NETWORK_COMMENTS_PER_MINUTE,
      /** Comments from new voices one network may post a minute before the next are held. */
      newVoicesPerNetworkPerMinute: v.PICKET_NETWORK_NEW_VOICES_PER_MINUTE,
      flagsPerVoicePerHour: v.PICKET_FLAGS_PER_HOUR,
      flagsPerNetworkPerHour: v.PICKET_NETWORK_FLAGS_PER_HOUR,
      joinsPerNetworkPerHour: v.PICKET_JOINS_PER_HOUR,
    },
    /** For `npm run admin:create`; null: a password is made and printed once. */
    adminPassword: v.PICKET_ADMIN_PASSWORD,
    /** A PostgreSQL server `npm run db:migration` may use for scratch work. */
    postgresScratchUrl: v.PICKET_POSTGRES_SCRATCH_URL,
  };
}

export type Settings = ReturnType<typeof settingsFrom>;

/** Reads and checks the settings from `env`; throws a SettingsError naming every wrong variable. */
export function loadSettings(env: Env = process.env): Settings {
  const known = Object.fromEntries(ENVIRONMENT_VARIABLES.map((name) => [name, env[name]]));
  const parsed = SCHEMA.safeParse(known);
  if (parsed.success) return settingsFrom(parsed.data);
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const raw = env[name] ?? "";
    const shown = SECRET_VALUES.has(name) ? "" : ` (it is "${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}")`;
    return `  ${name} ${issue.message}${shown}`;
  });
  throw new SettingsError(
    `Picket cannot start: ${lines.length === 1 ? "a setting is" : "settings are"} wrong in the environment:\n${lines.join("\n")}`,
  );
}

// Kept on globalThis: the server's bundle and the modules a test imports share one copy.
const shared = globalThis as { picketSettings?: Settings };

/** The settings, read from process.env the first time they are needed and kept. */
export function settings(): Settings {
  return (shared.picketSettings ??= loadSettings(process.env));
}

/** Forgets the kept settings, so the next `settings()` reads process.env again (tests that change it). */
export function resetSettings() {
  delete shared.picketSettings;
}

/** What an operator should hear about when the server starts. */
export function startWarnings(current: Settings = settings()): string[] {
  const warnings: string[] = [];
  if (current.production && !current.publicUrlGiven) {
    warnings.push(
      `Warning: PICKET_PUBLIC_URL is not set, so feeds and links to this forum name ${current.publicUrl}. Set it to the address readers use, such as https://forum.example.org.`,
    );
  }
  return warnings;
}
