// The server entry: renders pages, keeps the ones the page cache takes, and gives the server
// entry (server.ts) the page cache and the shutdown hook. Every inline script carries the
// response's CSP nonce (made by server.ts, see load-context.ts).
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { CommentBodiesProvider } from "~/components/CommentBodies";
import { NonceProvider } from "~/components/Nonce";
import { settings, startWarnings } from "~/env.server";
import { disconnect, write } from "~/lib/db.server";
import { endLiveStreams } from "~/lib/live.server";
import { keepPage, keepResponse } from "~/lib/page-cache.server";

export { pageCache } from "~/lib/page-cache.server";

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
  const nonce = loadContext?.cspNonce || undefined;
  const html = renderToString(
    <NonceProvider value={nonce ?? ""}>
      <CommentBodiesProvider value={loadContext?.commentBodies}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </CommentBodiesProvider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const body = Buffer.from(`<!DOCTYPE html>${html}`, "utf8");
  await keepPage(request, responseStatusCode, responseHeaders, body);
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}

/** A route's data for the browser's router: kept by the page cache as pages are. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => keepResponse(request, response);

/**
 * Called by server.ts at SIGTERM with the promise of the last answer: ends live streams (their
 * browsers reconnect), waits for the answers, finishes queued writes and closes the database.
 */
export async function handleShutdown(served: Promise<void>) {
  endLiveStreams();
  await served;
  await write(async () => undefined).catch(() => undefined);
  await disconnect();
}
