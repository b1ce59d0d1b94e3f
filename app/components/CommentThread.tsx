import { useFetcher, useNavigate } from "@remix-run/react";
import { createContext, memo, useCallback, useContext, useState } from "react";
import type { PageComment } from "~/models/comments.server";
import { CommentForm, useFocusComment, type VoiceOption } from "./CommentForm";
import { When } from "./dates";
import { TagLinks } from "./TagLinks";
import { voiceMarkClass } from "./voice-mark";
import { ThreadNotes, type StaffNotesByComment } from "./StaffNotes";
import { MuteContext, MuteMenu, MutedComment, useMutes } from "./Mute";

/**
 * A comment as a thread shows it: its text and tags as HTML made once and kept for every reader
 * (app/routes/comment-parts.server.tsx), and the few facts its header line is drawn from.
 */
export type ThreadComment = Pick<
  PageComment,
  "id" | "author" | "createdAt" | "status" | "mine" | "editable" | "anonymous" | "role"
> & {
  edited?: true;
  /** Its text (or tombstone) and tags. */
  main: string;
  replies?: ThreadComment[];
  hiddenReplies?: number;
};

type ThreadSettings = {
  slug: string;
  action: string;
  commentsOpen: boolean;
  /**
   * Reply and Flag link to `?reply=<id>` and `?flag=<id>` on this page, which sends them on to
   * the comment's own page (the thread page does): a few bytes rather than a hundred, a
   * thousand times over on a big thread.
   */
  shortLinks?: boolean;
  voiceOptions?: VoiceOption[];
  /** The reader's last visit (kept in the browser): later comments are marked new. */
  lastSeen?: string | null;
  /** The reader's own comments on a page shared by everyone (from /me.json), by id. */
  own?: Map<number, { editable: boolean }>;
  underFocused?: React.ReactNode;
  /** Staff notes under each comment, for a moderator (from a staff-only request). */
  notes?: StaffNotesByComment | null;
};

const ThreadContext = createContext<ThreadSettings>({ slug: "", action: "", commentsOpen: false });

export const focusedUrl = (slug: string, id: number) => `/posts/${slug}/comments/${id}`;

/** Published: out for everyone to read and answer (the data leaves a published comment's status out). */
export const isPublished = (comment: Pick<PageComment, "status">) => comment.status === undefined;
/** Deleted, removed or spam, or held for review and withheld from this reader: only its place is shown. */
const isGone = (comment: Pick<PageComment, "status">) => !isPublished(comment) && comment.status !== "held";

/** Whether the reader wrote a comment, and may still edit it: from its data, or from their personal part. */
function useOwnership(comment: Pick<ThreadComment, "id" | "mine" | "editable">) {
  const { own } = useContext(ThreadContext);
  const kept = own?.get(comment.id);
  return { mine: Boolean(comment.mine || kept), editable: Boolean(comment.editable || kept?.editable) };
}

/**
 * Navigation in the page for the plain links of a thread (permalinks, tags, "continue"): one
 * listener on the list, where a router <Link> per link would cost a thousand-comment page its
 * render time and a few bytes per link. Links in comment text, and clicks meant for a new
 * tab, are left to the browser.
 */
