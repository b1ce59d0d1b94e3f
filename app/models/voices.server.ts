// How a writer signs: anonymously (with a per-thread poster tag), under a pseudonym
// (optionally protected by a tripcode), or, for members, under their own name or a pen name;
// a moderator may also speak as a moderator, under their name, marked as such.
import { db } from "~/lib/db.server";
import { authorRef, posterTag, tripcode, type Writer } from "~/lib/keys.server";
import { canModerate } from "~/lib/viewer.server";
import { ForumError } from "./errors.server";
import { isReservedName, MAX_NAME_LENGTH, nameKey, nameProblem, splitTripcode } from "./names.server";

/** "imported": a name a writer signed with on a blog this forum imported; nobody here holds it. */
export const VOICE_KINDS = ["anonymous", "pseudonym", "member", "penname", "moderator", "imported"] as const;
export type VoiceKind = (typeof VOICE_KINDS)[number];

/** What a writer asked to sign with. */
export type VoiceChoice =
  | { kind: "anonymous" }
  | { kind: "pseudonym"; name: string }
  | { kind: "member" }
  | { kind: "penname"; penNameId: number }
  | { kind: "moderator" };

/** A signed-in member, as far as voices care. */
export type Member = { id: number; username: string; role?: string };

/** What is stored with a comment or post to show its voice. */
export type SignedVoice = {
  voice: VoiceKind;
  displayName: string | null;
  voiceCode: string | null;
  authorRef: string;
  userId: number | null;
};

/**
 * Who is writing, by keyed reference. A member's writing (anonymous included) is tied to the
 * account, so they can edit it from any browser; the reference holds no user id.
 */
export function writerOf(browserKey: string, member: Member | null): Writer {
  return member ? { userId: member.id } : { browserKey };
}

/** True when `name` is a staff word, a member's username or a pen name. */
export async function isNameTaken(name: string): Promise<boolean> {
  if (isReservedName(name)) return true;
  const key = nameKey(name);
  const [user, penName] = await Promise.all([
    db.user.findUnique({ where: { nameKey: key }, select: { id: true } }),
    db.penName.findUnique({ where: { nameKey: key }, select: { id: true } }),
  ]);
  return Boolean(user || penName);
}

/**
 * Resolves a choice into the voice a writer signs with, or throws a ForumError naming the
 * problem. An anonymous voice has no poster tag until it writes in a thread (`inThread`).
 */
export async function signVoice({
  choice,
  writer,
  member,
}: {
  choice: VoiceChoice;
  writer: Writer;
  member: Member | null;
}): Promise<SignedVoice> {
  const ref = await authorRef(writer);
  switch (choice.kind) {
    case "anonymous":
      return { voice: "anonymous", displayName: null, voiceCode: null, authorRef: ref, userId: null };
    case "pseudonym": {
      const { name, secret } = splitTripcode(choice.name);
      const problem = nameProblem(name);
      if (problem) throw new ForumError(problem, 400, "name");
      if (secret !== null && secret.length === 0)
        throw new ForumError("Write a secret after # or remove the #.", 400, "name");
      if (await isNameTaken(name))
        throw new ForumError(`"${name}" is reserved. Choose another name, or sign as Anonymous.`, 403, "name");
      return {
        voice: "pseudonym",
        displayName: name,
        voiceCode: secret === null ? null : await tripcode(secret),
        authorRef: ref,
        userId: null,
      };
    }
    case "member":
      if (!member) throw new ForumError("Sign in to write under your own name.", 403, "voice");
      return { voice: "member", displayName: member.username, voiceCode: null, authorRef: ref, userId: member.id };
    case "penname": {
      if (!member) throw new ForumError("Sign in to write under a pen name.", 403, "voice");
      const penName = await db.penName.findFirst({
        where: { id: choice.penNameId, userId: member.id },
        select: { name: true },
      });
      if (!penName) throw new ForumError("That pen name is not yours.", 403, "voice");
      return { voice: "penname", displayName: penName.name, voiceCode: null, authorRef: ref, userId: member.id };
    }
    case "moderator":
      if (!member || !canModerate(member.role ?? ""))
        throw new ForumError("Only moderators can speak as a moderator.", 403, "voice");
      return { voice: "moderator", displayName: member.username, voiceCode: null, authorRef: ref, userId: member.id };
  }
}

/**
 * The author reference of everything imported: no writer's keyed hash can equal it, so no
 * browser or account here can edit, delete or be taken for an imported writer.
 */
export const IMPORTED_AUTHOR_REF = "imported";

