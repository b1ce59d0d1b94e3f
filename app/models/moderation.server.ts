// Moderation: bans, automatic holds, flags, the review queue and the moderation log.
// Moderators act on items and on their writers' keyed references; they never see who wrote.
import { db, write, type Transaction } from "~/lib/db.server";
import { publishSiteEvent, publishThreadEvent } from "~/lib/live.server";
import { siteCached } from "~/lib/site-cache.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { ForumError, notFound } from "./errors.server";
import { countLinks, getModerationRules, watchedWordsIn, type ModerationRules } from "./rules.server";
import { voiceFields, voiceLabel } from "./voices.server";
import { COOLING_HOLD, NEW_VOICES_HOLD, limitFlags } from "./limits.server";
import {
  MAX_SCHEDULE_DAYS,
  MAX_SLOW_MODE_SECONDS,
  MIN_SLOW_MODE_SECONDS,
  isOpenAt,
  threadControlFields,
  waitText,
  type ThreadControls,
} from "./thread-state";
import {
  commentStatus,
  moderationAction,
  postStatus,
  type CommentStatus,
  type ModerationAction,
  type PostStatus,
} from "./statuses";

export const FLAG_REASONS = ["spam", "abusive", "off-topic", "identity", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  spam: "Spam",
  abusive: "Abusive",
  "off-topic": "Off-topic",
  identity: "Reveals someone's identity",
  other: "Something else",
};
export const MAX_FLAG_NOTE_LENGTH = 500;
export const MAX_REASON_LENGTH = 300;
/** Longest ban on a network cloak: its key is destroyed after a week anyway. */
export const MAX_CLOAK_BAN_DAYS = 7;
/** A claim lapses when its moderator has not acted for this long. */
export const CLAIM_MINUTES = 15;

const DAY_MS = 24 * 3600 * 1000;

// ---------------------------------------------------------------------------------------
// Bans

type BanInForce = { expiresAt: Date | null; reason: string | null };

/**
 * The bans in force, by writer reference and by network cloak, kept in memory: every comment is
 * checked against them, and a forum has few. A new ban tells every instance (a "site" event);
 * one that lapses is ignored from its expiry on.
 */
const bansInForce = siteCached(async () => {
  const bans = await db.ban.findMany({
    where: { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    select: { authorRef: true, cloak: true, expiresAt: true, reason: true },
  });
  const byKey = new Map<string, BanInForce[]>();
  for (const { authorRef, cloak, ...ban } of bans) {
    for (const key of [authorRef === null ? null : `writer:${authorRef}`, cloak === null ? null : `cloak:${cloak}`]) {
      if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), ban]);
    }
  }
  return byKey;
});

