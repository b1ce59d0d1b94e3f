// What server.ts passes to every loader and action.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's network address, for computing a network cloak; never stored or logged. */
    clientAddress: string;
    /**
     * Aborted when the reader's connection closes. Streams listen to it: the request's own
     * signal reaches a resource route through copies of the request that may be collected.
     */
    readerGone?: AbortSignal;
    /** This response's Content Security Policy nonce, for the document's inline scripts. */
    cspNonce?: string;
    /**
     * The browser's router asks for a route's data (`?_data=`), as JSON, rather than for a page
     * to render.
     */
    dataRequest?: boolean;
  }
}
