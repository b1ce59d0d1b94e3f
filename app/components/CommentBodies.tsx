// A big thread's comment bodies travel once. On a page's first load the server renders them
// into the HTML and leaves them out of the loader data; in the browser, the first render
// reads each body back from the page it hydrates. Later data loads carry the bodies again.
import { createContext, useContext } from "react";

const BodiesContext = createContext<Map<number, string> | undefined>(undefined);

export const CommentBodiesProvider = BodiesContext.Provider;

/** The HTML of a comment's body: from the data, from the server render, or from the page. */
export function useCommentBody(commentId: number, fromData: string | null): string {
  const fromServer = useContext(BodiesContext);
  if (fromData !== null) return fromData;
  const rendered = fromServer?.get(commentId);
  if (rendered !== undefined) return rendered;
  // The comment's own body, not a reply's: in a thread (under its <details>) or in a list of ancestors.
  if (typeof document !== "undefined")
    return (
      document.querySelector(`#c-${commentId} > details > .comment-body, #c-${commentId} > .comment-body`)?.innerHTML ??
      ""
    );
  return "";
}
