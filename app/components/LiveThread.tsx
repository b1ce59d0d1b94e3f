import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * With JavaScript: listens to the thread's event stream and offers "N new comments"; a click
 * loads them in place. Without JavaScript it renders nothing and nothing breaks.
 */
/** The comment is on the page as its readers may read it: not only as a held comment's placeholder. */
const onPage = (commentId: number) => {
  const element = document.getElementById(`c-${commentId}`);
  return element !== null && !element.classList.contains("withheld");
};

export function LiveBanner({
  slug,
  ownCommentIds,
  dataVersion,
}: {
  slug: string;
  ownCommentIds: Set<number>;
  /** Changes when the thread's data reloads. */ dataVersion: unknown;
}) {
  const [waiting, setWaiting] = useState<number[]>([]);
  const revalidator = useRevalidator();
  const own = useRef(ownCommentIds);
  useEffect(() => {
    own.current = ownCommentIds;
  });

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/posts/${slug}/events`);
    source.addEventListener("published", (event) => {
      const { commentId } = JSON.parse((event as MessageEvent<string>).data) as { commentId: number };
      // A held comment approved is new to readers, who saw only its placeholder.
      if (own.current.has(commentId) || onPage(commentId)) return;
      setWaiting((ids) => (ids.includes(commentId) ? ids : [...ids, commentId]));
    });
    return () => source.close();
  }, [slug]);

  // Once the thread reloads (after our own post, say), what is on the page is no longer waiting.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- what is on the page is read in the DOM once it is there
    setWaiting((ids) => ids.filter((id) => !onPage(id)));
  }, [dataVersion]);

  if (waiting.length === 0) return null;
  return (
    <button
      type="button"
      className="live-banner"
      aria-live="polite"
      // Those the reload brings are taken off when it arrives: a page made just before them keeps the rest offered.
      onClick={() => revalidator.revalidate()}
    >
      {waiting.length === 1 ? "1 new comment" : `${waiting.length} new comments`}: show
    </button>
  );
}

/** The reader's previous visit to a thread, kept in this browser only; then remembers this one. */
export function useLastVisit(postId: number): string | null {
  const [lastSeen, setLastSeen] = useState<string | null>(null);
  useEffect(() => {
    const key = `picket:seen:${postId}`;
    try {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- browser storage, read after hydration so the page matches the server's
      setLastSeen(window.localStorage.getItem(key));
      window.localStorage.setItem(key, new Date().toISOString());
    } catch {
      // Storage can be disabled (private windows, strict modes): no marks then.
    }
  }, [postId]);
  return lastSeen;
}
