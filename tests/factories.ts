// Builders for posts, comments and accounts, shared by the tests and the demo seed. They go
// through the same model functions as the forum itself, so what they build obeys its rules.
import { randomBytes } from "node:crypto";
import { createComment } from "~/models/comments.server";
import { publishPost } from "~/models/posts.server";
import { createUser, type Role } from "~/models/users.server";
import { signVoice, type Member, type VoiceChoice } from "~/models/voices.server";
import type { Writer } from "~/lib/keys.server";

let counter = 0;
const next = () => ++counter;

/** A browser key like the one in a reader's cookie. */
export function aBrowserKey(): string {
  return randomBytes(24).toString("base64url");
}

export async function makeUser({
  username = `member${next()}`,
  password = "correct horse battery",
  role = "member",
}: { username?: string; password?: string; role?: Role } = {}) {
  return createUser({ username, password, role });
}

export async function makePost({
  title = `A post about the dispute ${next()}`,
  body = "The branch met on Tuesday.\n\nWe talked about the **ballot**.",
  writer = { browserKey: aBrowserKey() },
  choice = { kind: "anonymous" },
  member = null as Member | null,
  publishedAt = new Date(),
  pinned = false,
  commentsOpen = true,
}: {
  title?: string;
  body?: string;
  writer?: Writer;
  choice?: VoiceChoice;
  member?: Member | null;
  publishedAt?: Date;
  pinned?: boolean;
  commentsOpen?: boolean;
} = {}) {
  const signed = await signVoice({ choice, writer, member });
  return publishPost({ title, body, signed, publishedAt, pinned, commentsOpen });
}

export async function makeComment({
  postId,
  parentId = null as number | null,
  body = `A comment ${next()}`,
  writer = { browserKey: aBrowserKey() },
  choice = { kind: "anonymous" },
  member = null as Member | null,
  postedAt = undefined as Date | undefined,
}: {
  postId: number;
  parentId?: number | null;
  body?: string;
  writer?: Writer;
  choice?: VoiceChoice;
  member?: Member | null;
  postedAt?: Date;
}) {
  return createComment({ post: { id: postId }, parentId, body, writer, choice, member, postedAt });
}
