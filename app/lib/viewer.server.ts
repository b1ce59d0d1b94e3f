// Who is looking: the browser key (if this browser ever wrote) and the signed-in member.
// Used for "my comment" checks and permissions; the keys never reach the page.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Writer } from "./keys.server";
import { networkCloak, networkCloaks } from "./cloak.server";
import { sessionUser, type SessionUser } from "./session.server";
import { readBrowserKey } from "./voice-cookie.server";

export type Viewer = { browserKey: string | null; member: SessionUser | null; writers: Writer[] };

export async function getViewer(request: Request): Promise<Viewer> {
  const [browserKey, member] = await Promise.all([readBrowserKey(request), sessionUser(request)]);
  const writers: Writer[] = [];
  if (browserKey) writers.push({ browserKey });
  if (member) writers.push({ userId: member.id });
  return { browserKey, member, writers };
}

export const STAFF_ROLES = ["moderator", "editor", "admin"] as const;

/** Who may do what: admins may do everything staff can. */
export const canEditPosts = (role: string) => role === "editor" || role === "admin";
export const canModerate = (role: string) => role === "moderator" || role === "admin";
export const canAdminister = (role: string) => role === "admin";

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in member, or a redirect to the sign-in page. */
export async function requireMember(request: Request): Promise<SessionUser> {
  const member = await sessionUser(request);
  if (!member) throw signInRedirect(request);
  return member;
}

/** A member allowed by `allowed(role)`: readers are sent to sign in, other members get 403. */
export async function requireStaff(request: Request, allowed: (role: string) => boolean): Promise<SessionUser> {
  const member = await requireMember(request);
  if (!allowed(member.role)) throw new Response("Your account cannot do this.", { status: 403 });
  return member;
}

const LOCAL_ORIGIN = "http://picket.invalid";

/**
 * A local path to return to (after signing in, following, moderating); anything else (other
 * sites, odd schemes) is `fallback`. Judged on the path as the URL parser leaves it, which is
 * what the Location header carries: "/.//evil" and "/%2e//evil" become "//evil" there.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex -- a path with control characters is refused
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001F\u007F\\]/.test(to)) return fallback;
  try {
    const url = new URL(to, LOCAL_ORIGIN);
    const path = url.pathname + url.search + url.hash;
    // Sent as is, the path must name this site again: one slash, then no slash or backslash.
    if (url.origin !== LOCAL_ORIGIN || !/^\/(?![/\\])/.test(path) || new URL(path, LOCAL_ORIGIN).href !== url.href)
      return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/** Today's network cloak of the request's address (never the address itself). */
export async function requestCloak(context: AppLoadContext): Promise<string> {
  return networkCloak(context.clientAddress || "unknown");
}

/** The request's network as moderation needs it: today's cloak, and its cloak under every live key (for bans). */
export async function requestNetwork(context: AppLoadContext): Promise<{ cloak: string; cloaks: string[] }> {
  const address = context.clientAddress || "unknown";
  const [cloak, cloaks] = await Promise.all([networkCloak(address), networkCloaks(address)]);
  return { cloak, cloaks };
}

/** How a viewer reads a thread: as the writer of some comments, and maybe as a moderator. */
export function readerOf(viewer: Viewer) {
  return { writers: viewer.writers, moderator: viewer.member ? canModerate(viewer.member.role) : false };
}
