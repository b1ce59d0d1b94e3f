// Small helpers shared by route modules.
import type { HeadersFunction } from "@remix-run/node";
import { CACHE_TAGS_HEADER } from "./page-cache.server";
import { DATABASE_RETRY_AFTER_S, DatabaseUnavailable, ForumError, RateLimited } from "./errors.server";

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

/** What a reader is told when a page cannot be read because the database is away. */
const DATABASE_AWAY_PAGE = "The forum cannot reach its database right now. Nothing is lost: try again in a moment.";

/** Runs a model read; its ForumError becomes the matching HTTP error response. */
export async function orHttpError<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DatabaseUnavailable)
      throw new Response(DATABASE_AWAY_PAGE, { status: 503, headers: refusalHeaders(error) });
    if (error instanceof ForumError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

/** Headers that go with a refusal: Retry-After for rate limits and for a database that is away. */
export function refusalHeaders(error: ForumError): Record<string, string> {
  return error instanceof RateLimited || error instanceof DatabaseUnavailable
    ? { "Retry-After": String(error.retryAfterS) }
    : {};
}

// The requests whose loader or action met an away database and did not answer it themselves
// (Remix makes those a 500): the server entry answers them with 503 instead.
const metAwayDatabase = new WeakSet<Request>();

/** For the Remix `handleError` hook: true (and noted) when `error` means the database is away. */
export function noteDatabaseAway(error: unknown, request: Request): boolean {
  if (!(error instanceof DatabaseUnavailable)) return false;
  metAwayDatabase.add(request);
  return true;
}

/**
 * The status a response should have: 503 instead of the 500 Remix gives a request that met an
 * away database. `headers` gain Retry-After on every 503 that has none (forms that kept the
 * writer's text included).
 */
export function answerForAwayDatabase(request: Request, status: number, headers: Headers): number {
  const answer = status === 500 && metAwayDatabase.has(request) ? 503 : status;
  if (answer === 503 && !headers.has("Retry-After")) headers.set("Retry-After", String(DATABASE_RETRY_AFTER_S));
  if (answer === 503) headers.set("Cache-Control", "no-store");
  return answer;
}

/** A route's `headers`: an action's Retry-After, and the loader's caching headers. */
export const routeHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  for (const name of [CACHE_TAGS_HEADER, "Cache-Control"]) {
    const value = loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};

/** For a page's loader: what the page shows, so the page cache can drop it when that changes. */
export function cacheTags(...tags: string[]): HeadersInit {
  return { [CACHE_TAGS_HEADER]: tags.join(" ") };
}
