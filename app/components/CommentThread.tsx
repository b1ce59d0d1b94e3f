import { Link, useFetcher } from "@remix-run/react";
import { createContext, useContext, useState } from "react";
import { CommentForm, useFocusComment, type VoiceOption } from "./CommentForm";
import { bodyElementId, useCommentBody } from "./CommentBodies";
import { When } from "./dates";
import { TagLinks } from "./TagLinks";

export type CommentNode = {
  id: number;
  parentId: number | null;
  depth: number;
  status: string;
  bodyHtml: string | null;
  author: string;
  isAnonymous: boolean;
  createdAt: string;
  editedAt: string | null;
  removalReason: string | null;
  mine: boolean;
  editable: boolean;
  tags: string[];
  replies: CommentNode[];
  hiddenReplies: number;
};

type ThreadSettings = { slug: string; commentsOpen: boolean; action: string; voiceOptions?: VoiceOption[]; /** The reader's last visit (kept in the browser): later comments are marked new. */ lastSeen?: string | null };

const ThreadContext = createContext<ThreadSettings>({ slug: "", commentsOpen: false, action: "" });

export const focusedUrl = (slug: string, id: number) => `/posts/${slug}/comments/${id}`;

export function ThreadProvider({ settings, children }: { settings: ThreadSettings; children: React.ReactNode }) {
  return <ThreadContext.Provider value={settings}>{children}</ThreadContext.Provider>;
}

export function Thread({ comments, settings, focusedId }: { comments: CommentNode[]; settings: ThreadSettings; focusedId?: number }) {
  return (
    <ThreadContext.Provider value={settings}>
      <ol className="thread">
        {comments.map((c) => (
          <Comment key={c.id} comment={c} focusedId={focusedId} />
        ))}
      </ol>
    </ThreadContext.Provider>
  );
}

export function CommentHeader({ comment }: { comment: Pick<CommentNode, "id" | "status" | "author" | "isAnonymous" | "createdAt" | "editedAt" | "mine"> }) {
  const { lastSeen } = useContext(ThreadContext);
  const gone = comment.status !== "published" && comment.status !== "held";
  const isNew = Boolean(lastSeen && !comment.mine && !gone && comment.createdAt > lastSeen);
  return (
    <>
      <span className={comment.isAnonymous ? "author anonymous" : "author"}>{gone ? "[gone]" : comment.author}</span>
      {comment.mine ? <span className="you">you</span> : null}
      {comment.status === "held" ? <span className="held-badge">awaiting review</span> : null}
      {isNew ? <span className="new-badge">new</span> : null}
    </>
  );
}

/** When a comment was written, as its permalink. Kept out of <summary>: no link inside a toggle. */
export function CommentPermalink({ comment }: { comment: Pick<CommentNode, "id" | "status" | "createdAt" | "editedAt"> }) {
  const { slug } = useContext(ThreadContext);
  const gone = comment.status !== "published" && comment.status !== "held";
  return (
    <span className="comment-when">
      <Link to={focusedUrl(slug, comment.id)} className="meta" title="Permalink to this comment">
        <When iso={comment.createdAt} />
      </Link>
      {comment.editedAt && !gone ? <span className="meta"> (edited)</span> : null}
    </span>
  );
}

export function CommentBody({ comment }: { comment: Pick<CommentNode, "id" | "status" | "bodyHtml" | "removalReason"> }) {
  const shown = comment.status === "published" || comment.status === "held";
  const html = useCommentBody(comment.id, shown ? comment.bodyHtml : null);
  if (shown) return <div id={bodyElementId(comment.id)} className="comment-body prose" dangerouslySetInnerHTML={{ __html: html }} />;
  if (comment.status === "removed") return <p className="tombstone">Removed by a moderator{comment.removalReason ? `: ${comment.removalReason}` : "."}</p>;
  if (comment.status === "spam") return <p className="tombstone">Removed by a moderator as spam.</p>;
  return <p className="tombstone">Deleted by its author.</p>;
}

function Comment({ comment, focusedId }: { comment: CommentNode; focusedId?: number }) {
  const { slug, commentsOpen, action, voiceOptions } = useContext(ThreadContext);
  const [replying, setReplying] = useState(false);
  const focusComment = useFocusComment();
  const published = comment.status === "published";
  const permalink = focusedUrl(slug, comment.id);
  return (
    <li className={comment.id === focusedId ? "comment focused" : "comment"} id={`c-${comment.id}`} tabIndex={-1}>
      <details open>
        <summary>
          <CommentHeader comment={comment} />
        </summary>
        <CommentPermalink comment={comment} />
        <CommentBody comment={comment} />
        <TagLinks tags={comment.tags} />
        <div className="comment-actions">
          {published && commentsOpen ? (
            <a
              href={`${permalink}?reply=1#reply`}
              onClick={(e) => {
                e.preventDefault();
                setReplying((open) => !open);
              }}
              aria-expanded={replying}
            >
              Reply
            </a>
          ) : null}
          {comment.editable ? <Link to={`${permalink}?edit=1#edit`}>Edit</Link> : null}
          {published && !comment.mine ? (
            <Link to={`${permalink}?flag=1#flag`} rel="nofollow">
              Flag
            </Link>
          ) : null}
          {comment.mine ? <DeleteButton commentId={comment.id} action={action} /> : null}
        </div>
        {replying ? (
          <CommentForm
            action={action}
            intent="comment"
            parentId={comment.id}
            voiceOptions={voiceOptions}
            label={`Reply to ${comment.author}`}
            submitLabel="Post reply"
            autoFocus
            onDone={(data) => {
              setReplying(false);
              focusComment(data.commentId, data.location);
            }}
          />
        ) : null}
        {comment.replies.length > 0 ? (
          <ol>
            {comment.replies.map((reply) => (
              <Comment key={reply.id} comment={reply} focusedId={focusedId} />
            ))}
          </ol>
        ) : null}
        {comment.hiddenReplies > 0 ? (
          <Link className="continue" to={permalink}>
            Continue this thread ({comment.hiddenReplies} more {comment.hiddenReplies === 1 ? "reply" : "replies"}) →
          </Link>
        ) : null}
      </details>
    </li>
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
