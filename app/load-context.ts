// What server.mjs passes to every loader and action.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's network address, for computing a network cloak; never stored or logged. */
    clientAddress: string;
  }
}
