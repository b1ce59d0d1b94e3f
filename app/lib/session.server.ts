// Member sessions, stored in the database so they can be ended from the server: at sign-out,
// everywhere at once, or when an account is suspended. The cookie holds a random token;
// the database holds only its hash.
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { db, write } from "./db.server";
import { settings } from "~/env.server";

export const SESSION_DAYS = 30;

const sessionCookie = createCookie("picket_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: settings().secureCookies,
  path: "/",
  maxAge: SESSION_DAYS * 24 * 60 * 60,
});

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Starts a new session (a new id at every sign-in) and returns its Set-Cookie header. */
export async function startSession(userId: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await write((tx) =>
    tx.session.create({
      data: { id: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000) },
      select: { id: true },
    }),
  );
  return sessionCookie.serialize(token);
}

async function tokenOf(request: Request): Promise<string | null> {
  const token: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export type SessionUser = { id: number; username: string; role: string; penNames: { id: number; name: string }[] };

/** The signed-in member, if the session is live and the account not suspended. */
export async function sessionUser(request: Request): Promise<SessionUser | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { id: hashToken(token) },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          username: true,
          role: true,
          suspendedAt: true,
          penNames: { select: { id: true, name: true }, orderBy: { id: "asc" } },
        },
      },
    },
  });
  if (!session || session.expiresAt < new Date() || session.user.suspendedAt) return null;
  const { suspendedAt: _, ...user } = session.user;
  return user;
}

/** Ends this browser's session; returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = await tokenOf(request);
  if (token) await write((tx) => tx.session.deleteMany({ where: { id: hashToken(token) } }));
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Ends every session of an account (sign out everywhere, suspension, new password). */
export async function endAllSessions(userId: number) {
  await write((tx) => tx.session.deleteMany({ where: { userId } }));
}
