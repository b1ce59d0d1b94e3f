// Where the forum is heating up: the moderators' overview of the threads active in the last
// hours, with their comments and flags hour by hour, what waits for review there and how the
// thread is moderated now. Staff only; it names no writer.
import { db } from "~/lib/db.server";
import { COMMENT_STATUSES } from "./statuses";
import { threadControlFields, threadNotice, type ThreadNotice } from "./thread-state";

/** How many hours the overview looks back, and the most it may. */
export const OVERVIEW_HOURS = 6;
export const MAX_OVERVIEW_HOURS = 48;
/** The threads it shows, busiest first. */
const OVERVIEW_THREADS = 30;
/** At most this many comments and flags are counted (a strike night is a few thousand an hour). */
const MAX_COUNTED = 50_000;
/** A flag counts as much as this many comments towards a thread's heat. */
const FLAG_HEAT = 5;

const HOUR_MS = 3600_000;

export type HeatedThread = {
  id: number;
  slug: string;
  title: string;
  /** Per hour, oldest first; the last is the hour just past. */
  commentsPerHour: number[];
  flagsPerHour: number[];
  held: number;
  /** When the item waiting longest was written. */
  oldestWait: string | null;
  notice: ThreadNotice;
};

/** The threads with comments, flags or held items in the last `hours`, or moderated as a whole now. */
export async function heatedThreads({ hours = OVERVIEW_HOURS, now = new Date() } = {}): Promise<HeatedThread[]> {
  const span = Math.min(Math.max(1, Math.floor(hours)), MAX_OVERVIEW_HOURS);
  const since = new Date(now.getTime() - span * HOUR_MS);
  const [comments, flags, held, controlled] = await Promise.all([
    // By status, so the (status, createdAt) index reads only the window.
    db.comment.findMany({
      where: { status: { in: [...COMMENT_STATUSES] }, createdAt: { gt: since } },
      select: { postId: true, createdAt: true },
      take: MAX_COUNTED,
    }),
    db.flag.findMany({
      where: { createdAt: { gt: since }, commentId: { not: null } },
      select: { createdAt: true, comment: { select: { postId: true } } },
      take: MAX_COUNTED,
    }),
    db.comment.groupBy({
      by: ["postId"],
      where: { status: "held" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    db.post.findMany({
      where: {
        status: "published",
        OR: [
          { slowModeSeconds: { not: null } },
          { coolingSince: { not: null } },
          { closesAt: { gt: now } },
          { reopensAt: { gt: now } },
        ],
      },
      select: { id: true },
    }),
  ]);
  const hourOf = (at: Date) => Math.min(span - 1, Math.floor((at.getTime() - since.getTime()) / HOUR_MS));
  const perHour = new Map<number, { comments: number[]; flags: number[] }>();
  const countsOf = (postId: number) => {
    let counts = perHour.get(postId);
    if (!counts)
      perHour.set(postId, (counts = { comments: Array<number>(span).fill(0), flags: Array<number>(span).fill(0) }));
    return counts;
  };
  for (const c of comments) countsOf(c.postId).comments[hourOf(c.createdAt)]++;
  for (const f of flags) if (f.comment) countsOf(f.comment.postId).flags[hourOf(f.createdAt)]++;
  const waiting = new Map(held.map((h) => [h.postId, { count: h._count._all, oldest: h._min.createdAt }]));
  const ids = [...new Set([...perHour.keys(), ...waiting.keys(), ...controlled.map((p) => p.id)])];
  const posts = await db.post.findMany({
    where: { id: { in: ids }, status: "published" },
    select: { id: true, slug: true, title: true, ...threadControlFields },
  });
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const heat = (t: HeatedThread) =>
    sum(t.commentsPerHour) + FLAG_HEAT * sum(t.flagsPerHour) + t.held + (t.notice.cooling ? 1000 : 0);
  return posts
    .map((post): HeatedThread => {
      const counts = perHour.get(post.id) ?? {
        comments: Array<number>(span).fill(0),
        flags: Array<number>(span).fill(0),
      };
      const wait = waiting.get(post.id);
      return {
        id: post.id,
        slug: post.slug,
        title: post.title,
        commentsPerHour: counts.comments,
        flagsPerHour: counts.flags,
        held: wait?.count ?? 0,
        oldestWait: wait?.oldest?.toISOString() ?? null,
        notice: threadNotice(post, now),
      };
    })
    .sort((a, b) => heat(b) - heat(a))
    .slice(0, OVERVIEW_THREADS);
}