/** Refuses a writer banned by reference or by any of the network's live cloaks. */
export async function assertNotBanned({ authorRef, cloaks }: { authorRef: string; cloaks: string[] }) {
  const now = new Date();
  const bans = await bansInForce();
  const live = [`writer:${authorRef}`, ...cloaks.map((cloak) => `cloak:${cloak}`)]
    .flatMap((key) => bans.get(key) ?? [])
    .filter((b) => b.expiresAt === null || b.expiresAt > now);
  if (live.length === 0) return;
  // The ban that lasts longest: one for good, else the latest to expire.
  const ban = live.find((b) => b.expiresAt === null) ?? live.reduce((a, b) => (b.expiresAt! > a.expiresAt! ? b : a));
  const until = ban.expiresAt ? ` until ${ban.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  throw new ForumError(
    `You cannot write here${until}: a moderator banned this writer${ban.reason ? ` (${ban.reason})` : ""}. Your text is below, so it is not lost.`,
    403,
  );
}

// ---------------------------------------------------------------------------------------
// Automatic holds

export type HoldDecision = { block: string | null; hold: string | null; flag: string | null; tags: string[] };

/**
 * The rules that look at the thread's last activity and at the voice's history. Run inside the
 * transaction that writes the comment, so comments a voice sends at the same moment count
 * each other. `newVoice`: the voice was made for this comment (a browser key just given), so
 * it has no history to read. Returns why the comment is held, or null.
 */
export async function historyHold(
  tx: Transaction,
  {
    postId,
    authorRef,
    newVoice,
    publishedAt,
    rules,
    now,
  }: {
    postId: number;
    authorRef: string;
    newVoice: boolean;
    publishedAt: Date | null;
    rules: ModerationRules;
    now: Date;
  },
): Promise<string | null> {
  if (rules.holdAfterDays !== null && publishedAt) {
    const quietSince = now.getTime() - rules.holdAfterDays * DAY_MS;
    // A post is only read for its latest comment when the post itself is old enough to be quiet.
    const latest =
      publishedAt.getTime() < quietSince
        ? await tx.comment.findFirst({
            where: { postId, status: "published" },
            orderBy: { createdAt: "desc" },
            select: { createdAt: true },
          })
        : null;
    if (publishedAt.getTime() < quietSince && (!latest || latest.createdAt.getTime() < quietSince))
      return quietThreadHold(rules.holdAfterDays);
  }
  if (rules.burst && !newVoice) {
    const recent = await tx.comment.count({
      where: { authorRef, createdAt: { gt: new Date(now.getTime() - rules.burst.minutes * 60_000) } },
    });
    if (recent >= rules.burst.count) return burstHold(rules.burst);
  }
  if (rules.holdFirstContribution) {
    const earlier = newVoice ? 0 : await tx.comment.count({ where: { authorRef, status: "published" } });
    if (earlier === 0) return FIRST_CONTRIBUTION_HOLD;
  }
  return null;
}

// Why a comment is held, as moderators read it in the queue; holdNoteForWriter tells its writer.
const quietThreadHold = (days: number) => `a thread with no comment for more than ${days} days`;
const burstHold = ({ count, minutes }: { count: number; minutes: number }) =>
  `more than ${count} comments in ${minutes} minutes`;
const FIRST_CONTRIBUTION_HOLD = "the first contribution of a new voice";
const watchedWordHold = (phrase: string) => `the watched word "${phrase}"`;
const linksHold = (maxLinks: number) => `more than ${maxLinks} links`;
export const FLAGS_HOLD = "flags";
export const IDENTITY_FLAG_HOLD = "flagged as revealing someone's identity";

/** Why each hold's comment waits, told to its writer; matched on the reasons above (and older wordings). */
const WRITER_REASONS: [RegExp, (numbers: string[]) => string][] = [
  [
    /^a thread (?:with no comment for more than|older than) (\d+) days$/,
    ([days]) =>
      `nobody had written in this thread for more than ${days} days, and comments that wake a quiet thread are read by a moderator first.`,
  ],
  [
    /^more than (\d+) comments in (\d+) minutes$/,
    ([count, minutes]) =>
      `this voice wrote more than ${count} comments in ${minutes} minutes, and the next ones are read by a moderator first.`,
  ],
  [/^the first contribution/, () => "first comments from a new voice are read by a moderator before they appear."],
  // The word is not named, so the list cannot be learnt by trying words.
  [/^the watched word /, () => "it contains a word the moderators have asked to read first."],
  [/^more than (\d+) links$/, ([max]) => `it has more than ${max} links; comments with many links are read first.`],
  [
    /^flagged as revealing/,
    () => "a reader flagged it as revealing someone's identity, so it is hidden until a moderator has looked.",
  ],
];

/** What the writer of a held comment is told on its page: which rule held it and what happens next. */
export function holdNoteForWriter(holdReason: string | null): string {
  if (holdReason === COOLING_HOLD)
    return "Waiting for a moderator: this thread is cooling down after a burst of flags, so every new comment is held for review for now. It appears once approved.";
  if (holdReason === NEW_VOICES_HOLD)
    return "Waiting for a moderator: many comments from new voices came from your network in the last minute, so for now new voices there are held for review. It appears once approved. Your next comments from this browser, or signed in, are not held for this.";
  const reason = holdReason ?? FLAGS_HOLD;
  let why = "readers flagged it, so it is hidden until a moderator has looked at it.";
  for (const [pattern, explain] of WRITER_REASONS) {
    const match = pattern.exec(reason);
    if (match) {
      why = explain(match.slice(1));
      break;
    }
  }
  return `Waiting for a moderator: ${why} Only you see it for now; everyone will once a moderator approves it.`;
}

/** The rules that look only at the text: watched words and links. */
export function textDecision(bodyMarkdown: string, bodyHtml: string, rules: ModerationRules): HoldDecision {
  const found = watchedWordsIn(bodyMarkdown, rules.watchedWords);
  const block = found.find((w) => w.action === "block");
  if (block)
    return {
      block: "Your comment contains words this forum does not accept. Change them and post again.",
      hold: null,
      flag: null,
      tags: [],
    };
  const hold = found.find((w) => w.action === "hold");
  const flag = found.find((w) => w.action === "flag");
  const tags = found.filter((w) => w.action === "tag" && w.tag).map((w) => w.tag!);
  const links = countLinks(bodyHtml);
  return {
    block: null,
    hold: hold
      ? watchedWordHold(hold.phrase)
      : rules.maxLinks !== null && links > rules.maxLinks
        ? linksHold(rules.maxLinks)
        : null,
    flag: flag ? watchedWordHold(flag.phrase) : null,
    tags,
  };
}

// ---------------------------------------------------------------------------------------
// Flags

/** How much a voice's flag counts: staff and members whose past flags were upheld weigh more. */
export async function flagWeight({ voiceRef, role }: { voiceRef: string; role: string | null }): Promise<number> {
  const base = role === "moderator" || role === "editor" || role === "admin" ? 3 : role ? 1.5 : 1;
  const upheld = await db.flag.count({ where: { voiceRef, outcome: "upheld" } });
  return base + Math.min(2, upheld * 0.5);
}

type FlagTarget = { commentId: number } | { postId: number };

/** Flags a comment or a post; hides it pending review past the threshold, at once for identity. */
export async function flagItem({
  target,
  voiceRef,
  role,
  reason,
  note,
  cloak = null,
}: {
  target: FlagTarget;
  voiceRef: string;
  role: string | null;
  reason: string;
  note: string;
  cloak?: string | null;
}) {
  if (!(FLAG_REASONS as readonly string[]).includes(reason))
    throw new ForumError("Choose why you are flagging this.", 400, "reason");
  if (reason === "other" && note.trim().length === 0)
    throw new ForumError("Say in a few words what is wrong.", 400, "note");
  if (note.length > MAX_FLAG_NOTE_LENGTH)
    throw new ForumError(`A note can be at most ${MAX_FLAG_NOTE_LENGTH} characters long.`, 400, "note");
  const isComment = "commentId" in target;
  const item = isComment
    ? await db.comment.findFirst({
        where: { id: target.commentId, status: { in: ["published", "held"] }, post: { status: "published" } },
        select: { id: true, status: true, postId: true },
      })
    : await db.post.findFirst({
        where: { id: target.postId, status: { in: ["published", "held"] } },
        select: { id: true, status: true },
      });
  if (!item) throw notFound(isComment ? "That comment" : "That post");
  // The thread a flagged comment is in: a burst of some flags there cools it down.
  const thread = "postId" in item ? (item.postId as number) : null;
  const already = await db.flag.findFirst({ where: { ...target, voiceRef }, select: { id: true } });
  if (already) throw new ForumError("You have already flagged this. The moderators will look at it.", 409);
  if (cloak) await limitFlags({ voiceRef, cloak });
  const weight = await flagWeight({ voiceRef, role });
  const rules = await getModerationRules();
  const result = await write(async (tx) => {
    const already = await tx.flag.findFirst({ where: { ...target, voiceRef }, select: { id: true } });
    if (already) throw new ForumError("You have already flagged this. The moderators will look at it.", 409);
    await tx.flag.create({
      data: { ...target, voiceRef, reason, note: note.trim() || null, weight },
      select: { id: true },
    });
    const open = await tx.flag.findMany({
      where: { ...target, resolvedAt: null },
      select: { weight: true, reason: true },
    });
    const score = open.reduce((sum, f) => sum + f.weight, 0);
    const hide = reason === "identity" || score >= rules.flagThreshold;
    if (hide && item.status === "published") {
      const holdReason = reason === "identity" ? IDENTITY_FLAG_HOLD : FLAGS_HOLD;
      if (isComment)
        await tx.comment.update({ where: { id: item.id }, data: { status: "held", holdReason }, select: { id: true } });
      else
        await tx.post.update({ where: { id: item.id }, data: { status: "held", pinned: false }, select: { id: true } });
    }
    const cooled = thread !== null && COOLING_REASONS.includes(reason) ? await coolOnBurst(tx, thread, rules) : false;
    return { hidden: hide && item.status === "published", cooled };
  });
  if (result.cooled && thread !== null) await publishThreadEvent({ postId: thread, kind: "post" });
  if (result.hidden && isComment) {
    const { postId } = await db.comment.findUniqueOrThrow({ where: { id: item.id }, select: { postId: true } });
    await publishThreadEvent({ postId, commentId: item.id, kind: "changed" });
  } else if (result.hidden) {
    await publishThreadEvent({ postId: item.id, kind: "post" });
  }
  return result;
}

/** The flags whose burst cools a thread down. */
const COOLING_REASONS: string[] = ["identity", "abusive"];

/**
 * Cools a thread down when its comments got the rules' burst of "reveals identity" or abuse
 * flags: from now on its new comments are held until a moderator ends it. Run in the flag's
 * transaction, so two flags at once cool it once. True when it cooled the thread now.
 */
async function coolOnBurst(tx: Transaction, postId: number, rules: ModerationRules): Promise<boolean> {
  if (!rules.cooling) return false;
  const post = await tx.post.findUnique({ where: { id: postId }, select: { coolingSince: true } });
  if (!post || post.coolingSince) return false;
  const since = new Date(Date.now() - rules.cooling.minutes * 60_000);
  const burst = await tx.flag.count({
    where: { reason: { in: COOLING_REASONS }, createdAt: { gt: since }, comment: { postId } },
  });
  if (burst < rules.cooling.count) return false;
  const reason = `${burst} flags for revealing someone's identity or abuse in ${rules.cooling.minutes} minutes`;
  await tx.post.update({
    where: { id: postId },
    data: { coolingSince: new Date(), coolingReason: reason },
    select: { id: true },
  });
  await log(tx, { action: "cool", postId, moderatorId: null, publicReason: `automatically: ${reason}` });
  return true;
}

