// What belongs to this reader on a page every reader shares (decision 016): loaded by the
// browser from /me.json after the page arrives, and again after each form the reader sends.
// Without JavaScript nothing here shows; each comment's own page has the same controls.
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher, useMatches } from "@remix-run/react";
import { createContext, useContext, useEffect, type ReactNode } from "react";
import type { loader } from "~/routes/me[.]json";

export type Personal = SerializeFrom<typeof loader>;
type OwnComment = NonNullable<Personal["thread"]>["own"][number];

const PersonalContext = createContext<Personal | null>(null);

/** The address of this page's personal part: the thread's when a thread is shown. */
function personalUrl(slug: string | undefined) {
  return slug ? `/me.json?post=${encodeURIComponent(slug)}` : "/me.json";
}

export function PersonalProvider({ children }: { children: ReactNode }) {
  const fetcher = useFetcher<typeof loader>();
  const thread = useMatches().find((match) => match.id === "routes/posts.$slug");
  const href = personalUrl(thread?.params.slug);
  const { load } = fetcher;
  // Fetchers that loaded are loaded again after every action: a new comment becomes "mine".
  useEffect(() => {
    load(href);
  }, [href, load]);
  return <PersonalContext.Provider value={fetcher.data ?? null}>{children}</PersonalContext.Provider>;
}

/** The reader's personal part of this page, once the browser has it (null before, and without JavaScript). */
export function usePersonal(): Personal | null {
  return useContext(PersonalContext);
}

/** The reader's own comments on the thread shown, by id. */
export function useOwnComments(postId: number): Map<number, OwnComment> {
  const personal = usePersonal();
  const own = personal?.thread?.postId === postId ? personal.thread.own : [];
  return new Map(own.map((comment) => [comment.id, comment]));
}
