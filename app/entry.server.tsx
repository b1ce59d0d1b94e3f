// The server entry: renders pages (bots get the whole page at once, browsers a stream), and
// hands server.mjs what it needs from the app: the page cache and the shutdown hook. Every
// inline script carries the response's CSP nonce (made by server.mjs, see load-context.ts).
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { CommentBodiesProvider } from "~/components/CommentBodies";
import { NonceProvider } from "~/components/Nonce";
import { disconnect, write } from "~/lib/db.server";

export { pageCache } from "~/lib/page-cache.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const bot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const nonce = loadContext?.cspNonce || undefined;
    const page = (
      <NonceProvider value={nonce ?? ""}>
        <CommentBodiesProvider value={loadContext?.commentBodies}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </CommentBodiesProvider>
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      [bot ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors after the shell are logged; before it, Remix shows the error page.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Data requests get back the comment bodies a loader kept out of its data for the HTML. */
export async function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  const bodies = context?.commentBodies;
  if (!bodies || bodies.size === 0 || !response.headers.get("Content-Type")?.includes("application/json")) return response;
  const data = await response.json();
  restoreBodies(data, bodies);
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(JSON.stringify(data), { status: response.status, headers });
}

/** Puts the bodies back into the thread's comments (`thread.comments`, nested in `replies`). */
function restoreBodies(data: unknown, bodies: Map<number, string>) {
  type Node = { id: number; bodyHtml?: string; replies?: Node[] };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const body = bodies.get(node.id);
      if (body !== undefined) node.bodyHtml = body;
      if (node.replies) walk(node.replies);
    }
  };
  const comments = (data as { thread?: { comments?: Node[] } } | null)?.thread?.comments;
  if (Array.isArray(comments)) walk(comments);
}

/** Called by server.mjs once the last request is answered: finish queued writes, close the database. */
export async function handleShutdown() {
  await write(async () => undefined).catch(() => undefined);
  await disconnect();
}