// ---------------------------------------------------------------------------------------
// The queue

export type QueueFilter = "all" | "held" | "flagged" | "identity" | "submissions";

const flagSelect = { reason: true, note: true, weight: true, createdAt: true } as const;

/** What waits for a moderator: held and flagged comments, submitted and flagged posts. */
export async function getQueue({ filter = "all", postSlug }: { filter?: QueueFilter; postSlug?: string | null }) {
  const openFlags = { some: { resolvedAt: null } };
  const postWhere = postSlug ? { post: { slug: postSlug } } : {};
  const commentWhere =
    filter === "held"
      ? { status: "held" }
      : filter === "flagged"
        ? { status: { in: ["held", "published"] }, flags: openFlags }
        : filter === "identity"
          ? { status: { in: ["held", "published"] }, flags: { some: { resolvedAt: null, reason: "identity" } } }
          : { OR: [{ status: "held" }, { status: "published", flags: openFlags }] };
  const comments =
    filter === "submissions"
      ? []
      : await db.comment.findMany({
          where: { ...commentWhere, ...postWhere },
          orderBy: { id: "asc" },
          take: 200,
          select: {
            id: true,
            status: true,
            holdReason: true,
            bodyHtml: true,
            ...voiceFields,
            createdAt: true,
            claimedAt: true,
            claimedBy: { select: { username: true } },
            post: { select: { slug: true, title: true } },
            parent: {
              select: { id: true, status: true, bodyHtml: true, ...voiceFields },
            },
            flags: { where: { resolvedAt: null }, select: flagSelect, orderBy: { id: "asc" } },
            cloak: true,
          },
        });
  const posts =
    filter === "held" || filter === "identity" || postSlug
      ? []
      : await db.post.findMany({
          where:
            filter === "submissions"
              ? { status: "submitted" }
              : filter === "flagged"
                ? { flags: openFlags }
                : { OR: [{ status: { in: ["submitted", "held"] } }, { status: "published", flags: openFlags }] },
          orderBy: { id: "asc" },
          take: 200,
          select: {
            id: true,
            slug: true,
            title: true,
            status: true,
            excerpt: true,
            ...voiceFields,
            createdAt: true,
            claimedAt: true,
            claimedBy: { select: { username: true } },
            flags: { where: { resolvedAt: null }, select: flagSelect, orderBy: { id: "asc" } },
          },
        });
  const claim = (claimedAt: Date | null, claimedBy: { username: string } | null) =>
    claimedAt && claimedBy && Date.now() - claimedAt.getTime() < CLAIM_MINUTES * 60_000 ? claimedBy.username : null;
  const flags = (list: { reason: string; note: string | null; weight: number; createdAt: Date }[]) =>
    list.map((f) => ({
      reason: FLAG_REASON_LABELS[f.reason as FlagReason] ?? f.reason,
      note: f.note,
      weight: f.weight,
      createdAt: f.createdAt.toISOString(),
    }));
  return {
    comments: comments.map((c) => ({
      key: `c:${c.id}`,
      id: c.id,
      status: commentStatus(c.status),
      holdReason: c.holdReason,
      bodyHtml: c.bodyHtml,
      author: voiceLabel(c),
      createdAt: c.createdAt.toISOString(),
      claimedBy: claim(c.claimedAt, c.claimedBy),
      post: c.post,
      parent: c.parent
        ? {
            id: c.parent.id,
            author: voiceLabel(c.parent),
            bodyHtml: c.parent.status === "published" ? c.parent.bodyHtml : null,
          }
        : null,
      flags: flags(c.flags),
      // Whether an address ban is still possible; never the cloak itself.
      addressKnown: c.cloak !== null,
    })),
    posts: posts.map((p) => ({
      key: `p:${p.id}`,
      id: p.id,
      slug: p.slug,
      title: p.title,
      status: postStatus(p.status),
      excerpt: p.excerpt,
      author: voiceLabel(p),
      createdAt: p.createdAt.toISOString(),
      claimedBy: claim(p.claimedAt, p.claimedBy),
      flags: flags(p.flags),
    })),
  };
}

