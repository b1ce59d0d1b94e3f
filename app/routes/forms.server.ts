// The schemas of the forms the routes read, one a form (read with parseForm, app/lib/forms.server.ts).
// Server-only: a route module's own code goes to the browser too, and zod has no place there.
import { z } from "zod";
import { idField, type FormText } from "~/lib/forms.server";
import { SIGNUP_MODES } from "~/models/settings.server";
import { ROLES } from "~/models/users.server";
import { voiceChoiceOf } from "~/models/voices.server";
import { SEARCH_SORTS } from "~/models/search.server";

// ---------------------------------------------------------------------------------------------
// Threads: a comment, a reply, an edit, a deletion, a flag (app/routes/thread-action.server.ts)

const ID = /^\d{1,9}$/;

export const ThreadFormSchema = z.object({
  intent: z.enum(["comment", "edit", "delete", "flag"]),
  body: z.string().default(""),
  voice: z.string().default("anonymous"),
  name: z.string().default(""),
  parentId: z
    .string()
    .default("")
    .transform((v, ctx) => {
      if (v.trim() === "") return null;
      if (ID.test(v.trim())) return Number(v.trim());
      ctx.addIssue({ code: "custom", message: "The comment you are replying to is not in this thread." });
      return z.NEVER;
    }),
  // Not an id: no such comment, answered 404 by the intents that need one.
  commentId: z
    .string()
    .trim()
    .transform((v) => (ID.test(v) ? Number(v) : null))
    .default(null),
  js: z.string().optional(),
  formToken: z.string().optional(),
  reason: z.string().default(""),
  note: z.string().default(""),
  target: z.enum(["comment", "post"]).default("comment"),
});

/** A thread form's text as typed, to show again when it is refused or goes unanswered. */
export type CommentFormValues = FormText<typeof ThreadFormSchema>;

// ---------------------------------------------------------------------------------------------
// Posts: a member's submission, an editor's new post, an editor's changes

/** A ticked checkbox sends "on"; an unticked one sends nothing. */
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

export const PostFormSchema = z.object({
  title: z.string().default(""),
  body: z.string().default(""),
  suggestedTags: z.string().default(""),
  // Posts are signed by the member, a pen name or anonymously; free pseudonyms are for comments.
  voice: z
    .string()
    .default("")
    .transform((v) => {
      const choice = voiceChoiceOf(v);
      return choice.kind === "pseudonym" ? ({ kind: "anonymous" } as const) : choice;
    }),
  pinned: checkbox,
  formToken: z.string().optional(),
});

export type PostFormValues = FormText<typeof PostFormSchema>;

export const EditorPostSchema = PostFormSchema.pick({ title: true, body: true }).extend({
  intent: z.enum([
    "edit",
    "publish",
    "reject",
    "unpublish",
    "pin",
    "unpin",
    "close-comments",
    "open-comments",
    "add-tag",
    "remove-tag",
  ]),
  reason: z.string().default(""),
  tag: z.string().default(""),
});

// ---------------------------------------------------------------------------------------------
// Accounts and what a reader follows

export const LoginSchema = z.object({
  username: z.string().default(""),
  password: z.string().default(""),
  redirectTo: z.string().default(""),
});

export const JoinSchema = z.object({
  username: z.string().default(""),
  password: z.string().default(""),
  inviteCode: z.string().default(""),
  redirectTo: z.string().default(""),
});

export const AccountSchema = z.object({
  intent: z.enum(["add-pen-name", "remove-pen-name", "sign-out-everywhere"]),
  name: z.string().default(""),
  penNameId: idField,
});

export const FollowSchema = z.object({
  intent: z.enum(["follow-post", "unfollow-post", "follow-tag", "unfollow-tag"]),
  postId: idField,
  tagId: idField,
  redirectTo: z.string().default(""),
});

export const ReplyFeedSchema = z.object({ intent: z.enum(["create-feed", "revoke-feed"]) });

// ---------------------------------------------------------------------------------------------
// Staff: the glossary, the moderation queue, accounts, invites, settings, rules

export const GlossaryFormSchema = z.object({
  name: z.string().default(""),
  description: z.string().default(""),
  patterns: z.string().default(""),
});
export const NewTagSchema = GlossaryFormSchema.extend({ intent: z.literal("create") });
export const TagSchema = GlossaryFormSchema.extend({ intent: z.enum(["update", "delete"]) });

// Beside these, each item's own fields: `reason:c:12`, `redact:c:12`, `banDays:c:12`, `banNetwork:c:12`.
export const ModerationQueueSchema = z.looseObject({
  single: z.string().default(""),
  selected: z.array(z.string()),
  bulkAction: z.string().default(""),
  bulkReason: z.string().default(""),
});

