// A big thread's comment bodies travel once. On a page's first load the server renders them
// into the HTML and leaves them out of the loader data; in the browser, the first render
// reads each body back from the page it hydrates. Later data loads carry the bodies again.
import { createContext, useContext } from "react";

const BodiesContext = createContext<Map<number, string> | undefined>(undefined);

export const CommentBodiesProvider = BodiesContext.Provider;

export const bodyElementId = (commentId: number) => `cb-${commentId}`;

/** The HTML of a comment's body: from the data, from the server render, or from the page. */
export function useCommentBody(commentId: number, fromData: string | null): string {
  const fromServer = useContext(BodiesContext);
  if (fromData !== null) return fromData;
  const rendered = fromServer?.get(commentId);
  if (rendered !== undefined) return rendered;
  if (typeof document !== "undefined") return document.getElementById(bodyElementId(commentId))?.innerHTML ?? "";
  return "";
}
