// The only module that holds server secrets and computes keyed hashes. Poster tags,
// tripcodes and author references are all HMACs under the server secret, so nobody without
// it can link them back to a browser, an account or a tripcode secret.
import { createHmac, randomBytes } from "node:crypto";
import { db } from "./db.server";
import { settings } from "~/env.server";

const SECRET_NAME = "main";

let cachedSecret: Promise<string> | undefined;

/** PICKET_SECRET if set; otherwise a secret generated once and kept in the database. */
export function serverSecret(): Promise<string> {
  cachedSecret ??= loadServerSecret().catch((error) => {
    cachedSecret = undefined;
    throw error;
  });
  return cachedSecret;
}

async function loadServerSecret(): Promise<string> {
  const fromEnv = settings().secret;
  if (fromEnv) return fromEnv;
  const existing = await db.serverSecret.findUnique({ where: { name: SECRET_NAME }, select: { value: true } });
  if (existing) return existing.value;
  try {
    await db.serverSecret.create({ data: { name: SECRET_NAME, value: randomBytes(32).toString("base64url") } });
  } catch {
    // Another instance created it first; use theirs.
  }
  const created = await db.serverSecret.findUniqueOrThrow({ where: { name: SECRET_NAME }, select: { value: true } });
  return created.value;
}

// Crockford's base32 alphabet: no I, L, O or U to confuse readers.
const READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function readableCode(digest: Buffer, length: number): string {
  let code = "";
  for (let i = 0; i < length; i++) code += READABLE[digest[i] % 32];
  return code;
}

function hmac(secret: string, purpose: string, parts: (string | number)[]): Buffer {
  return createHmac("sha256", secret)
    .update([purpose, ...parts].join("\u0000"))
    .digest();
}

/** Who wrote something: a browser (by its random key) or an account. */
export type Writer = { browserKey: string } | { userId: number };

function writerId(writer: Writer): string {
  return "userId" in writer ? `user:${writer.userId}` : `browser:${writer.browserKey}`;
}

export const POSTER_TAG_LENGTH = 4;
export const TRIPCODE_LENGTH = 8;

/** The keyed reference stored with a comment: equal for the same writer, meaningless without the secret. */
export async function authorRef(writer: Writer): Promise<string> {
  return hmac(await serverSecret(), "author", [writerId(writer)]).toString("base64url");
}

/** The short tag shown beside an anonymous comment: stable in one thread, unrelated across threads. */
export async function posterTag(writer: Writer, postId: number): Promise<string> {
  return readableCode(hmac(await serverSecret(), "poster-tag", [writerId(writer), postId]), POSTER_TAG_LENGTH);
}

/** The code shown after a pseudonym signed `name#secret`. */
export async function tripcode(secret: string): Promise<string> {
  return readableCode(hmac(await serverSecret(), "tripcode", [secret]), TRIPCODE_LENGTH);
}

/** A fresh random key for a browser's voice cookie. */
export function newBrowserKey(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * A writing form's one-time token, made as a page is rendered ("s." and random). A page may be
 * cached and shown to many readers with the same token; the browser gives each form its own
 * ("b.", app/components/CommentForm.tsx) once its scripts run.
 */
export function newFormToken(): string {
  return `s.${randomBytes(16).toString("base64url")}`;
}

const FORM_TOKEN_SHAPE = /^([bs])\.[A-Za-z0-9_-]{16,64}$/;

/**
 * What one sending of a writing form is known by, so that the same form sent again (after an
 * error, a timeout or a dropped connection) finds what the first sending wrote: a keyed hash
 * of its token, with what it writes (`what`: the text and where it goes). A token made by the
 * server may be shared by every reader of a cached page, so it counts only with its writer's
 * reference; one made in the browser belongs to one form, even one whose writer has no browser
 * key yet (its first answer, which gives the key, may be what was lost). Null for no token.
 */
export async function formKey({
  token,
  authorRef,
  what,
}: {
  token: string | null | undefined;
  authorRef: string;
  what: (string | number)[];
}): Promise<string | null> {
  const shape = token ? FORM_TOKEN_SHAPE.exec(token) : null;
  if (!shape) return null;
  const writer = shape[1] === "b" ? "" : authorRef;
  return hmac(await serverSecret(), "form", [writer, token!, ...what]).toString("base64url");
}