export function useThreadLinks() {
  const navigate = useNavigate();
  return (event: React.MouseEvent<HTMLElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || link.closest(".prose") || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
}

export function Thread({
  comments,
  settings,
  focusedId,
  underFocused,
}: {
  comments: ThreadComment[];
  settings: ThreadSettings;
  focusedId?: number;
  /** What stands right under the focused comment, above its replies (a comment's own page: its forms). */
  underFocused?: React.ReactNode;
}) {
  const followLink = useThreadLinks();
  const [replying, setReplying] = useState<ReadonlySet<number>>(() => new Set());
  const toggleReply = useCallback(
    (id: number) =>
      setReplying((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  // A comment's Reply link is in its kept HTML: with JavaScript it opens the form in place.
  const onClick = (event: React.MouseEvent<HTMLElement>) => {
    const reply = event.target instanceof Element ? event.target.closest("a.reply") : null;
    const comment = reply?.closest("li.comment");
    if (reply && comment && !event.defaultPrevented && event.button === 0) {
      event.preventDefault();
      const id = Number(comment.id.slice(2));
      reply.setAttribute("aria-expanded", String(!replying.has(id)));
      toggleReply(id);
      return;
    }
    followLink(event);
  };
  const mutes = useMutes(settings.slug);
  return (
    <ThreadContext.Provider value={underFocused ? { ...settings, underFocused } : settings}>
      <MuteContext.Provider value={mutes}>
        {/* Clicks on the links inside are what is handled here; the links stay keyboard links. */}
        {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- delegated link clicks */}
        <ol className="thread" onClick={onClick}>
          {comments.map((c) => (
            <Comment key={c.id} comment={c} focusedId={focusedId} replying={replying} toggleReply={toggleReply} />
          ))}
        </ol>
      </MuteContext.Provider>
    </ThreadContext.Provider>
  );
}

/** A comment's voice, and whether it awaits review: the same for every reader. */
export function CommentVoice({ comment }: { comment: Pick<PageComment, "status" | "author" | "anonymous" | "role"> }) {
  const gone = isGone(comment);
  const label = comment.status === "withheld" ? "[held]" : gone ? "[gone]" : comment.author;
  return (
    <>
      {gone || comment.status === "withheld" ? null : <span className={voiceMarkClass(label)} aria-hidden="true" />}
      <span className={comment.anonymous ? "author anonymous" : "author"}>{label}</span>
      {comment.role && !gone ? (
        <span className={`role ${comment.role}`}>{comment.role === "author" ? "post author" : "moderator"}</span>
      ) : null}
      {comment.status === "held" ? <span className="held-badge">awaiting review</span> : null}
    </>
  );
}

/** When a comment was written, as its permalink. Kept out of <summary>: no link inside a toggle. */
export function CommentPermalink({
  comment,
  slug,
}: {
  comment: Pick<PageComment, "id" | "status" | "createdAt"> & { edited?: boolean };
  slug: string;
}) {
  return (
    <>
      <a className="when" href={focusedUrl(slug, comment.id)}>
        <When iso={comment.createdAt} />
      </a>
      {comment.edited && !isGone(comment) ? <span className="edited">edited</span> : null}
    </>
  );
}

export function CommentBody({
  comment,
}: {
  comment: Pick<PageComment, "status" | "bodyHtml" | "removalReason" | "heldNote">;
}) {
  if (!isGone(comment)) {
    return (
      <>
        {comment.heldNote ? <p className="held-note">{comment.heldNote}</p> : null}
        <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
      </>
    );
  }
  if (comment.status === "removed")
    return (
      <p className="tombstone">Removed by a moderator{comment.removalReason ? `: ${comment.removalReason}` : "."}</p>
    );
  if (comment.status === "spam") return <p className="tombstone">Removed by a moderator as spam.</p>;
  if (comment.status === "withheld") return <p className="tombstone">Held for review by the moderators.</p>;
  return <p className="tombstone">Deleted by its author.</p>;
}

/** The rest of a comment's header line: its time as its permalink, whether it was edited, and Reply and Flag. */
function CommentMeta({ comment }: { comment: ThreadComment }) {
  const { slug, commentsOpen, shortLinks } = useContext(ThreadContext);
  const permalink = focusedUrl(slug, comment.id);
  return (
    <>
      <CommentPermalink comment={comment} slug={slug} />
      {isPublished(comment) ? (
        <span className="comment-actions">
          {commentsOpen ? (
            <a className="reply" href={shortLinks ? `?reply=${comment.id}` : `${permalink}?reply=1#reply`}>
              Reply
            </a>
          ) : null}
          <a className="flag" href={shortLinks ? `?flag=${comment.id}` : `${permalink}?flag=1#flag`}>
            Flag
          </a>
        </span>
      ) : null}
    </>
  );
}

/**
 * What every reader sees of a comment under its header line, made into HTML once and kept: its
 * text and tags (nothing here may depend on who reads it, nor on the page it is on).
 */
export function CommentMain({ comment }: { comment: PageComment }) {
  return (
    <>
      <CommentBody comment={comment} />
      <TagLinks tags={comment.tags ?? []} plain />
    </>
  );
}

const Comment = memo(function Comment({
  comment,
  answers,
  focusedId,
  replying,
  toggleReply,
}: {
  comment: ThreadComment;
  /** The comment it answers, when that is not the one right above it. */
  answers?: Pick<ThreadComment, "id" | "author">;
  focusedId?: number;
  replying: ReadonlySet<number>;
  toggleReply: (id: number) => void;
}) {
  const { slug, action, commentsOpen, voiceOptions, lastSeen, underFocused, notes } = useContext(ThreadContext);
  const mutes = useContext(MuteContext);
  const { mine, editable } = useOwnership(comment);
  const isNew = Boolean(lastSeen && !mine && !isGone(comment) && comment.createdAt > lastSeen);
  const permalink = focusedUrl(slug, comment.id);
  const className = [
    "comment",
    comment.id === focusedId ? "focused" : "",
    comment.status === "withheld" ? "withheld" : "",
    mine ? "mine" : "",
  ]
    .filter(Boolean)
    .join(" ");
  // The voice as the page shows it (never more): the key a reader mutes it by, in this browser.
  const voice = isGone(comment) ? "" : comment.author;
  const muted = Boolean(mutes?.isMuted(voice)) && !mine;
  const head = (
    <span className="comment-head">
      <CommentVoice comment={comment} />
    </span>
  );
  const content = (
    <>
      <div className="comment-meta">
        {answers ? (
          <a className="answers" href={`#c-${answers.id}`}>
            to {answers.author || "[gone]"}
          </a>
        ) : null}
        <CommentMeta comment={comment} />
        {mine ? (
          <span className="comment-actions own">
            {editable ? <a href={`${permalink}?edit=1#edit`}>Edit</a> : null}
            <DeleteButton commentId={comment.id} action={action} />
          </span>
        ) : muted ? null : (
          <MuteMenu voice={voice} />
        )}
      </div>
      <div className="comment-main" dangerouslySetInnerHTML={{ __html: comment.main }} />
      {comment.id === focusedId ? underFocused : null}
      <ThreadNotes notes={notes?.get(comment.id)} />
      {replying.has(comment.id) && commentsOpen && isPublished(comment) ? (
        <ReplyForm
          parent={comment}
          action={action}
          voiceOptions={voiceOptions}
          onPosted={() => toggleReply(comment.id)}
        />
      ) : null}
    </>
  );
  const replies = (
    <>
      {comment.replies ? (
        <ol>
          {comment.replies.map((reply, i) => (
            <Comment
              key={reply.id}
              comment={reply}
              // The first reply stands right under its parent; the others are told whom they answer.
              answers={i > 0 ? comment : undefined}
              focusedId={focusedId}
              replying={replying}
              toggleReply={toggleReply}
            />
          ))}
        </ol>
      ) : null}
      {comment.hiddenReplies ? (
        <a className="continue" href={permalink}>
          Continue this thread ({comment.hiddenReplies} more {comment.hiddenReplies === 1 ? "reply" : "replies"}) →
        </a>
      ) : null}
    </>
  );
  return (
    <li className={className} id={`c-${comment.id}`} data-voice={voice || undefined}>
      {muted ? (
        // One line for a muted voice; the replies under it stay in view.
        <>
          <MutedComment voice={voice}>
            {head}
            {content}
          </MutedComment>
          {replies}
        </>
      ) : (
        <details open>
          <summary>
            {head}
            {mine ? <span className="you">you</span> : null}
            {isNew ? <span className="new-badge">new</span> : null}
          </summary>
          {content}
          {replies}
        </details>
      )}
    </li>
  );
});

/** The in-place reply form, opened by a comment's Reply link (its hooks only where it is open). */
function ReplyForm({
  parent,
  action,
  voiceOptions,
  onPosted,
}: {
  parent: ThreadComment;
  action: string;
  voiceOptions?: VoiceOption[];
  onPosted: () => void;
}) {
  const focusComment = useFocusComment();
  return (
    <CommentForm
      action={action}
      intent="comment"
      parentId={parent.id}
      voiceOptions={voiceOptions}
      label={`Reply to ${parent.author}`}
      submitLabel="Post reply"
      autoFocus
      onDone={(data) => {
        onPosted();
        focusComment(data.commentId, data.location);
      }}
    />
  );
}

function DeleteButton({ commentId, action }: { commentId: number; action: string }) {
  const fetcher = useFetcher();
  return (
    <details className="delete">
      <summary className="link-button">Delete</summary>
      <fetcher.Form method="post" action={action}>
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="commentId" value={commentId} />
        <button type="submit" className="link-button">
          Yes, delete my comment
        </button>
      </fetcher.Form>
    </details>
  );
}