/** How many items wait, for the moderators' header. */
export async function queueSize(): Promise<number> {
  const openFlags = { some: { resolvedAt: null } };
  const [comments, posts] = await Promise.all([
    db.comment.count({ where: { OR: [{ status: "held" }, { status: "published", flags: openFlags }] } }),
    db.post.count({
      where: { OR: [{ status: { in: ["submitted", "held"] } }, { status: "published", flags: openFlags }] },
    }),
  ]);
  return comments + posts;
}

// ---------------------------------------------------------------------------------------
// Acting on items

export type Moderator = { id: number; username: string };
/** Which comment a moderator acts on: what every comment verb is given. */
type OnComment = { commentId: number; moderator: Moderator };
/** Which post a moderator acts on. */
type OnPost = { postId: number; moderator: Moderator };

/** Longest ban on a writer, short of one for good. */
export const MAX_BAN_DAYS = 3650;

async function log(
  tx: Transaction,
  entry: {
    action: ModerationAction;
    commentId?: number;
    postId?: number;
    /** Null when the forum's rules acted by themselves. */
    moderatorId: number | null;
    publicReason?: string | null;
    note?: string | null;
  },
) {
  await tx.moderationAction.create({
    data: { ...entry, publicReason: entry.publicReason?.trim() || null },
    select: { id: true },
  });
}

function checkReason(reason: string, required: boolean) {
  if (required && reason.trim().length === 0)
    throw new ForumError("Give a reason: it is shown in the public moderation log.", 400, "reason");
  if (reason.length > MAX_REASON_LENGTH)
    throw new ForumError(`A reason can be at most ${MAX_REASON_LENGTH} characters long.`, 400, "reason");
}

type Claimable = { claimedById: number | null; claimedAt: Date | null };

/** Someone else's live claim refuses the action. */
function assertClaimable(item: Claimable, moderator: Moderator) {
  if (
    item.claimedById &&
    item.claimedById !== moderator.id &&
    item.claimedAt &&
    Date.now() - item.claimedAt.getTime() < CLAIM_MINUTES * 60_000
  ) {
    throw new ForumError(
      "Another moderator has claimed this item. Leave it to them, or wait until their claim lapses.",
      409,
    );
  }
}

const claimedBy = (moderator: Moderator | null) =>
  moderator ? { claimedById: moderator.id, claimedAt: new Date() } : { claimedById: null, claimedAt: null };

const resolveFlags = (
  tx: Transaction,
  where: { commentId: number } | { postId: number },
  outcome: "upheld" | "dismissed",
) => tx.flag.updateMany({ where: { ...where, resolvedAt: null }, data: { resolvedAt: new Date(), outcome } });

/**
 * What an action does to the item it was given, once its checks pass: `write` runs in one
 * transaction; `tell` is the event the thread's readers get (none for a claim).
 */
type Change<Event> = { write: (tx: Transaction) => Promise<unknown>; tell: Event | null };

