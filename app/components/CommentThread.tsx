import { useFetcher, useNavigate } from "@remix-run/react";
import { createContext, useContext, useState } from "react";
import type { PageComment } from "~/models/comments.server";
import { CommentForm, useFocusComment, type VoiceOption } from "./CommentForm";
import { useCommentBody } from "./CommentBodies";
import { When } from "./dates";
import { TagLinks } from "./TagLinks";

export type CommentNode = PageComment;

type ThreadSettings = {
  slug: string;
  commentsOpen: boolean;
  action: string;
  voiceOptions?: VoiceOption[];
  /** The reader's last visit (kept in the browser): later comments are marked new. */
  lastSeen?: string | null;
  /**
   * Reply and Flag link to `?reply=<id>` and `?flag=<id>` on this page, which sends them on to
   * the comment's own page (the thread page does): a few bytes rather than a hundred, a
   * thousand times over on a big thread.
   */
  shortLinks?: boolean;
  /** The reader's own comments on a page shared by everyone (from /me.json), by id. */
  own?: Map<number, { editable: boolean }>;
};

/** Whether the reader wrote a comment, and may still edit it: from its data, or from their personal part. */
function useOwnership(comment: Pick<CommentNode, "id" | "mine" | "editable">) {
  const { own } = useContext(ThreadContext);
  const kept = own?.get(comment.id);
  return { mine: Boolean(comment.mine || kept), editable: Boolean(comment.editable || kept?.editable) };
}

const ThreadContext = createContext<ThreadSettings>({ slug: "", commentsOpen: false, action: "" });

export const focusedUrl = (slug: string, id: number) => `/posts/${slug}/comments/${id}`;

export function ThreadProvider({ settings, children }: { settings: ThreadSettings; children: React.ReactNode }) {
  return <ThreadContext.Provider value={settings}>{children}</ThreadContext.Provider>;
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
}: {
  comments: CommentNode[];
  settings: ThreadSettings;
  focusedId?: number;
}) {
  const followLink = useThreadLinks();
  return (
    <ThreadContext.Provider value={settings}>
      {/* Clicks on the links inside are what is handled here; the links stay keyboard links. */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- delegated link clicks */}
      <ol className="thread" onClick={followLink}>
        {comments.map((c) => (
          <Comment key={c.id} comment={c} focusedId={focusedId} />
        ))}
      </ol>
    </ThreadContext.Provider>
  );
}

/** Published: out for everyone to read and answer (the data leaves a published comment's status out). */
export const isPublished = (comment: Pick<CommentNode, "status">) => comment.status === undefined;
/** Deleted, removed or spam, or held for review and withheld from this reader: only its place is shown. */
const isGone = (comment: Pick<CommentNode, "status">) => !isPublished(comment) && comment.status !== "held";

export function CommentHeader({
  comment,
}: {
  comment: Pick<CommentNode, "id" | "status" | "author" | "anonymous" | "createdAt" | "editedAt" | "mine" | "editable">;
}) {
  const { lastSeen } = useContext(ThreadContext);
  const gone = isGone(comment);
  const { mine } = useOwnership(comment);
  const isNew = Boolean(lastSeen && !mine && !gone && comment.createdAt > lastSeen);
  return (
    <>
      <span className={comment.anonymous ? "author anonymous" : "author"}>
        {comment.status === "withheld" ? "[held]" : gone ? "[gone]" : comment.author}
      </span>
      {mine ? <span className="you">you</span> : null}
      {comment.status === "held" ? <span className="held-badge">awaiting review</span> : null}
      {isNew ? <span className="new-badge">new</span> : null}
    </>
  );
}

/** When a comment was written, as its permalink. Kept out of <summary>: no link inside a toggle. */
export function CommentPermalink({
  comment,
}: {
  comment: Pick<CommentNode, "id" | "status" | "createdAt" | "editedAt">;
}) {
  const { slug } = useContext(ThreadContext);
  const gone = isGone(comment);
  return (
    <>
      <a href={focusedUrl(slug, comment.id)}>
        <When iso={comment.createdAt} />
      </a>
      {comment.editedAt && !gone ? <span className="meta"> (edited)</span> : null}
    </>
  );
}

export function CommentBody({
  comment,
}: {
  comment: Pick<CommentNode, "id" | "status" | "bodyHtml" | "removalReason" | "heldNote">;
}) {
  const shown = !isGone(comment);
  const html = useCommentBody(comment.id, shown ? (comment.bodyHtml ?? null) : null);
  if (shown) {
    return (
      <>
        {comment.heldNote ? <p className="held-note">{comment.heldNote}</p> : null}
        <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: html }} />
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

function Comment({ comment, focusedId }: { comment: CommentNode; focusedId?: number }) {
  const { slug, commentsOpen, action, voiceOptions, shortLinks } = useContext(ThreadContext);
  const [replying, setReplying] = useState(false);
  const published = isPublished(comment);
  const permalink = focusedUrl(slug, comment.id);
  const { mine, editable } = useOwnership(comment);
  return (
    <li
      className={`comment${comment.id === focusedId ? " focused" : ""}${comment.status === "withheld" ? " withheld" : ""}`}
      id={`c-${comment.id}`}
    >
      <details open>
        <summary>
          <CommentHeader comment={comment} />
        </summary>
        <CommentPermalink comment={comment} />
        <CommentBody comment={comment} />
        <TagLinks tags={comment.tags ?? []} plain />
        <div className="comment-actions">
          {published && commentsOpen ? (
            <a
              href={shortLinks ? `?reply=${comment.id}` : `${permalink}?reply=1#reply`}
              onClick={(e) => {
                e.preventDefault();
                setReplying((open) => !open);
              }}
              aria-expanded={replying}
            >
              Reply
            </a>
          ) : null}
          {editable ? <a href={`${permalink}?edit=1#edit`}>Edit</a> : null}
          {published && !mine ? (
            <a href={shortLinks ? `?flag=${comment.id}` : `${permalink}?flag=1#flag`}>Flag</a>
          ) : null}
          {mine ? <DeleteButton commentId={comment.id} action={action} /> : null}
        </div>
        {replying ? (
          <ReplyForm parent={comment} action={action} voiceOptions={voiceOptions} onPosted={() => setReplying(false)} />
        ) : null}
        {comment.replies ? (
          <ol>
            {comment.replies.map((reply) => (
              <Comment key={reply.id} comment={reply} focusedId={focusedId} />
            ))}
          </ol>
        ) : null}
        {comment.hiddenReplies ? (
          <a className="continue" href={permalink}>
            Continue this thread ({comment.hiddenReplies} more {comment.hiddenReplies === 1 ? "reply" : "replies"}) →
          </a>
        ) : null}
      </details>
    </li>
  );
}

/** The in-place reply form, opened by a comment's Reply link (its hooks only where it is open). */
function ReplyForm({
  parent,
  action,
  voiceOptions,
  onPosted,
}: {
  parent: CommentNode;
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
