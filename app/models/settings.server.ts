// Site settings that admins change: stored as JSON by key, validated by their readers.
import { createHash } from "node:crypto";
import { db, write } from "~/lib/db.server";
import { publishSiteEvent } from "~/lib/live.server";
import { siteCached } from "~/lib/site-cache.server";
import { DatabaseUnavailable, ForumError } from "./errors.server";

export const SIGNUP_MODES = ["open", "invite", "closed"] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

async function readSetting<T>(key: string, fallback: T, valid: (v: unknown) => v is T): Promise<T> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  if (!row) return fallback;
  try {
    const value: unknown = JSON.parse(row.value);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

async function writeSetting(key: string, value: unknown) {
  const json = JSON.stringify(value);
  await write((tx) =>
    tx.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json }, select: { key: true } }),
  );
}

const isSignupMode = (v: unknown): v is SignupMode =>
  typeof v === "string" && (SIGNUP_MODES as readonly string[]).includes(v);

export const getSignupMode = () => readSetting<SignupMode>("signupMode", "open", isSignupMode);
export const setSignupMode = (mode: SignupMode) => writeSetting("signupMode", mode);

// ---------------------------------------------------------------------------------------
// The forum itself: its name, a line about it and its logo, shown on every page and feed.
// Every page is kept by the page cache, so a change is published as a "site" event, which
// drops every kept page and value on every instance.

export const DEFAULT_FORUM_NAME = "Picket";
export const MAX_FORUM_NAME_LENGTH = 60;
export const MAX_FORUM_DESCRIPTION_LENGTH = 200;
/** A logo is a small mark for the header and the browser's tab, not a banner. */
export const MAX_LOGO_BYTES = 256 * 1024;

/** What every page shows of the forum. `logo`: the address of its logo, or null for Picket's mark. */
export type Forum = { name: string; description: string; logo: string | null };
type StoredForum = { name: string; description: string };
/** A logo as stored: its type, checked from its bytes, and the bytes in base64. */
type StoredLogo = { type: string; data: string };
export type Logo = { type: string; bytes: Buffer; version: string };

const isStoredForum = (v: unknown): v is StoredForum =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as StoredForum).name === "string" &&
  typeof (v as StoredForum).description === "string";
const isStoredLogo = (v: unknown): v is StoredLogo =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as StoredLogo).type === "string" &&
  typeof (v as StoredLogo).data === "string";

/** The logo in force, kept in memory until it changes (on any instance). */
export const getLogo = siteCached(async (): Promise<Logo | null> => {
  const stored = await readSetting<StoredLogo | null>("logo", null, (v): v is StoredLogo | null => isStoredLogo(v));
  if (!stored) return null;
  const bytes = Buffer.from(stored.data, "base64");
  return { type: stored.type, bytes, version: createHash("sha256").update(bytes).digest("base64url").slice(0, 12) };
});

/** The forum's name, description and logo address, kept in memory until they change. */
export const getForum = siteCached(async (): Promise<Forum> => {
  const [stored, logo] = await Promise.all([
    readSetting<StoredForum>("forum", { name: DEFAULT_FORUM_NAME, description: "" }, isStoredForum),
    getLogo(),
  ]);
  return { ...stored, logo: logo ? `/logo?v=${logo.version}` : null };
});

/** For a read of the forum that met an away database: Picket's own name, so the page can still answer. */
export function unnamedWhenAway(error: unknown): Forum {
  if (error instanceof DatabaseUnavailable) return { name: DEFAULT_FORUM_NAME, description: "", logo: null };
  throw error;
}

/** Names the forum and says what it is; both are trimmed, the name is needed. */
export async function setForum({ name, description }: { name: string; description: string }) {
  const forum = { name: name.trim().replace(/\s+/g, " "), description: description.trim().replace(/\s+/g, " ") };
  if (forum.name.length === 0) throw new ForumError("Give the forum a name.", 400, "name");
  if ([...forum.name].length > MAX_FORUM_NAME_LENGTH)
    throw new ForumError(`A forum's name can be at most ${MAX_FORUM_NAME_LENGTH} characters long.`, 400, "name");
  if ([...forum.description].length > MAX_FORUM_DESCRIPTION_LENGTH)
    throw new ForumError(
      `The description can be at most ${MAX_FORUM_DESCRIPTION_LENGTH} characters long.`,
      400,
      "description",
    );
  await writeSetting("forum", forum);
  await publishSiteEvent();
}

/** The image types a logo may be, told by their first bytes (never by the name or type a browser sends). */
const IMAGE_SIGNATURES: { type: string; matches: (b: Buffer) => boolean }[] = [
  {
    type: "image/png",
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", matches: (b) => /^GIF8[79]a/.test(b.toString("latin1", 0, 6)) },
  {
    type: "image/webp",
    matches: (b) => b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP",
  },
  { type: "image/x-icon", matches: (b) => b.readUInt32BE(0) === 0x00000100 },
];

/**
 * What an SVG may not carry: scripts, event handlers, links and anything loaded from elsewhere
 * (the forum makes no request to another site), or XML entities.
 */
const UNSAFE_SVG =
  /<script|<foreignobject|<iframe|<embed|<object|<!entity|<!doctype|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*(?!["']?\s*#)|url\(\s*(?!["']?\s*#)|@import/i;

/** The type of a logo's bytes, or why it is refused. */
export function logoType(bytes: Buffer): string {
  if (bytes.length === 0) throw new ForumError("Choose an image file to upload.", 400, "logo");
  if (bytes.length > MAX_LOGO_BYTES)
    throw new ForumError(
      `A logo can be at most ${MAX_LOGO_BYTES / 1024} KB (this one is ${Math.ceil(bytes.length / 1024)} KB).`,
      413,
      "logo",
    );
  const image = bytes.length >= 12 ? IMAGE_SIGNATURES.find((s) => s.matches(bytes)) : undefined;
  if (image) return image.type;
  const text = bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (/^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) {
    if (UNSAFE_SVG.test(text))
      throw new ForumError(
        "This SVG has scripts, links or content from elsewhere, which a logo may not carry. Upload a PNG, or an SVG of shapes only.",
        422,
        "logo",
      );
    return "image/svg+xml";
  }
  throw new ForumError("A logo must be a PNG, JPEG, GIF, WebP, ICO or SVG image.", 422, "logo");
}

/** Sets the forum's logo from an uploaded file's bytes, once they are checked. */
export async function setLogo(bytes: Buffer) {
  const type = logoType(bytes);
  await writeSetting("logo", { type, data: bytes.toString("base64") } satisfies StoredLogo);
  await publishSiteEvent();
}

/** Goes back to Picket's own mark. */
export async function removeLogo() {
  await write((tx) => tx.setting.deleteMany({ where: { key: "logo" } }));
  await publishSiteEvent();
}

/** Picket's own mark, the favicon of a forum without a logo. */
export const PICKET_MARK_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8a1c1c"/><path d="M9 7h9a6 6 0 0 1 0 12h-4v6H9zm5 4v4h4a2 2 0 0 0 0-4z" fill="#fff"/></svg>';