/**
 * The voice of an imported post or comment: Anonymous when it carried no name (with the poster
 * tag the source gave it, if any), else the name marked as imported. The name is taken as text:
 * never a tripcode, and stripped of the marks that would make it look like one.
 */
export function importedVoice(name: string | null, posterTag: string | null = null): SignedVoice {
  const shown = name === null ? "" : importedName(name);
  if (shown === "")
    return {
      voice: "anonymous",
      displayName: null,
      voiceCode: posterTag && /^[0-9A-Z]{1,8}$/.test(posterTag) ? posterTag : null,
      authorRef: IMPORTED_AUTHOR_REF,
      userId: null,
    };
  return { voice: "imported", displayName: shown, voiceCode: null, authorRef: IMPORTED_AUTHOR_REF, userId: null };
}

/** An imported name as shown: one line, no tripcode or poster-tag marks, at most MAX_NAME_LENGTH. */
function importedName(name: string): string {
  const plain = name
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[◆◇♦·]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...plain].slice(0, MAX_NAME_LENGTH).join("").trim();
}

/** The voice as stored with a comment in one thread: an anonymous writer carries that thread's poster tag. */
export async function inThread(signed: SignedVoice, writer: Writer, postId: number): Promise<SignedVoice> {
  return signed.voice === "anonymous" ? { ...signed, voiceCode: await posterTag(writer, postId) } : signed;
}

/** What `voiceLabel` reads of a post or comment: select it beside the rest a page shows. */
export const voiceFields = { voice: true, displayName: true, voiceCode: true } as const;

/** How a voice reads on the page: "Anonymous ·7F3A", "Grumpy PO ◆K2M9XQ4T", "rosa", "Jo (imported)". */
export function voiceLabel(voice: { voice: string; displayName: string | null; voiceCode: string | null }): string {
  if (voice.voice === "anonymous") return voice.voiceCode ? `Anonymous ·${voice.voiceCode}` : "Anonymous";
  const name = voice.displayName ?? "Anonymous";
  if (voice.voice === "imported") return `${name} (imported)`;
  return voice.voiceCode ? `${name} ◆${voice.voiceCode}` : name;
}

/** A voice to search by, as `voiceLabel` shows it: never anything that is not on the page. */
export type VoiceFilter = { anonymous: boolean; displayName: string | null; voiceCode: string | null };

/**
 * The voice a label names ("Anonymous ·7F3A", "Anonymous", "Grumpy PO ◆K2M9XQ4T", "◆K2M9XQ4T",
 * "rosa"): the inverse of `voiceLabel`. A secret (`name#secret`) is refused, so that nobody
 * puts one in a search address; the search is by what pages show.
 */
export function voiceFilterOf(label: string): VoiceFilter {
  const text = label.trim().replace(/\s+/g, " ");
  if (text.includes("#"))
    throw new ForumError("Search by the name and code a voice shows (name ◆code), never by its secret.", 400, "voice");
  const anonymous = /^anonymous(?: ?· ?(\S+))?$/i.exec(text);
  if (anonymous) return { anonymous: true, displayName: null, voiceCode: anonymous[1] ?? null };
  const coded = /^(.*?) ?◆ ?(\S+)$/.exec(text);
  if (coded) return { anonymous: false, displayName: coded[1] || null, voiceCode: coded[2] };
  return { anonymous: false, displayName: text, voiceCode: null };
}

/** The voices a writer may pick from in a form, Anonymous first. */
export function voiceChoicesFor(
  member: (Member & { penNames: { id: number; name: string }[] }) | null,
): { value: string; label: string }[] {
  const choices = [{ value: "anonymous", label: "Anonymous" }];
  if (member) {
    choices.push({ value: "member", label: `${member.username} (your name)` });
    if (canModerate(member.role ?? ""))
      choices.push({ value: "moderator", label: `${member.username}, as a moderator` });
    for (const pen of member.penNames) choices.push({ value: `penname:${pen.id}`, label: `${pen.name} (pen name)` });
  }
  choices.push({ value: "pseudonym", label: "A name" });
  return choices;
}

/** A form's voice field (a value `voiceChoicesFor` gives) as a choice; anything else is Anonymous. */
export function voiceChoiceOf(value: string, name = ""): VoiceChoice {
  if (value === "pseudonym") return { kind: "pseudonym", name };
  if (value === "member") return { kind: "member" };
  if (value === "moderator") return { kind: "moderator" };
  const penName = /^penname:(\d{1,9})$/.exec(value);
  return penName ? { kind: "penname", penNameId: Number(penName[1]) } : { kind: "anonymous" };
}
