// The server entry: renders pages, keeps the ones the page cache takes, and gives the server
// entry (server.ts) the page cache, the database check to run before listening and the
// shutdown hook. Every inline script carries the response's CSP nonce (made by server.ts, see
// load-context.ts).
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "~/components/Nonce";
import { settings, startWarnings } from "~/env.server";
import { disconnect, write } from "~/lib/db.server";
import { answerForAwayDatabase, noteDatabaseAway } from "~/lib/http.server";
import { endLiveStreams } from "~/lib/live.server";
import { keepPage, keepResponse, pageCache as startPageCache } from "~/lib/page-cache.server";
import { stopWatchingSchedules, watchThreadSchedules } from "~/models/thread-schedule.server";

/** The page cache, and the timer that has a thread's kept pages made again when it closes or reopens at a set time. */
export async function pageCache(options: { remakeMs?: number } = {}) {
  const cache = await startPageCache(options);
  await watchThreadSchedules();
  return cache;
}
// For the server entry, before it listens: what stops the database being read and written.
export { findDatabaseProblem } from "~/lib/database-check.server";

// A wrong value in the environment stops the start here, naming the variable.
for (const warning of startWarnings(settings())) console.warn(warning);

/**
 * Renders the page to one string. Nothing on a page suspends (no deferred data), so streaming
 * sent nothing sooner; and React 18's stream writer cut a character that crossed one of its
 * 2 KB chunks, leaving a NUL byte in the page (react#31134).
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const status = answerForAwayDatabase(request, responseStatusCode, responseHeaders);
  const nonce = loadContext?.cspNonce || undefined;
  const html = renderToString(
    <NonceProvider value={nonce ?? ""}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const body = Buffer.from(`<!DOCTYPE html>${html}`, "utf8");
  await keepPage(request, status, responseHeaders, body);
  return new Response(body, { headers: responseHeaders, status });
}

/** An error a loader or action threw: a database that is away is one line, not a stack. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (noteDatabaseAway(error, request)) {
    return console.error(`${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}`);
  }
  console.error(
    isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error,
  );
};

/** A route's data for the browser's router: 503 when the database was away; kept by the page cache as pages are. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const headers = new Headers(response.headers);
  const status = answerForAwayDatabase(request, response.status, headers);
  if (status !== response.status || headers.get("Retry-After") !== response.headers.get("Retry-After")) {
    return new Response(response.body, { status, statusText: response.statusText, headers });
  }
  return keepResponse(request, response);
};

/**
 * Called by server.ts at SIGTERM with the promise of the last answer: ends live streams (their
 * browsers reconnect), waits for the answers, finishes queued writes and closes the database.
 */
export async function handleShutdown(served: Promise<void>) {
  endLiveStreams();
  stopWatchingSchedules();
  await served;
  await write(() => Promise.resolve()).catch(() => undefined);
  await disconnect();
}
