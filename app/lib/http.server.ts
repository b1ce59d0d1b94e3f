// Small helpers shared by route modules.
import type { HeadersFunction } from "@remix-run/node";
import { ForumError, RateLimited } from "~/models/errors.server";

/** A positive page number from `?page=`, 1 when absent or malformed. */
export function pageParam(url: URL, name = "page"): number {
  const raw = url.searchParams.get(name);
  return raw && /^\d{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
}

/** A numeric route parameter, or a 404 when it is not one. */
export function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw new Response("Not Found", { status: 404 });
  return Number(value);
}

/** Runs a model read; its ForumError becomes the matching HTTP error response. */
export async function orHttpError<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ForumError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

/** Headers that go with a refusal: Retry-After for rate limits. */
export function refusalHeaders(error: ForumError): HeadersInit {
  return error instanceof RateLimited ? { "Retry-After": String(error.retryAfterS) } : {};
}

/** Reads text fields of a form; anything else (files, missing fields) becomes "". */
export function textFields<K extends string>(form: FormData, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = form.get(key);
    out[key] = typeof value === "string" ? value : "";
  }
  return out;
}

/** A route's `headers`: passes an action's Retry-After on to the page it renders. */
export const retryAfterFromAction: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  const headers = new Headers();
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
