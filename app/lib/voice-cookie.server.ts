// The browser key: a random id in a long-lived HttpOnly cookie, set on a browser's first
// write. It is what makes "my comment" and the per-thread poster tag work without an account.
import { createCookie } from "@remix-run/node";
import { newBrowserKey } from "./keys.server";
import { settings } from "~/env.server";

const TWO_YEARS_S = 2 * 365 * 24 * 60 * 60;

const voiceCookie = createCookie("picket_voice", {
  httpOnly: true,
  sameSite: "lax",
  secure: settings().secureCookies,
  path: "/",
  maxAge: TWO_YEARS_S,
});

const KEY_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/** The browser key this request carries, if it carries a well-formed one. */
export async function readBrowserKey(request: Request): Promise<string | null> {
  const value: unknown = await voiceCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && KEY_SHAPE.test(value) ? value : null;
}

/** The browser key to write with, and the Set-Cookie header when it is new. */
export async function browserKeyForWriting(
  request: Request,
): Promise<{ browserKey: string; setCookie: string | null }> {
  const existing = await readBrowserKey(request);
  if (existing) return { browserKey: existing, setCookie: null };
  const browserKey = newBrowserKey();
  return { browserKey, setCookie: await voiceCookie.serialize(browserKey) };
}
