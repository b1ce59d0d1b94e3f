// Fixed-window counters kept in the database, so every app instance counts the same
// requests. Keys are made of author references and network cloaks, never addresses.
import { db, write } from "./db.server";

export type Limit = { limit: number; windowMs: number };
export type Verdict = { allowed: boolean; retryAfterS: number; count: number };

function verdict(count: number, windowStart: Date, { limit, windowMs }: Limit, now: Date): Verdict {
  const retryAfterS = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, retryAfterS, count };
}

/** Counts one more event under `key` and says whether it is within the limit. */
export async function hit(key: string, rule: Limit, now = new Date()): Promise<Verdict> {
  return write(async (tx) => {
    const current = await tx.rateCounter.findUnique({ where: { key }, select: { count: true, windowStart: true } });
    if (!current || current.windowStart.getTime() + rule.windowMs <= now.getTime()) {
      await tx.rateCounter.upsert({ where: { key }, create: { key, count: 1, windowStart: now }, update: { count: 1, windowStart: now }, select: { key: true } });
      return verdict(1, now, rule, now);
    }
    const updated = await tx.rateCounter.update({ where: { key }, data: { count: { increment: 1 } }, select: { count: true } });
    return verdict(updated.count, current.windowStart, rule, now);
  });
}

/** Whether `key` is already over its limit, without counting. */
export async function check(key: string, rule: Limit, now = new Date()): Promise<Verdict> {
  const current = await db.rateCounter.findUnique({ where: { key }, select: { count: true, windowStart: true } });
  if (!current || current.windowStart.getTime() + rule.windowMs <= now.getTime()) return { allowed: true, retryAfterS: 0, count: 0 };
  return { ...verdict(current.count, current.windowStart, rule, now), allowed: current.count < rule.limit };
}

export async function clear(key: string) {
  await write((tx) => tx.rateCounter.deleteMany({ where: { key } }));
}