/** Refuses the item under another moderator's claim, writes `act`'s change and returns its event. */
async function carryOut<Item extends Claimable, Event>(
  item: Item,
  moderator: Moderator,
  act: (item: Item) => Change<Event>,
) {
  assertClaimable(item, moderator);
  const { write: change, tell } = act(item);
  await write(change);
  return tell;
}

type CommentToModerate = {
  id: number;
  postId: number;
  status: CommentStatus;
  bodyMarkdown: string;
  authorRef: string;
  cloak: string | null;
  claimedById: number | null;
  claimedAt: Date | null;
};

/**
 * The steps every action on a comment shares: finds it, refuses it under another moderator's
 * claim, lets `act` check what it may do (throwing before anything is written), writes the
 * change and tells the thread's readers.
 */
async function actOnComment(
  { commentId, moderator }: OnComment,
  act: (comment: CommentToModerate) => Change<"published" | "changed">,
) {
  const found = await db.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      postId: true,
      status: true,
      bodyMarkdown: true,
      authorRef: true,
      cloak: true,
      claimedById: true,
      claimedAt: true,
    },
  });
  if (!found) throw notFound("That comment");
  const comment = { ...found, status: commentStatus(found.status) };
  const tell = await carryOut(comment, moderator, act);
  if (tell) await publishThreadEvent({ postId: comment.postId, commentId, kind: tell });
}

/** Sets the claim on a comment to `claimant`, or clears it; readers see no change. */
const setCommentClaim = (target: OnComment, claimant: Moderator | null) =>
  actOnComment(target, () => ({
    tell: null,
    write: (tx) =>
      tx.comment.update({ where: { id: target.commentId }, data: claimedBy(claimant), select: { id: true } }),
  }));

/** Takes a comment for review: other moderators leave it alone until the claim lapses. */
export const claimComment = (target: OnComment) => setCommentClaim(target, target.moderator);

/** Gives up a claim on a comment. */
export const unclaimComment = (target: OnComment) => setCommentClaim(target, null);

/** Publishes a held comment, or keeps a flagged one; its open flags are dismissed. */
export const approveComment = ({ commentId, moderator, reason = "" }: OnComment & { reason?: string }) =>
  actOnComment({ commentId, moderator }, (comment) => {
    checkReason(reason, false);
    if (comment.status !== "held" && comment.status !== "published")
      throw new ForumError("Only a held or flagged comment can be approved.", 409);
    return {
      // A held comment approved is new to the thread's readers, who saw only its place.
      tell: comment.status === "held" ? "published" : "changed",
      write: async (tx) => {
        await tx.comment.update({
          where: { id: commentId },
          data: { status: "published", holdReason: null, ...claimedBy(null) },
          select: { id: true },
        });
        await resolveFlags(tx, { commentId }, "dismissed");
        await log(tx, { action: "approve", commentId, moderatorId: moderator.id, publicReason: reason });
      },
    };
  });

/**
 * Takes a comment off its thread, leaving a tombstone that keeps its replies: "reject" (a held
 * comment, the reason optional), "remove" (with a reason, shown in its place) or "spam".
 */
function takeDown(
  { commentId, moderator, reason }: OnComment & { reason: string },
  action: "reject" | "remove" | "spam",
) {
  return actOnComment({ commentId, moderator }, (comment) => {
    checkReason(reason, action === "remove");
    if (comment.status === "deleted" || comment.status === "removed" || comment.status === "spam")
      throw new ForumError("This comment is already gone.", 409);
    const spam = action === "spam";
    const status: CommentStatus = spam ? "spam" : "removed";
    return {
      tell: "changed",
      write: async (tx) => {
        await tx.comment.update({
          where: { id: commentId },
          data: { status, removalReason: reason.trim() || (spam ? "spam" : null), ...claimedBy(null) },
          select: { id: true },
        });
        await resolveFlags(tx, { commentId }, "upheld");
        await log(tx, { action, commentId, moderatorId: moderator.id, publicReason: reason || (spam ? "spam" : null) });
      },
    };
  });
}

/** Refuses a held or flagged comment; the reason is optional. */
export const rejectComment = ({ reason = "", ...target }: OnComment & { reason?: string }) =>
  takeDown({ ...target, reason }, "reject");

/** Removes a comment for a reason every reader sees in its place and in the moderation log. */
export const removeComment = (args: OnComment & { reason: string }) => takeDown(args, "remove");

/** Removes a comment as spam. */
export const markSpam = ({ reason = "", ...target }: OnComment & { reason?: string }) =>
  takeDown({ ...target, reason }, "spam");

/** Blanks out every copy of `passage` in a comment (a name, an address), keeping the rest. */
export const redactComment = ({
  commentId,
  moderator,
  passage,
  reason = "",
}: OnComment & { passage: string; reason?: string }) =>
  actOnComment({ commentId, moderator }, (comment) => {
    if (passage.trim().length === 0)
      throw new ForumError("Copy the exact passage to redact into the box.", 400, "redact");
    if (!comment.bodyMarkdown.includes(passage))
      throw new ForumError("That passage is not in the comment's text (copy it exactly, as written).", 400, "redact");
    const body = comment.bodyMarkdown.split(passage).join("[redacted by a moderator]");
    return {
      tell: "changed",
      write: async (tx) => {
        await tx.comment.update({
          where: { id: commentId },
          data: { bodyMarkdown: body, bodyHtml: renderMarkdown(body), ...claimedBy(null) },
          select: { id: true },
        });
        await log(tx, {
          action: "redact",
          commentId,
          moderatorId: moderator.id,
          publicReason: reason || "part of the text revealed or endangered someone",
        });
      },
    };
  });

