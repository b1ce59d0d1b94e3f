// The server entry: renders pages, and hands server.mjs what it needs from the app: the page
// cache, the database check to run before listening, and the shutdown hook. Every inline
// script carries the response's CSP nonce (made by server.mjs, see load-context.ts).
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { CommentBodiesProvider } from "~/components/CommentBodies";
import { NonceProvider } from "~/components/Nonce";
import { disconnect, write } from "~/lib/db.server";
import { answerForAwayDatabase, noteDatabaseAway } from "~/lib/http.server";

export { pageCache } from "~/lib/page-cache.server";
// For the server entry, before it listens: what stops the database being read and written.
export { findDatabaseProblem } from "~/lib/database-check.server";

/**
 * Renders the page to one string. Nothing on a page suspends (no deferred data), so streaming
 * sent nothing sooner; and React 18's stream writer cut a character that crossed one of its
 * 2 KB chunks, leaving a NUL byte in the page (react#31134): on a long thread, a "·" of a voice
 * code came out as "\uFFFD·". One string is also about a tenth quicker on the big thread than
 * the stream's thousands of small UTF-8 chunks.
 */
export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // The loaders' work and the render each hold the server for tens of milliseconds on a long
  // thread: between the two, other readers are answered (from the page cache, mostly).
  await new Promise((resolve) => setImmediate(resolve));
  responseStatusCode = answerForAwayDatabase(request, responseStatusCode, responseHeaders);
  const nonce = loadContext?.cspNonce || undefined;
  const html = renderToString(
    <NonceProvider value={nonce ?? ""}>
      <CommentBodiesProvider value={loadContext?.commentBodies}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </CommentBodiesProvider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // As bytes: given a string, Response scans it for lone surrogates before encoding it, about
  // 1 ms more on the big thread; encoding it here replaces them just the same.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`, "utf8"), { headers: responseHeaders, status: responseStatusCode });
}

/** An error a loader or action threw: a database that is away is one line, not a stack. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (noteDatabaseAway(error, request)) return console.error(`${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}`);
  console.error(isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error);
};

/** A route's data fetched by the browser's scripts: 503 too when the database was away. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  const headers = new Headers(response.headers);
  const status = answerForAwayDatabase(request, response.status, headers);
  if (status === response.status && headers.get("Retry-After") === response.headers.get("Retry-After")) return response;
  return new Response(response.body, { status, statusText: response.statusText, headers });
};

/** Called by server.mjs once the last request is answered: finish queued writes, close the database. */
export async function handleShutdown() {
  await write(async () => undefined).catch(() => undefined);
  await disconnect();
}
