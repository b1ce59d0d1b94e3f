import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { CommentForm, keepFormWhenUnanswered, useFocusComment } from "~/components/CommentForm";
import { FlagForm } from "~/components/FlagForm";
import {
  CommentBody,
  CommentPermalink,
  CommentVoice,
  Thread,
  focusedUrl,
  isPublished,
  useThreadLinks,
} from "~/components/CommentThread";
import { personalParts } from "~/routes/comment-parts.server";
import { threadAction } from "./thread-action.server";
import { idParam, orHttpError, routeHeaders } from "~/lib/http.server";
import { newFormToken } from "~/lib/keys.server";
import { canModerate, getViewer, readerOf } from "~/lib/viewer.server";
import { moderatorNotesIn } from "~/models/moderation.server";
import { ThreadNotes } from "~/components/StaffNotes";
import { getFocusedComment, getOwnCommentSource } from "~/models/comments.server";
import { getPublishedPost } from "~/models/posts.server";
import { voiceChoicesFor } from "~/models/voices.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
  {
    title: data
      ? pageTitle(matches, `A comment on ${data.post.title}`)
      : isRouteErrorResponse(error) && error.status === 404
        ? pageTitle(matches, "Not found")
        : pageTitle(matches),
  },
  { name: "robots", content: "noindex" },
];

