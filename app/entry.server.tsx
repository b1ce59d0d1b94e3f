// The server entry: renders pages, and hands server.mjs what it needs from the app: the page
// cache and the shutdown hook. Every inline script carries the response's CSP nonce (made by
// server.mjs, see load-context.ts).
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { CommentBodiesProvider } from "~/components/CommentBodies";
import { NonceProvider } from "~/components/Nonce";
import { settings, startWarnings } from "~/env.server";
import { disconnect, write } from "~/lib/db.server";

export { pageCache } from "~/lib/page-cache.server";

// A wrong value in the environment stops the start here, naming the variable.
for (const warning of startWarnings(settings())) console.warn(warning);

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

/** Called by server.mjs once the last request is answered: finish queued writes, close the database. */
export async function handleShutdown() {
  await write(async () => undefined).catch(() => undefined);
  await disconnect();
}
