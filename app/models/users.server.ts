// Accounts: members and staff. A username is reserved against lookalikes by its name key.
import bcrypt from "bcryptjs";
import { write, db } from "~/lib/db.server";
import { ForumError } from "./errors.server";
import { isNameTaken } from "./voices.server";
import { nameKey, nameProblem } from "./names.server";

export const ROLES = ["member", "moderator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_BYTES = 8;
/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
export const MAX_PASSWORD_BYTES = 72;

export function passwordCost(): number {
  const cost = Number(process.env.PICKET_BCRYPT_COST ?? 12);
  return Number.isInteger(cost) && cost >= 10 && cost <= 15 ? cost : 12;
}

export function passwordProblem(password: string): string | null {
  const bytes = Buffer.byteLength(password, "utf8");
  if (bytes < MIN_PASSWORD_BYTES) return `A password needs at least ${MIN_PASSWORD_BYTES} characters.`;
  if (bytes > MAX_PASSWORD_BYTES) return `A password can be at most ${MAX_PASSWORD_BYTES} bytes long (accented letters and symbols count as two or more).`;
  return null;
}

/** Creates an account; the username must be free of every lookalike of a taken name. */
export async function createUser({ username, password, role = "member" }: { username: string; password: string; role?: Role }) {
  const problem = nameProblem(username);
  if (problem) throw new ForumError(problem, 400, "username");
  const weak = passwordProblem(password);
  if (weak) throw new ForumError(weak, 400, "password");
  if (await isNameTaken(username)) throw new ForumError(`The name "${username}" is taken or reserved.`, 409, "username");
  const passwordHash = await bcrypt.hash(password, passwordCost());
  return write((tx) => tx.user.create({ data: { username, nameKey: nameKey(username), passwordHash, role }, select: { id: true, username: true, role: true } }));
}

/** Adds a pen name a member may sign with. */
export async function addPenName({ userId, name }: { userId: number; name: string }) {
  const problem = nameProblem(name);
  if (problem) throw new ForumError(problem, 400, "name");
  if (await isNameTaken(name)) throw new ForumError(`The name "${name}" is taken or reserved.`, 409, "name");
  return write((tx) => tx.penName.create({ data: { userId, name, nameKey: nameKey(name) }, select: { id: true, name: true } }));
}

export async function countUsers() {
  return db.user.count();
}