/**
 * Bans the writer of a comment by reference, for `days` or for good (null), and with `network`
 * their network's cloak too, for a week at most: the cloak's key is destroyed by then.
 */
export async function banWriter({
  commentId,
  moderator,
  days,
  network,
  reason = "",
}: OnComment & { days: number | null; network: boolean; reason?: string }) {
  const now = Date.now();
  await actOnComment({ commentId, moderator }, (comment) => {
    checkReason(reason, false);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_BAN_DAYS))
      throw new ForumError("Choose how long the ban lasts.", 400, "banDays");
    if (network && !comment.cloak)
      throw new ForumError(
        "This comment's network is no longer known (it is over a week old): ban the writer only.",
        409,
        "banNetwork",
      );
    return {
      tell: "changed",
      write: async (tx) => {
        const ban = { reason: reason.trim() || null };
        await tx.ban.create({
          data: {
            ...ban,
            authorRef: comment.authorRef,
            expiresAt: days === null ? null : new Date(now + days * DAY_MS),
          },
          select: { id: true },
        });
        if (network && comment.cloak) {
          const networkDays = Math.min(days ?? MAX_CLOAK_BAN_DAYS, MAX_CLOAK_BAN_DAYS);
          await tx.ban.create({
            data: { ...ban, cloak: comment.cloak, expiresAt: new Date(now + networkDays * DAY_MS) },
            select: { id: true },
          });
        }
        await log(tx, {
          action: "ban",
          commentId,
          moderatorId: moderator.id,
          publicReason: `${days === null ? "banned for good" : `banned for ${days} day(s)`}${reason.trim() ? `: ${reason.trim()}` : ""}`,
        });
      },
    };
  });
  // Every instance reads the bans in force afresh before its next comment.
  await publishSiteEvent();
}

type PostToModerate = { id: number; status: PostStatus; claimedById: number | null; claimedAt: Date | null };

/** As actOnComment, for a submitted, held or flagged post; every instance is told. */
async function actOnPost({ postId, moderator }: OnPost, act: (post: PostToModerate) => Change<"post">) {
  const found = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, status: true, claimedById: true, claimedAt: true },
  });
  if (!found) throw notFound("That post");
  const tell = await carryOut({ ...found, status: postStatus(found.status) }, moderator, act);
  if (tell) await publishThreadEvent({ postId, kind: tell });
}

/** Sets the claim on a post to `claimant`, or clears it; readers see no change. */
const setPostClaim = (target: OnPost, claimant: Moderator | null) =>
  actOnPost(target, () => ({
    tell: null,
    write: (tx) => tx.post.update({ where: { id: target.postId }, data: claimedBy(claimant), select: { id: true } }),
  }));

/** Takes a post for review: other moderators leave it alone until the claim lapses. */
export const claimPost = (target: OnPost) => setPostClaim(target, target.moderator);

/** Gives up a claim on a post. */
export const unclaimPost = (target: OnPost) => setPostClaim(target, null);

/** Publishes a submitted post, or puts back one hidden or flagged; its open flags are dismissed. */
export const approvePost = ({ postId, moderator, reason = "" }: OnPost & { reason?: string }) =>
  actOnPost({ postId, moderator }, (post) => {
    inQueue(post.status);
    checkReason(reason, false);
    const submitted = post.status === "submitted";
    return {
      tell: "post",
      write: async (tx) => {
        await tx.post.update({
          where: { id: postId },
          data: { status: "published", ...(submitted ? { publishedAt: new Date() } : {}), ...claimedBy(null) },
          select: { id: true },
        });
        await resolveFlags(tx, { postId }, "dismissed");
        await log(tx, {
          action: submitted ? "publish" : "approve",
          postId,
          moderatorId: moderator.id,
          publicReason: reason,
        });
      },
    };
  });

/** A post the queue can act on: submitted, hidden by flags, or published (flagged). Drafts and refused posts are the editors'. */
function inQueue(status: string) {
  if (status !== "submitted" && status !== "held" && status !== "published")
    throw new ForumError("Only a submitted, hidden or flagged post can be decided here.", 409);
}

/** Refuses a submitted post, or unpublishes one hidden or flagged, for a reason its writer is shown. */
export const rejectPost = ({ postId, moderator, reason }: OnPost & { reason: string }) =>
  actOnPost({ postId, moderator }, (post) => {
    inQueue(post.status);
    checkReason(reason, true);
    const submitted = post.status === "submitted";
    return {
      tell: "post",
      write: async (tx) => {
        await tx.post.update({
          where: { id: postId },
          data: {
            status: submitted ? "rejected" : "unpublished",
            rejectionReason: reason.trim(),
            pinned: false,
            ...claimedBy(null),
          },
          select: { id: true },
        });
        await resolveFlags(tx, { postId }, "upheld");
        await log(tx, {
          action: submitted ? "reject" : "unpublish",
          postId,
          moderatorId: moderator.id,
          publicReason: reason,
        });
      },
    };
  });

// ---------------------------------------------------------------------------------------
// Threads as a whole: slow mode, closing and reopening (now or at a set time), cooling, notes

/** Which thread a moderator acts on. */
type OnThread = { postId: number; moderator: Moderator };
type ThreadToModerate = ThreadControls & { id: number; title: string };

