// The Content Security Policy nonce of the response being rendered: server.ts makes a fresh
// one for every response, app/entry.server.tsx provides it, and the document's inline scripts
// carry it. In the browser it is empty (browsers hide nonces from the page).
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
