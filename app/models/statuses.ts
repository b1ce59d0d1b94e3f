// The states a comment or a post can be in, and what the moderation log records: each list is
// written once, here, and its type read from it. No server code, so pages may import them.
// The database keeps them as text: a value read from it is checked against its list.

/** "held": awaiting review. "deleted" by its writer; "removed" or "spam" by a moderator. */
export const COMMENT_STATUSES = ["published", "held", "deleted", "removed", "spam"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** "submitted": a member's post awaiting the editors. "held": hidden by flags until reviewed. */
export const POST_STATUSES = ["draft", "submitted", "published", "held", "rejected", "unpublished"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** The actions the moderation log records, each a row a reader can see on /modlog. */
export const MODERATION_ACTIONS = [
  "approve",
  "reject",
  "remove",
  "spam",
  "redact",
  "ban",
  "publish",
  "unpublish",
  // A thread as a whole (issue 25): slow mode, closing, reopening, a change set in advance,
  // cooling (new comments held) and its end, and a staff note (its text is never in the log).
  "slow",
  "close",
  "reopen",
  "schedule",
  "cool",
  "warm",
  "note",
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** `value` when it is one of `list`, else undefined (a value from a link or a form). */
export function oneOf<T extends string>(list: readonly T[], value: string | null | undefined): T | undefined {
  return list.find((item) => item === value);
}

/** A value read from the database: one the forum never writes is a fault, not a state to show. */
export function fromDatabase<T extends string>(list: readonly T[], value: string, what: string): T {
  const known = oneOf(list, value);
  if (known === undefined) throw new Error(`The database holds a ${what} this forum does not know: "${value}".`);
  return known;
}

export const commentStatus = (value: string) => fromDatabase(COMMENT_STATUSES, value, "comment status");
export const postStatus = (value: string) => fromDatabase(POST_STATUSES, value, "post status");
export const moderationAction = (value: string) => fromDatabase(MODERATION_ACTIONS, value, "moderation action");