export const headers = routeHeaders;
// A comment refused when the database went away comes back even though the thread cannot be shown.
export { KeptFormBoundary as ErrorBoundary } from "~/components/KeptForm";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const commentId = idParam(params.id);
  const post = await orHttpError(getPublishedPost(params.slug ?? ""));
  const viewer = await getViewer(request);
  const focused = await orHttpError(getFocusedComment({ postId: post.id, commentId, reader: readerOf(viewer) }));
  const edit =
    url.searchParams.has("edit") && focused.comment.editable
      ? await getOwnCommentSource({ postId: post.id, commentId, writers: viewer.writers })
      : null;
  // This page is personal (never kept): a moderator reads and writes staff notes under the comment here.
  const moderator = viewer.member ? canModerate(viewer.member.role) : false;
  const notes = moderator
    ? (await moderatorNotesIn({ postId: post.id })).filter((note) => note.commentId === commentId)
    : null;
  return json(
    {
      post: { id: post.id, slug: post.slug, title: post.title, commentsOpen: post.commentsOpen },
      ancestors: focused.ancestors,
      comment: personalParts([focused.comment])[0],
      page: focused.page,
      editBody: edit?.body ?? null,
      replyOpen: url.searchParams.has("reply"),
      flagOpen: url.searchParams.has("flag"),
      flagged: url.searchParams.get("flagged"),
      edited: url.searchParams.has("edited"),
      voiceOptions: voiceChoicesFor(viewer.member),
      formToken: newFormToken(),
      notes,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  idParam(params.id);
  return threadAction(request, params.slug ?? "", context);
}

export const clientAction = keepFormWhenUnanswered;

export default function FocusedComment() {
  const {
    post,
    ancestors,
    comment,
    page,
    editBody,
    replyOpen,
    flagOpen,
    flagged,
    edited,
    voiceOptions,
    formToken,
    notes,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigate = useNavigate();
  const focusComment = useFocusComment();
  const followLink = useThreadLinks();
  const here = focusedUrl(post.slug, comment.id);
  const refused = actionData && !actionData.ok ? actionData : null;
  const rejectedEdit = refused?.values.intent === "edit" ? refused : null;
  const refusedDelete = refused?.values.intent === "delete" ? refused : null;
  const refusedFlag = refused?.values.intent === "flag" ? refused : null;
  const rejectedReply = refused && !rejectedEdit && !refusedDelete && !refusedFlag ? refused : null;
  const settings = { slug: post.slug, commentsOpen: post.commentsOpen, action: here, voiceOptions };
  const threadLink = `/posts/${post.slug}${page > 1 ? `?page=${page}` : ""}#c-${comment.id}`;
  return (
    <>
      <h1 className="focused-title">
        A comment on <Link to={`/posts/${post.slug}`}>{post.title}</Link>
      </h1>
      <p className="meta">
        <Link to={threadLink}>See it in the whole thread</Link>
      </p>
      {ancestors.length > 0 ? (
        <>
          <h2 className="visually-hidden">Earlier in this conversation</h2>
          {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- delegated link clicks */}
          <ol className="ancestors" onClick={followLink}>
            {ancestors.map((a) => (
              <li key={a.id} id={`c-${a.id}`}>
                <div className="meta">
                  <CommentVoice comment={a} />{" "}
                  <CommentPermalink comment={{ ...a, edited: Boolean(a.editedAt) }} slug={post.slug} />
                </div>
                <CommentBody comment={a} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {/* What was just done to the comment, and its forms, stand right under it (above its replies). */}
      <Thread
        comments={[comment]}
        settings={settings}
        focusedId={comment.id}
        underFocused={
          <>
            {flagged !== null ? (
              <p className="notice" role="status">
                {flagged === "hidden"
                  ? "Thank you: it is hidden until the moderators have looked at it."
                  : "Thank you: the moderators will look at it."}
              </p>
            ) : null}
            {edited && editBody === null && !rejectedEdit ? (
              <p className="notice" role="status">
                Your changes are saved.
              </p>
            ) : null}
            {refusedDelete ? (
              <p className="error" role="alert">
                {refusedDelete.error}
              </p>
            ) : null}
            {comment.mine ? (
              <p className="meta">
                <Link to={`/me/take-back?post=${encodeURIComponent(post.slug)}`}>Take back everything I wrote</Link>
              </p>
            ) : null}
            {focusedForms()}
          </>
        }
      />
      {notes ? (
        <section id="staff-notes" aria-labelledby="staff-notes-title">
          <h2 id="staff-notes-title">Staff notes</h2>
          <ThreadNotes notes={notes} />
          <form method="post" action={`/moderation/threads/${post.slug}`} className="stack-form">
            <input type="hidden" name="intent" value="note" />
            <input type="hidden" name="commentId" value={comment.id} />
            <input type="hidden" name="back" value={`${here}#staff-notes`} />
            <label htmlFor="staff-note">A note only staff will see</label>
            <textarea id="staff-note" name="body" maxLength={2000} required />
            <button type="submit">Add the note</button>
          </form>
        </section>
      ) : null}
    </>
  );

  /** The comment's forms (called, not a component: they keep their state across renders). */
  function focusedForms() {
    return (
      <>
        {editBody !== null || rejectedEdit ? (
          <section id="edit" aria-label="Edit your comment">
            <CommentForm
              action={here}
              intent="edit"
              commentId={comment.id}
              rejected={rejectedEdit}
              defaultBody={editBody ?? ""}
              label="Edit your comment"
              submitLabel="Save changes"
              autoFocus
              onDone={() => navigate(`${here}?edited=1#c-${comment.id}`, { replace: true })}
            />
          </section>
        ) : null}
        {isPublished(comment) && !comment.mine ? (
          <details id="flag" open={flagOpen || Boolean(refusedFlag)}>
            <summary>Flag this comment for the moderators</summary>
            <FlagForm action={here} target="comment" commentId={comment.id} refused={refusedFlag} />
          </details>
        ) : null}
        {post.commentsOpen && isPublished(comment) ? (
          <details id="reply" open={replyOpen || Boolean(rejectedReply)}>
            <summary>Reply to this comment</summary>
            <CommentForm
              action={here}
              intent="comment"
              parentId={comment.id}
              rejected={rejectedReply}
              voiceOptions={voiceOptions}
              formToken={formToken}
              label={`Reply to ${comment.author}`}
              submitLabel="Post reply"
              onDone={(data) => focusComment(data.commentId, data.location)}
            />
          </details>
        ) : null}
      </>
    );
  }
}
