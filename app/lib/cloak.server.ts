// Network cloaks: a keyed hash of a network address under a key that changes every day and
// is destroyed after CLOAK_KEY_DAYS days. A cloak lets us throttle or ban an address for a
// few days without ever storing it; once its key is gone nobody can link it to anything.
import { createHmac, randomBytes } from "node:crypto";
import { db, write } from "./db.server";

export const CLOAK_KEY_DAYS = 7;

const today = (now: Date) => now.toISOString().slice(0, 10);

async function keyFor(day: string): Promise<string> {
  const existing = await db.cloakKey.findUnique({ where: { day }, select: { secret: true } });
  if (existing) return existing.secret;
  try {
    await write((tx) => tx.cloakKey.create({ data: { day, secret: randomBytes(32).toString("base64url") }, select: { day: true } }));
  } catch {
    // Another request made today's key first.
  }
  return (await db.cloakKey.findUniqueOrThrow({ where: { day }, select: { secret: true } })).secret;
}

/** Today's cloak of an address. */
export async function networkCloak(address: string, now = new Date()): Promise<string> {
  const secret = await keyFor(today(now));
  return createHmac("sha256", secret).update(address).digest("base64url").slice(0, 22);
}

/** Destroys the keys older than CLOAK_KEY_DAYS days; returns how many. */
export async function destroyOldCloakKeys(now = new Date()): Promise<number> {
  const oldest = today(new Date(now.getTime() - (CLOAK_KEY_DAYS - 1) * 24 * 3600 * 1000));
  const result = await write((tx) => tx.cloakKey.deleteMany({ where: { day: { lt: oldest } } }));
  return result.count;
}
