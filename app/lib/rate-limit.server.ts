// Fixed-window counters kept in the database, so every app instance counts the same
// requests. Keys are made of author references and network cloaks, never addresses.
import { countEvents, db, write, type CounterState, type Transaction } from "./db.server";

export type Limit = { limit: number; windowMs: number };
export type Verdict = { allowed: boolean; retryAfterS: number; count: number };

function verdict(count: number, windowStart: Date, { limit, windowMs }: Limit, now: Date): Verdict {
  const retryAfterS = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, retryAfterS, count };
}

/**
 * Counts one more event under each key inside the caller's transaction, and says for each
 * whether it is within its limit. Keys that share a window length are counted in one statement.
 */
export async function hitIn(
  tx: Transaction,
  hits: { key: string; rule: Limit }[],
  now = new Date(),
): Promise<Verdict[]> {
  const counted = new Map<string, CounterState>();
  for (const windowMs of new Set(hits.map((h) => h.rule.windowMs))) {
    const keys = hits.filter((h) => h.rule.windowMs === windowMs).map((h) => h.key);
    for (const [key, state] of await countEvents(tx, keys, { windowMs, now })) counted.set(key, state);
  }
  return hits.map(({ key, rule }) => {
    const state = counted.get(key)!;
    return verdict(state.count, state.windowStart, rule, now);
  });
}

/** Counts one more event under `key` and says whether it is within the limit. */
export function hit(key: string, rule: Limit, now = new Date()): Promise<Verdict> {
  return write(async (tx) => (await hitIn(tx, [{ key, rule }], now))[0]);
}

/** Whether `key` is already over its limit, without counting. */
export async function check(key: string, rule: Limit, now = new Date()): Promise<Verdict> {
  const current = await db.rateCounter.findUnique({ where: { key }, select: { count: true, windowStart: true } });
  if (!current || current.windowStart.getTime() + rule.windowMs <= now.getTime())
    return { allowed: true, retryAfterS: 0, count: 0 };
  return { ...verdict(current.count, current.windowStart, rule, now), allowed: current.count < rule.limit };
}

export async function clear(key: string) {
  await write((tx) => tx.rateCounter.deleteMany({ where: { key } }));
}
