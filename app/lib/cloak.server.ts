// Network cloaks: a keyed hash of a network address under a key made for the day and
// destroyed after CLOAK_KEY_DAYS days. A cloak lets us throttle or ban an address for a few
// days without ever storing it; once its key is gone nobody can link it to anything.
import { createHmac, randomBytes } from "node:crypto";
import { db, isUniqueViolation, write } from "./db.server";

export const CLOAK_KEY_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

const dayOf = (now: Date) => now.toISOString().slice(0, 10);
const oldestLiveDay = (now: Date) => dayOf(new Date(now.getTime() - (CLOAK_KEY_DAYS - 1) * DAY_MS));

async function todaysKey(now: Date): Promise<string> {
  const day = dayOf(now);
  const existing = await db.cloakKey.findUnique({ where: { day }, select: { secret: true } });
  if (existing) return existing.secret;
  try {
    await write((tx) =>
      tx.cloakKey.create({ data: { day, secret: randomBytes(32).toString("base64url") }, select: { day: true } }),
    );
  } catch (error) {
    // Another request made today's key first; anything else (the database busy or away) is answered as such.
    if (!isUniqueViolation(error)) throw error;
    return (await db.cloakKey.findUniqueOrThrow({ where: { day }, select: { secret: true } })).secret;
  }
  // A new day: destroy what has aged out (tried again with the next day's key if this fails).
  await forgetOldCloaks(now).catch(() => undefined);
  return (await db.cloakKey.findUniqueOrThrow({ where: { day }, select: { secret: true } })).secret;
}

const cloakWith = (secret: string, address: string) =>
  createHmac("sha256", secret).update(address).digest("base64url").slice(0, 22);

/** Today's key and every key still alive, as of one day. */
type DayKeys = { day: string; today: string; live: string[] };

// A day's keys never change once today's exists (past days' keys are fixed, and only keys
// older than the live window are ever destroyed), so every instance may keep them for the
// day without asking the database on each request. Shared by every copy of this module.
const globalKeys = globalThis as unknown as { picketCloakKeys?: { current: Promise<DayKeys> | null } };
const keyCache = (globalKeys.picketCloakKeys ??= { current: null });

async function loadKeys(now: Date): Promise<DayKeys> {
  const today = await todaysKey(now);
  const keys = await db.cloakKey.findMany({ where: { day: { gte: oldestLiveDay(now) } }, select: { secret: true } });
  return { day: dayOf(now), today, live: keys.map((k) => k.secret) };
}

async function keysOf(now: Date): Promise<DayKeys> {
  const day = dayOf(now);
  const cached = keyCache.current ? await keyCache.current.catch(() => null) : null;
  if (cached?.day === day) return cached;
  const loading = loadKeys(now);
  keyCache.current = loading;
  loading.catch(() => {
    if (keyCache.current === loading) keyCache.current = null;
  });
  return loading;
}

/** Today's cloak of an address: what is stored with a comment or counted by a rate limit. */
export async function networkCloak(address: string, now = new Date()): Promise<string> {
  return cloakWith((await keysOf(now)).today, address);
}

/** The address's cloak under every key still alive: a ban on any of them applies. */
export async function networkCloaks(address: string, now = new Date()): Promise<string[]> {
  return (await keysOf(now)).live.map((secret) => cloakWith(secret, address));
}

/**
 * Destroys the keys older than CLOAK_KEY_DAYS days, wipes the cloaks kept on comments of
 * that age and ends the address bans that could no longer match. Returns the keys destroyed.
 */
export async function forgetOldCloaks(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - CLOAK_KEY_DAYS * DAY_MS);
  // No copy of a destroyed key may outlive it in memory.
  keyCache.current = null;
  return write(async (tx) => {
    const keys = await tx.cloakKey.deleteMany({ where: { day: { lt: oldestLiveDay(now) } } });
    await tx.comment.updateMany({ where: { cloak: { not: null }, createdAt: { lt: cutoff } }, data: { cloak: null } });
    await tx.ban.deleteMany({ where: { cloak: { not: null }, createdAt: { lt: cutoff } } });
    return keys.count;
  });
}
