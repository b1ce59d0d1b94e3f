// Staff notes in a thread: fetched by the staff member's browser from a staff-only address
// (/moderation/notes.json), never part of the page every reader shares.
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo } from "react";
import type { loader } from "~/routes/moderation.notes[.]json";
import { When } from "./dates";

export type StaffNote = SerializeFrom<typeof loader>["notes"][number];
/** A thread's notes by the comment they are under (null: on the thread). */
export type StaffNotesByComment = Map<number | null, StaffNote[]>;

/** The thread's staff notes, loaded when the reader is a moderator; null otherwise or before they arrive. */
export function useStaffNotes(slug: string, moderator: boolean): StaffNotesByComment | null {
  const fetcher = useFetcher<typeof loader>();
  const { load } = fetcher;
  useEffect(() => {
    if (moderator) load(`/moderation/notes.json?post=${encodeURIComponent(slug)}`);
  }, [slug, moderator, load]);
  const notes = moderator ? fetcher.data?.notes : undefined;
  return useMemo(() => {
    if (!notes) return null;
    const byComment: StaffNotesByComment = new Map();
    for (const note of notes) byComment.set(note.commentId, [...(byComment.get(note.commentId) ?? []), note]);
    return byComment;
  }, [notes]);
}

/** Notes under a comment (or on a thread), marked as seen by staff alone. */
export function ThreadNotes({ notes }: { notes: StaffNote[] | undefined }) {
  if (!notes?.length) return null;
  return (
    <aside className="staff-notes" aria-label="Staff notes (only staff see these)">
      {notes.map((note) => (
        <p key={note.id} className="staff-note">
          <span className="meta">
            Staff note by {note.author}, <When iso={note.createdAt} />:
          </span>{" "}
          {note.body}
        </p>
      ))}
    </aside>
  );
}
