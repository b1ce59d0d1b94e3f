// Accounts: joining, signing in (throttled), pen names, invitations and what admins do to
// accounts. A username is reserved against lookalikes by its name key.
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db, write } from "~/lib/db.server";
import { check, clear, hit } from "~/lib/rate-limit.server";
import { endAllSessions } from "~/lib/session.server";
import { ForumError, RateLimited, notFound } from "./errors.server";
import { nameKey, nameProblem } from "./names.server";
import { getSignupMode } from "./settings.server";
import { limitJoins } from "./limits.server";
import { isNameTaken } from "./voices.server";
import { settings } from "~/env.server";

export const ROLES = ["member", "moderator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_BYTES = 8;
/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;
export const MAX_PEN_NAMES = 3;

/** Failed sign-ins allowed for one account from one network, and from one network overall. */
export const SIGN_IN_FAILURES_PER_ACCOUNT = { limit: 5, windowMs: 15 * 60 * 1000 };
export const SIGN_IN_FAILURES_PER_NETWORK = { limit: 30, windowMs: 15 * 60 * 1000 };

export function passwordCost(): number {
  return settings().bcryptCost;
}

export function passwordProblem(password: string): string | null {
  const bytes = Buffer.byteLength(password, "utf8");
  if (bytes < MIN_PASSWORD_BYTES) return `A password needs at least ${MIN_PASSWORD_BYTES} characters.`;
  if (bytes > MAX_PASSWORD_BYTES)
    return `A password can be at most ${MAX_PASSWORD_BYTES} bytes long (accented letters and symbols count as two or more). It was not shortened: choose a shorter one.`;
  return null;
}

async function checkNewName(username: string) {
  const problem = nameProblem(username);
  if (problem) throw new ForumError(problem, 400, "username");
  if (await isNameTaken(username))
    throw new ForumError(`The name "${username}" is taken or reserved, or too like one that is.`, 409, "username");
}

/** Two people taking names that look alike at the same moment: the unique name key decides. */
const takenMeanwhile = (username: string) => (error: unknown) => {
  if ((error as { code?: string } | null)?.code === "P2002")
    throw new ForumError(`The name "${username}" is taken or reserved, or too like one that is.`, 409, "username");
  throw error;
};

/** Creates an account directly (the seed, admins, and `join` once its checks pass). */
export async function createUser({
  username,
  password,
  role = "member",
}: {
  username: string;
  password: string;
  role?: Role;
}) {
  await checkNewName(username);
  const weak = passwordProblem(password);
  if (weak) throw new ForumError(weak, 400, "password");
  const passwordHash = await bcrypt.hash(password, passwordCost());
  return write((tx) =>
    tx.user.create({
      data: { username, nameKey: nameKey(username), passwordHash, role },
      select: { id: true, username: true, role: true },
    }),
  ).catch(takenMeanwhile(username));
}

const hashInvite = (code: string) => createHash("sha256").update(code.trim()).digest("base64url");

/** Joins: checks the sign-up mode and the invite code, then creates a member's account. */
export async function join({
  username,
  password,
  inviteCode,
  cloak = null,
}: {
  username: string;
  password: string;
  inviteCode: string;
  cloak?: string | null;
}) {
  const mode = await getSignupMode();
  if (mode === "closed") throw new ForumError("Joining is closed on this forum for now.", 403);
  await checkNewName(username);
  const weak = passwordProblem(password);
  if (weak) throw new ForumError(weak, 400, "password");
  let inviteId: number | null = null;
  if (mode === "invite") {
    const invite = inviteCode.trim()
      ? await db.inviteCode.findUnique({
          where: { codeHash: hashInvite(inviteCode) },
          select: { id: true, usedAt: true, revokedAt: true },
        })
      : null;
    if (!invite || invite.usedAt || invite.revokedAt)
      throw new ForumError("That invite code is not valid. Ask the branch for a new one.", 403, "inviteCode");
    inviteId = invite.id;
  }
  if (cloak) await limitJoins({ cloak });
  const passwordHash = await bcrypt.hash(password, passwordCost());
  return write(async (tx) => {
    if (inviteId !== null) {
      // Spend the code in the same transaction, so two people cannot both use it.
      const spent = await tx.inviteCode.updateMany({
        where: { id: inviteId, usedAt: null, revokedAt: null },
        data: { usedAt: new Date() },
      });
      if (spent.count !== 1)
        throw new ForumError("That invite code is not valid. Ask the branch for a new one.", 403, "inviteCode");
    }
    return tx.user.create({
      data: { username, nameKey: nameKey(username), passwordHash },
      select: { id: true, username: true, role: true },
    });
  }).catch(takenMeanwhile(username));
}

// Compared against when the username is unknown, so both answers take as long.
let decoyHash: Promise<string> | undefined;

const SIGN_IN_REFUSED = "That username and password do not match an account.";

/** Checks a username and password; throttled per account and network cloak, and per cloak. */
export async function signIn({ username, password, cloak }: { username: string; password: string; cloak: string }) {
  const key = nameKey(username);
  const pairKey = `sign-in:${key}:${cloak}`;
  const networkKey = `sign-in-network:${cloak}`;
  for (const [k, rule] of [
    [pairKey, SIGN_IN_FAILURES_PER_ACCOUNT],
    [networkKey, SIGN_IN_FAILURES_PER_NETWORK],
  ] as const) {
    const state = await check(k, rule);
    if (!state.allowed)
      throw new RateLimited(
        `Too many failed attempts. Try again in ${Math.ceil(state.retryAfterS / 60)} minute(s).`,
        state.retryAfterS,
      );
  }
  const user = await db.user.findUnique({
    where: { nameKey: key },
    select: { id: true, username: true, passwordHash: true, suspendedAt: true },
  });
  decoyHash ??= bcrypt.hash("decoy password", passwordCost());
  const matches = await bcrypt.compare(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !matches || Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) {
    await hit(pairKey, SIGN_IN_FAILURES_PER_ACCOUNT);
    await hit(networkKey, SIGN_IN_FAILURES_PER_NETWORK);
    throw new ForumError(SIGN_IN_REFUSED, 401);
  }
  if (user.suspendedAt) throw new ForumError("This account is suspended. Ask the branch's admins.", 403);
  await clear(pairKey);
  return { id: user.id, username: user.username };
}

/** Adds a pen name a member may sign with (at most MAX_PEN_NAMES). */
export async function addPenName({ userId, name }: { userId: number; name: string }) {
  const problem = nameProblem(name);
  if (problem) throw new ForumError(problem, 400, "name");
  if ((await db.penName.count({ where: { userId } })) >= MAX_PEN_NAMES)
    throw new ForumError(`You can keep at most ${MAX_PEN_NAMES} pen names. Remove one first.`, 400, "name");
  if (await isNameTaken(name))
    throw new ForumError(`The name "${name}" is taken or reserved, or too like one that is.`, 409, "name");
  return write((tx) =>
    tx.penName.create({ data: { userId, name, nameKey: nameKey(name) }, select: { id: true, name: true } }),
  );
}

export async function removePenName({ userId, penNameId }: { userId: number; penNameId: number }) {
  const removed = await write((tx) => tx.penName.deleteMany({ where: { id: penNameId, userId } }));
  if (removed.count === 0) throw notFound("That pen name");
}

/** Every account, for the admins' page. */
export async function listUsers() {
  return db.user.findMany({
    orderBy: { username: "asc" },
    select: { id: true, username: true, role: true, suspendedAt: true, createdAt: true },
  });
}

async function changeUser(
  userId: number,
  data: { role?: Role; suspendedAt?: Date | null; passwordHash?: string; passwordChangedAt?: Date },
) {
  const updated = await write((tx) => tx.user.updateMany({ where: { id: userId }, data }));
  if (updated.count === 0) throw notFound("That account");
}

export async function changeRole({ userId, role, by }: { userId: number; role: Role; by: number }) {
  if (userId === by && role !== "admin")
    throw new ForumError("You cannot take away your own admin role: ask another admin.", 400);
  await changeUser(userId, { role });
}

/** Suspends an account and ends its sessions at once. */
export async function suspendUser({ userId, by }: { userId: number; by: number }) {
  if (userId === by) throw new ForumError("You cannot suspend your own account.", 400);
  await changeUser(userId, { suspendedAt: new Date() });
  await endAllSessions(userId);
}

export async function restoreUser({ userId }: { userId: number }) {
  await changeUser(userId, { suspendedAt: null });
}

/** Sets a temporary password (shown once to the admin) and ends the account's sessions. */
export async function setTemporaryPassword({ userId }: { userId: number }): Promise<string> {
  const password = randomBytes(9).toString("base64url");
  await changeUser(userId, {
    passwordHash: await bcrypt.hash(password, passwordCost()),
    passwordChangedAt: new Date(),
  });
  await endAllSessions(userId);
  return password;
}

/** Creates a single-use invite code; the code is shown once and only its hash is kept. */
export async function createInvite({ by }: { by: number }): Promise<string> {
  const code = randomBytes(12).toString("base64url");
  await write((tx) =>
    tx.inviteCode.create({
      data: { codeHash: hashInvite(code), hint: code.slice(0, 4), createdById: by },
      select: { id: true },
    }),
  );
  return code;
}

export async function revokeInvite({ inviteId }: { inviteId: number }) {
  const revoked = await write((tx) =>
    tx.inviteCode.updateMany({
      where: { id: inviteId, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
  );
  if (revoked.count === 0) throw new ForumError("That invite code is already used or revoked.", 409);
}

export async function listInvites() {
  return db.inviteCode.findMany({
    orderBy: { id: "desc" },
    take: 100,
    select: { id: true, hint: true, createdAt: true, usedAt: true, revokedAt: true },
  });
}