/** Longest staff note. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * The steps every action on a thread shares: finds the published post, lets `act` check what it
 * may do (throwing before anything is written), writes the change with its log row and tells
 * every instance, whose pages of the post are made again. No claim: a thread is not a queue item.
 */
async function actOnThread(
  { postId }: OnThread,
  act: (thread: ThreadToModerate) => (tx: Transaction) => Promise<unknown>,
) {
  const thread = await db.post.findFirst({
    where: { id: postId, status: "published" },
    select: { id: true, title: true, ...threadControlFields },
  });
  if (!thread) throw notFound("That thread");
  await write(act(thread));
  await publishThreadEvent({ postId, kind: "post" });
}

/** UTC, to the minute, as the log and the thread say it. */
const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Slow mode: each voice may comment on the thread once every `seconds` (null turns it off).
 * Turning it on needs a reason: readers are shown it.
 */
export const slowThread = ({
  postId,
  moderator,
  seconds,
  reason,
}: OnThread & { seconds: number | null; reason: string }) =>
  actOnThread({ postId, moderator }, (thread) => {
    checkReason(reason, seconds !== null);
    if (
      seconds !== null &&
      (!Number.isInteger(seconds) || seconds < MIN_SLOW_MODE_SECONDS || seconds > MAX_SLOW_MODE_SECONDS)
    )
      throw new ForumError("Choose how long each voice waits between two comments.", 400, "seconds");
    if (seconds === null && !thread.slowModeSeconds) throw new ForumError("Slow mode is not on in this thread.", 409);
    return async (tx) => {
      await tx.post.update({
        where: { id: postId },
        data:
          seconds === null
            ? { slowModeSeconds: null, slowModeSince: null, slowModeReason: null }
            : {
                slowModeSeconds: seconds,
                // Changing the wait keeps the time it came on.
                slowModeSince: thread.slowModeSince ?? new Date(),
                slowModeReason: reason.trim(),
              },
        select: { id: true },
      });
      const what = seconds === null ? "slow mode off" : `one comment every ${waitText(seconds)} per voice`;
      await log(tx, {
        action: "slow",
        postId,
        moderatorId: moderator.id,
        publicReason: reason.trim() ? `${what}: ${reason.trim()}` : what,
      });
    };
  });

/** Closes the thread now, for a reason its readers are shown. A close set in advance is dropped. */
export const closeThread = ({ postId, moderator, reason }: OnThread & { reason: string }) =>
  actOnThread({ postId, moderator }, (thread) => {
    checkReason(reason, true);
    if (!isOpenAt(thread, new Date())) throw new ForumError("This thread is already closed.", 409);
    return async (tx) => {
      await tx.post.update({
        where: { id: postId },
        data: { commentsOpen: false, closedReason: reason.trim(), closesAt: null, ...pastOnly("reopensAt", thread) },
        select: { id: true },
      });
      await log(tx, { action: "close", postId, moderatorId: moderator.id, publicReason: reason });
    };
  });

/** Reopens the thread now. A reopening set in advance is dropped. */
export const reopenThread = ({ postId, moderator, reason = "" }: OnThread & { reason?: string }) =>
  actOnThread({ postId, moderator }, (thread) => {
    checkReason(reason, false);
    if (isOpenAt(thread, new Date())) throw new ForumError("This thread is open already.", 409);
    return async (tx) => {
      await tx.post.update({
        where: { id: postId },
        data: { commentsOpen: true, closedReason: null, reopensAt: null, ...pastOnly("closesAt", thread) },
        select: { id: true },
      });
      await log(tx, { action: "reopen", postId, moderatorId: moderator.id, publicReason: reason });
    };
  });

/** A time set in advance that has passed says nothing more once the thread is opened or closed by hand. */
function pastOnly(field: "closesAt" | "reopensAt", thread: ThreadControls) {
  const at = thread[field];
  return at && at <= new Date() ? { [field]: null } : {};
}

/**
 * Sets when the thread closes and when it reopens by itself (either may be null: none). Both
 * must lie ahead, within MAX_SCHEDULE_DAYS. Every instance shows the change at its time.
 */
export const scheduleThread = ({
  postId,
  moderator,
  closesAt,
  reopensAt,
  reason,
}: OnThread & { closesAt: Date | null; reopensAt: Date | null; reason: string }) =>
  actOnThread({ postId, moderator }, (thread) => {
    const now = new Date();
    for (const [at, field] of [
      [closesAt, "closesAt"],
      [reopensAt, "reopensAt"],
    ] as const) {
      if (at && (Number.isNaN(at.getTime()) || at <= now))
        throw new ForumError("Choose a time that is still to come (times are UTC).", 400, field);
      if (at && at.getTime() - now.getTime() > MAX_SCHEDULE_DAYS * 24 * 3600_000)
        throw new ForumError(`Choose a time within ${MAX_SCHEDULE_DAYS} days.`, 400, field);
    }
    checkReason(reason, closesAt !== null);
    const open = isOpenAt(thread, now);
    if (!closesAt && !reopensAt && !thread.closesAt && !thread.reopensAt)
      throw new ForumError("Choose when the thread closes or reopens.", 400, "closesAt");
    return async (tx) => {
      await tx.post.update({
        where: { id: postId },
        // What has already passed is settled first, so only the times ahead decide from now on.
        data: {
          commentsOpen: open,
          closesAt,
          reopensAt,
          ...(closesAt ? { closedReason: reason.trim() } : {}),
        },
        select: { id: true },
      });
      const plan = [
        closesAt ? `closes at ${utc(closesAt)}` : null,
        reopensAt ? `reopens at ${utc(reopensAt)}` : null,
      ].filter(Boolean);
      const what = plan.length ? plan.join("; ") : "no close or reopening set";
      await log(tx, {
        action: "schedule",
        postId,
        moderatorId: moderator.id,
        publicReason: reason.trim() ? `${what}: ${reason.trim()}` : what,
      });
    };
  });

