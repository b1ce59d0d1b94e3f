// The moderation rules admins edit: watched words and automatic holds. Stored as one JSON
// setting, validated on the way in and on the way out.
import { z } from "zod";
import { db, write } from "~/lib/db.server";
import { publishSiteEvent } from "~/lib/live.server";
import { siteCached } from "~/lib/site-cache.server";
import { ForumError } from "./errors.server";

export const WATCH_ACTIONS = ["block", "hold", "flag", "tag"] as const;

const WatchedWord = z.object({
  phrase: z
    .string()
    .trim()
    .min(2, "A watched word needs at least two characters.")
    .max(80, "A watched word can be at most 80 characters long."),
  action: z.enum(WATCH_ACTIONS),
  /** For "tag": the glossary tag to add. */
  tag: z.string().trim().max(40).optional(),
});

export const ModerationRulesSchema = z.object({
  watchedWords: z.array(WatchedWord).max(500, "At most 500 watched words."),
  /** Hold a comment with more links than this (null: no limit). */
  maxLinks: z.number().int().min(0).max(100).nullable(),
  /** Hold the first contribution of a voice never seen before. */
  holdFirstContribution: z.boolean(),
  /** Hold comments on threads with no comment (or, with none, a post) for this many days (null: never). */
  holdAfterDays: z.number().int().min(1).max(3650).nullable(),
  /** Hold a voice's comment when it already wrote `count` comments in the last `minutes`. */
  burst: z.object({ count: z.number().int().min(1).max(1000), minutes: z.number().int().min(1).max(1440) }).nullable(),
  /** The weighted flag score at which an item is hidden pending review. */
  flagThreshold: z.number().min(1).max(100),
  /**
   * Cooling: when a thread's comments get `count` "reveals identity" or abuse flags within
   * `minutes`, its new comments are held for review until a moderator looks (null: never).
   * Rules saved before cooling existed get the default.
   */
  cooling: z
    .object({ count: z.number().int().min(2).max(1000), minutes: z.number().int().min(1).max(1440) })
    .nullable()
    .default({ count: 5, minutes: 10 }),
});

export type ModerationRules = z.infer<typeof ModerationRulesSchema>;

export const DEFAULT_RULES: ModerationRules = {
  watchedWords: [],
  maxLinks: 4,
  holdFirstContribution: false,
  holdAfterDays: 60,
  burst: { count: 10, minutes: 5 },
  flagThreshold: 3,
  cooling: { count: 5, minutes: 10 },
};

const KEY = "moderationRules";

async function readModerationRules(): Promise<ModerationRules> {
  const row = await db.setting.findUnique({ where: { key: KEY }, select: { value: true } });
  if (!row) return DEFAULT_RULES;
  try {
    const parsed = ModerationRulesSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_RULES;
  } catch {
    return DEFAULT_RULES;
  }
}

/** The rules in force. Every comment needs them, so they are kept until they change (on any instance). */
export const getModerationRules = siteCached(readModerationRules);

export async function setModerationRules(rules: unknown) {
  const parsed = ModerationRulesSchema.safeParse(rules);
  if (!parsed.success) throw new ForumError(parsed.error.issues[0]?.message ?? "Those rules are not valid.", 400);
  const value = JSON.stringify(parsed.data);
  await write((tx) =>
    tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value }, select: { key: true } }),
  );
  // Every instance drops its copy of the rules.
  await publishSiteEvent();
  return parsed.data;
}

/** Lower-case words of a text, for matching watched words: linear in the text's length. */
function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFKC")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The watched words a text contains (whole words, case-insensitive, phrases as word runs). */
export function watchedWordsIn(text: string, watched: ModerationRules["watchedWords"]) {
  const haystack = ` ${words(text).join(" ")} `;
  return watched.filter((w) => {
    const needle = words(w.phrase).join(" ");
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}

export function countLinks(html: string): number {
  return (html.match(/<a\s/g) ?? []).length;
}

/** Parses the admins' rules form (one watched word a line: `action: phrase` or `tag:NAME: phrase`). */
export function rulesFromForm(fields: {
  watchedWords: string;
  maxLinks: string;
  holdFirstContribution: string;
  holdAfterDays: string;
  burstCount: string;
  burstMinutes: string;
  flagThreshold: string;
  coolingCount: string;
  coolingMinutes: string;
}): unknown {
  const optionalInt = (v: string) => (v.trim() === "" ? null : Number(v));
  const watchedWords = fields.watchedWords
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const tagged = /^tag:([\w-]+):\s*(.+)$/i.exec(line);
      if (tagged) return { action: "tag", tag: tagged[1], phrase: tagged[2] };
      const match = /^(block|hold|flag):\s*(.+)$/i.exec(line);
      if (!match)
        throw new ForumError(
          `Watched words are written "block: word", "hold: word", "flag: word" or "tag:NAME: word" (not "${line.slice(0, 60)}").`,
          400,
        );
      return { action: match[1].toLowerCase(), phrase: match[2] };
    });
  const burstCount = optionalInt(fields.burstCount);
  const burstMinutes = optionalInt(fields.burstMinutes);
  const coolingCount = optionalInt(fields.coolingCount);
  const coolingMinutes = optionalInt(fields.coolingMinutes);
  return {
    watchedWords,
    maxLinks: optionalInt(fields.maxLinks),
    holdFirstContribution: fields.holdFirstContribution === "on",
    holdAfterDays: optionalInt(fields.holdAfterDays),
    burst: burstCount === null || burstMinutes === null ? null : { count: burstCount, minutes: burstMinutes },
    flagThreshold: Number(fields.flagThreshold),
    cooling: coolingCount === null || coolingMinutes === null ? null : { count: coolingCount, minutes: coolingMinutes },
  };
}

export function rulesToForm(rules: ModerationRules) {
  return {
    watchedWords: rules.watchedWords
      .map((w) => (w.action === "tag" ? `tag:${w.tag}: ${w.phrase}` : `${w.action}: ${w.phrase}`))
      .join("\n"),
    maxLinks: rules.maxLinks === null ? "" : String(rules.maxLinks),
    holdFirstContribution: rules.holdFirstContribution,
    holdAfterDays: rules.holdAfterDays === null ? "" : String(rules.holdAfterDays),
    burstCount: rules.burst ? String(rules.burst.count) : "",
    burstMinutes: rules.burst ? String(rules.burst.minutes) : "",
    flagThreshold: String(rules.flagThreshold),
    coolingCount: rules.cooling ? String(rules.cooling.count) : "",
    coolingMinutes: rules.cooling ? String(rules.cooling.minutes) : "",
  };
}
