// Site settings that admins change: stored as JSON by key, validated by their readers.
import { db, write } from "~/lib/db.server";

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