const CHOOSE_A_ROLE = "Choose one of the roles.";

export const AccountsAdminSchema = z
  .object({
    intent: z.enum(["role", "suspend", "restore", "temporary-password"]),
    userId: idField,
    role: z.enum(ROLES, { error: CHOOSE_A_ROLE }).optional(),
  })
  .refine((form) => form.intent !== "role" || form.role !== undefined, { path: ["role"], error: CHOOSE_A_ROLE });

export const InviteSchema = z.object({ intent: z.enum(["create", "revoke"]), inviteId: idField });

const text = z.string().default("");
const CHOOSE_WHO_JOINS = "Choose who may join.";
/** The settings page's forms: the forum's name and description, its logo, who may join. */
export const SettingsSchema = z
  .object({
    intent: z.enum(["forum", "logo", "remove-logo", "join"]),
    name: text,
    description: text,
    signupMode: z.enum(SIGNUP_MODES, { error: CHOOSE_WHO_JOINS }).optional(),
  })
  .refine((form) => form.intent !== "join" || form.signupMode !== undefined, {
    path: ["signupMode"],
    error: CHOOSE_WHO_JOINS,
  });

export const RulesSchema = z.object({
  watchedWords: text,
  maxLinks: text,
  holdFirstContribution: text,
  holdAfterDays: text,
  burstCount: text,
  burstMinutes: text,
  flagThreshold: text,
  coolingCount: text,
  coolingMinutes: text,
});

// ---------------------------------------------------------------------------------------------
// A thread's moderation tools (app/routes/moderation.threads.$slug.tsx)

/** A time typed as "YYYY-MM-DD HH:MM" (what a datetime-local field sends, with a T), read as UTC; empty: none. */
const utcTime = z
  .string()
  .trim()
  .default("")
  .transform((v, ctx) => {
    if (v === "") return null;
    const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(v);
    const at = match ? new Date(`${match[1]}T${match[2]}:00Z`) : null;
    // A day the month does not have (31 February) is refused, not carried into the next month.
    if (at && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(`${match![1]}T${match![2]}`)) return at;
    ctx.addIssue({ code: "custom", message: "Write the time as YYYY-MM-DD HH:MM (UTC), such as 2026-12-08 22:00." });
    return z.NEVER;
  });

export const ThreadToolsSchema = z.object({
  intent: z.enum(["slow", "slow-off", "close", "reopen", "schedule", "cool", "warm", "note"]),
  seconds: z
    .string()
    .trim()
    .default("")
    .transform((v) => (/^\d{1,6}$/.test(v) ? Number(v) : 0)),
  reason: z.string().default(""),
  closesAt: utcTime,
  reopensAt: utcTime,
  // A note under a comment, or on the thread when empty.
  commentId: z
    .string()
    .trim()
    .default("")
    .transform((v) => (v === "" ? null : ID.test(v) ? Number(v) : 0)),
  body: z.string().default(""),
  /** Where to go once done (the comment's page a note was written on). */
  back: z.string().default(""),
});
export type ThreadToolsValues = FormText<typeof ThreadToolsSchema>;

export const TakeBackSchema = z.object({
  scope: z.enum(["thread", "everywhere"], { error: "Choose what to take back." }),
  post: z.string().default(""),
  confirm: z.literal("yes", { error: "Tick the box to confirm: this cannot be undone." }),
});

// ---------------------------------------------------------------------------------------------
// Search: the fields of the search form, read from its address (app/routes/search-request.server.ts)

/** A day of a date field ("2026-12-08"), or null when left empty. */
const day = z
  .string()
  .trim()
  .default("")
  .transform((v, ctx) => {
    if (v === "") return null;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
    if (date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v)) return date;
    ctx.addIssue({ code: "custom", message: "Give a day as year-month-day (2026-12-08), or leave it empty." });
    return z.NEVER;
  });

/** Any text: a search is never refused for what it says. Only NUL, which no database keeps, is dropped. */
const searchText = z
  .string()
  .default("")
  .transform((v) => v.replaceAll("\u0000", "").trim());

export const SearchSchema = z.object({
  q: searchText,
  sort: z.enum(SEARCH_SORTS).catch("best"),
  tag: searchText,
  post: searchText,
  from: day,
  to: day,
  voice: searchText,
  status: searchText,
});

/** The search form's fields as typed, to show again above the results or a refusal. */
export type SearchFormValues = FormText<typeof SearchSchema>;
