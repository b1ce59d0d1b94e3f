// How much one voice and one network may write, flag or join in a while. Counted in the
// database (every instance counts the same requests), keyed by author reference and network
// cloak, never by address. Each limit can be changed with an environment variable (app/env.server.ts).
import { settings, type Settings } from "~/env.server";
import { STAFF_ROLES } from "~/lib/viewer.server";
import type { Transaction } from "~/lib/db.server";
import { hit, hitIn, type Limit, type Verdict } from "~/lib/rate-limit.server";
import { RateLimited } from "./errors.server";
import { waitText } from "./thread-state";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Limits = Settings["limits"];

function limit(configured: keyof Limits, windowMs: number): () => Limit {
  return () => ({ limit: settings().limits[configured], windowMs });
}

/** Comments a voice may post a minute, and a network (many people behind one address) may. */
export const COMMENTS_PER_VOICE = limit("commentsPerVoicePerMinute", MINUTE);
export const COMMENTS_PER_NETWORK = limit("commentsPerNetworkPerMinute", MINUTE);
/**
 * Comments from new voices (a browser key made for the comment, no member) a network may post
 * a minute before the next are held: one person dropping their cookie before each comment
 * cannot flood a thread, while a branch office behind one address keeps writing.
 */
export const NEW_VOICES_PER_NETWORK = limit("newVoicesPerNetworkPerMinute", MINUTE);
export const FLAGS_PER_VOICE = limit("flagsPerVoicePerHour", HOUR);
export const FLAGS_PER_NETWORK = limit("flagsPerNetworkPerHour", HOUR);
export const JOINS_PER_NETWORK = limit("joinsPerNetworkPerHour", HOUR);

function refuseOver(verdict: Verdict, message: string) {
  if (!verdict.allowed)
    throw new RateLimited(
      `${message} Try again in ${verdict.retryAfterS} second(s); your text is kept below.`,
      verdict.retryAfterS,
    );
}

async function within(key: string, rule: Limit, message: string) {
  refuseOver(await hit(key, rule), message);
}

const COMMENTS_TOO_FAST = "You are posting faster than this forum allows.";
const COMMENTS_FROM_NETWORK = "Too many comments come from your network just now.";

/** The hold reason moderators see on a comment held by NEW_VOICES_PER_NETWORK. */
export const NEW_VOICES_HOLD = "many new voices from one network in a minute";

/** The hold reason moderators see on a comment held because its thread is cooling down. */
export const COOLING_HOLD = "the thread is cooling down: new comments wait for a moderator";

/** Staff write in a slow or cooling thread as they would anywhere: they are the ones calming it. */
export const isThreadStaff = (member: { role?: string } | null) =>
  Boolean(member?.role && (STAFF_ROLES as readonly string[]).includes(member.role));

/**
 * Slow mode: refuses a voice's comment on a thread when the same voice (browser or account)
 * commented there less than `seconds` ago, saying when it may post. Inside the comment's
 * transaction, so two comments sent at once by one voice count each other.
 */
export async function assertSlowModeAllows(
  tx: Transaction,
  { postId, authorRef, seconds, now }: { postId: number; authorRef: string; seconds: number; now: Date },
) {
  const last = await tx.comment.findFirst({
    where: { postId, authorRef, createdAt: { gt: new Date(now.getTime() - seconds * 1000) } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (!last) return;
  const allowedAt = new Date(last.createdAt.getTime() + seconds * 1000);
  const waitS = Math.max(1, Math.ceil((allowedAt.getTime() - now.getTime()) / 1000));
  throw new RateLimited(
    `Slow mode is on in this thread: each voice may comment once every ${waitText(seconds)}. You may post again at ${allowedAt.toISOString().slice(11, 19)} UTC (in ${waitS} second${waitS === 1 ? "" : "s"}). Your text is kept below.`,
    waitS,
  );
}

/**
 * Counts a comment against its voice's and its network's limits, inside the transaction that
 * writes it: a refusal rolls the counting back with everything else. Returns why a new
 * voice's comment is held (its network brought too many new voices just now), or null.
 */
export async function countComment(
  tx: Transaction,
  { authorRef, cloak, newVoice }: { authorRef: string; cloak: string; newVoice: boolean },
): Promise<string | null> {
  const [voice, network, newVoices] = await hitIn(tx, [
    { key: `comment:${authorRef}`, rule: COMMENTS_PER_VOICE() },
    { key: `comment-net:${cloak}`, rule: COMMENTS_PER_NETWORK() },
    ...(newVoice ? [{ key: `comment-new-net:${cloak}`, rule: NEW_VOICES_PER_NETWORK() }] : []),
  ]);
  refuseOver(voice, COMMENTS_TOO_FAST);
  refuseOver(network, COMMENTS_FROM_NETWORK);
  return newVoices && !newVoices.allowed ? NEW_VOICES_HOLD : null;
}

export async function limitFlags({ voiceRef, cloak }: { voiceRef: string; cloak: string }) {
  await within(`flag:${voiceRef}`, FLAGS_PER_VOICE(), "You have flagged a lot just now.");
  await within(`flag-net:${cloak}`, FLAGS_PER_NETWORK(), "Too many flags come from your network just now.");
}

export async function limitJoins({ cloak }: { cloak: string }) {
  await within(`join-net:${cloak}`, JOINS_PER_NETWORK(), "Too many accounts were made from your network just now.");
}