/** Holds the thread's new comments for review from now until a moderator ends it. */
export const coolThread = ({ postId, moderator, reason }: OnThread & { reason: string }) =>
  actOnThread({ postId, moderator }, (thread) => {
    checkReason(reason, true);
    if (thread.coolingSince) throw new ForumError("New comments on this thread are already held.", 409);
    return async (tx) => {
      await tx.post.update({
        where: { id: postId },
        data: { coolingSince: new Date(), coolingReason: reason.trim() },
        select: { id: true },
      });
      await log(tx, { action: "cool", postId, moderatorId: moderator.id, publicReason: reason });
    };
  });

/** A moderator has looked: the thread's new comments are published again as the other rules say. */
export const endCooling = ({ postId, moderator, reason = "" }: OnThread & { reason?: string }) =>
  actOnThread({ postId, moderator }, (thread) => {
    checkReason(reason, false);
    if (!thread.coolingSince) throw new ForumError("New comments on this thread are not held.", 409);
    return async (tx) => {
      await tx.post.update({
        where: { id: postId },
        data: { coolingSince: null, coolingReason: null },
        select: { id: true },
      });
      await log(tx, { action: "warm", postId, moderatorId: moderator.id, publicReason: reason });
    };
  });

/**
 * A note for staff under a comment of the thread (or on the thread, without `commentId`). Kept
 * in its own table, read only by staff-only requests; the log says a note was written, never what.
 */
export async function writeModeratorNote({
  postId,
  commentId,
  moderator,
  body,
}: OnThread & { commentId: number | null; body: string }) {
  const text = body.trim();
  if (text.length === 0) throw new ForumError("Write the note first.", 400, "body");
  if ([...text].length > MAX_NOTE_LENGTH)
    throw new ForumError(
      `A note can be at most ${MAX_NOTE_LENGTH.toLocaleString("en-GB")} characters long.`,
      400,
      "body",
    );
  const thread = await db.post.findFirst({ where: { id: postId, status: "published" }, select: { id: true } });
  if (!thread) throw notFound("That thread");
  if (commentId !== null) {
    const comment = await db.comment.findFirst({ where: { id: commentId, postId }, select: { id: true } });
    if (!comment) throw new ForumError("That comment is not in this thread.", 404, "commentId");
  }
  return write(async (tx) => {
    const note = await tx.moderatorNote.create({
      data: { postId, commentId, authorId: moderator.id, body: text },
      select: { id: true },
    });
    await log(tx, {
      action: "note",
      ...(commentId !== null ? { commentId } : { postId }),
      moderatorId: moderator.id,
    });
    return note;
  });
}

/** The staff notes of a thread, oldest first, with who wrote them: for staff-only requests alone. */
export async function moderatorNotesIn({ postId }: { postId: number }) {
  const notes = await db.moderatorNote.findMany({
    where: { postId },
    orderBy: { id: "asc" },
    take: 500,
    select: { id: true, commentId: true, body: true, createdAt: true, author: { select: { username: true } } },
  });
  return notes.map((n) => ({
    id: n.id,
    commentId: n.commentId,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    author: n.author?.username ?? "a former moderator",
  }));
}

// ---------------------------------------------------------------------------------------
// The log

/** The moderation log, newest first. Moderator names only for staff. */
export async function getModerationLog({ forStaff, page = 1 }: { forStaff: boolean; page?: number }) {
  const PER_PAGE = 50;
  const rows = await db.moderationAction.findMany({
    orderBy: { id: "desc" },
    skip: (Math.max(1, page) - 1) * PER_PAGE,
    take: PER_PAGE + 1,
    select: {
      id: true,
      action: true,
      publicReason: true,
      note: forStaff,
      createdAt: true,
      moderator: forStaff ? { select: { username: true } } : false,
      comment: { select: { id: true, post: { select: { slug: true, title: true, status: true } } } },
      post: { select: { slug: true, title: true, status: true } },
    },
  });
  return {
    entries: rows.slice(0, PER_PAGE).map((r) => {
      const post = r.comment?.post ?? r.post;
      return {
        id: r.id,
        action: moderationAction(r.action),
        publicReason: r.publicReason,
        note: forStaff ? ((r as { note?: string | null }).note ?? null) : null,
        moderator: forStaff
          ? ((r as { moderator?: { username: string } | null }).moderator?.username ?? "a former moderator")
          : null,
        createdAt: r.createdAt.toISOString(),
        item: r.comment ? "comment" : "post",
        link:
          post && post.status === "published"
            ? r.comment
              ? `/posts/${post.slug}/comments/${r.comment.id}`
              : `/posts/${post.slug}`
            : null,
        postTitle: post && (post.status === "published" || forStaff) ? post.title : null,
      };
    }),
    page: Math.max(1, page),
    hasMore: rows.length > PER_PAGE,
  };
}
