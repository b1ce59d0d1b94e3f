// Live updates of a thread as server-sent events: "published" when a comment appears,
// "changed" when one is edited, deleted or moderated. Ids only; the page fetches the rest.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/lib/http.server";
import { onShutdown, subscribe } from "~/lib/live.server";
import { getPublishedPostId } from "~/models/posts.server";

/** A comment line every so often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const post = await orHttpError(getPublishedPostId(params.slug ?? ""));
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribe(post.id, (event) =>
        send(
          `event: ${event.kind}\ndata: ${JSON.stringify(event.kind === "post" ? {} : { commentId: event.commentId })}\n\n`,
        ),
      ).catch(() => null);
      // Events cannot be heard now (the database is away): the browser asks again in a while.
      if (!unsubscribe) {
        send("retry: 5000\n\n");
        return controller.close();
      }
      const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
      let closed = false;
      const stopAtShutdown = onShutdown(() => cleanup());
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        stopAtShutdown();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      // A reader who leaves ends the subscription at once.
      for (const signal of [request.signal, context.readerGone]) {
        if (signal?.aborted) cleanup();
        else signal?.addEventListener("abort", cleanup, { once: true });
      }
      send("retry: 5000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
