// What a thread's moderation state means at a given moment: whether it takes comments (a close
// or reopening set in advance takes effect by itself at its time, on every instance, since it is
// read from the post's row), and what its readers are told. No server code: pages show it.

/** The columns of a post that say how its thread is moderated. */
export const threadControlFields = {
  commentsOpen: true,
  closesAt: true,
  reopensAt: true,
  closedReason: true,
  slowModeSeconds: true,
  slowModeSince: true,
  slowModeReason: true,
  coolingSince: true,
  coolingReason: true,
} as const;

export type ThreadControls = {
  commentsOpen: boolean;
  closesAt: Date | null;
  reopensAt: Date | null;
  closedReason: string | null;
  slowModeSeconds: number | null;
  slowModeSince: Date | null;
  slowModeReason: string | null;
  coolingSince: Date | null;
  coolingReason: string | null;
};

/** Slow mode's shortest and longest wait between two comments of one voice. */
export const MIN_SLOW_MODE_SECONDS = 10;
export const MAX_SLOW_MODE_SECONDS = 24 * 3600;
/** The waits the moderators' form offers. */
export const SLOW_MODE_CHOICES = [30, 60, 120, 300, 600, 1800, 3600] as const;
/** How far ahead a close or reopening may be set. */
export const MAX_SCHEDULE_DAYS = 60;

type Schedule = Pick<ThreadControls, "commentsOpen" | "closesAt" | "reopensAt">;

/**
 * Whether the thread takes comments at `now`: as `commentsOpen` says, unless a close or a
 * reopening set in advance has come, in which case the latest of those that came decides.
 */
export function isOpenAt(thread: Schedule, now: Date): boolean {
  const passed = [
    { at: thread.closesAt, open: false },
    { at: thread.reopensAt, open: true },
  ]
    .filter((change): change is { at: Date; open: boolean } => change.at !== null && change.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return passed.length ? passed[passed.length - 1].open : thread.commentsOpen;
}

/** The next time the thread opens or closes by itself, if one is set. */
export function nextChangeAfter(thread: Schedule, now: Date): Date | null {
  const ahead = [thread.closesAt, thread.reopensAt].filter((at): at is Date => at !== null && at > now);
  return ahead.length ? new Date(Math.min(...ahead.map((at) => at.getTime()))) : null;
}

/** How long `seconds` reads: "30 seconds", "2 minutes", "1 hour". */
export function waitText(seconds: number): string {
  const [n, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, "hour"]
      : seconds % 60 === 0
        ? [seconds / 60, "minute"]
        : [seconds, "second"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** What a thread's readers are told about how it is moderated now (ISO times, for the page's data). */
export type ThreadNotice = {
  open: boolean;
  closedReason: string | null;
  /** The next close (when open) or reopening (when closed), set in advance. */
  closesAt: string | null;
  reopensAt: string | null;
  slowMode: { seconds: number; since: string; reason: string | null } | null;
  cooling: { since: string; reason: string | null } | null;
};

export function threadNotice(thread: ThreadControls, now: Date): ThreadNotice {
  const open = isOpenAt(thread, now);
  const ahead = (at: Date | null) => (at && at > now ? at.toISOString() : null);
  return {
    open,
    closedReason: thread.closedReason,
    closesAt: open ? ahead(thread.closesAt) : null,
    reopensAt: open ? null : ahead(thread.reopensAt),
    slowMode: thread.slowModeSeconds
      ? {
          seconds: thread.slowModeSeconds,
          since: (thread.slowModeSince ?? now).toISOString(),
          reason: thread.slowModeReason,
        }
      : null,
    cooling: thread.coolingSince ? { since: thread.coolingSince.toISOString(), reason: thread.coolingReason } : null,
  };
}
