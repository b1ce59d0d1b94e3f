import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CommentForm, useFocusComment } from "~/components/CommentForm";
import { Thread } from "~/components/CommentThread";
import { When } from "~/components/dates";
import { handleCommentAction } from "~/lib/comment-actions.server";
import { orHttpError, pageParam } from "~/lib/http.server";
import { getViewer } from "~/lib/viewer.server";
import { getThreadPage } from "~/models/comments.server";
import { getPublishedPost, getPublishedPostId } from "~/models/posts.server";
import { voiceChoicesFor } from "~/models/voices.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.post.title} · Picket` : "Not found · Picket" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const post = await orHttpError(getPublishedPost(params.slug ?? ""));
  const viewer = await getViewer(request);
  const sort = url.searchParams.get("sort") === "newest" ? "newest" : "oldest";
  const thread = await getThreadPage({ postId: post.id, page: pageParam(url), sort, viewers: viewer.writers });
  return json({ post, thread, voiceOptions: voiceChoicesFor(viewer.member) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const post = await orHttpError(getPublishedPostId(params.slug ?? ""));
  return handleCommentAction(request, post);
}

export default function PostPage() {
  const { post, thread, voiceOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const focusComment = useFocusComment();
  const refused = actionData && !actionData.ok ? actionData : null;
  // A refused comment comes back in the main form (as a reply when its parent was fine);
  // a refused edit or delete is named above the thread.
  const refusedComment = refused && refused.values.intent !== "edit" && refused.values.intent !== "delete" ? refused : null;
  const refusedChange = refused && !refusedComment ? refused : null;
  const replyTo = refusedComment && refusedComment.field !== "parentId" && /^\d+$/.test(refusedComment.values.parentId) ? Number(refusedComment.values.parentId) : undefined;
  const pageHref = (page: number, sort = thread.sort) => {
    const search = new URLSearchParams();
    if (sort !== "oldest") search.set("sort", sort);
    if (page > 1) search.set("page", String(page));
    const query = search.toString();
    return `/posts/${post.slug}${query ? `?${query}` : ""}#comments`;
  };
  return (
    <>
      <article>
        <h1>{post.title}</h1>
        <p className="meta">
          {post.pinned ? <span className="badge">Pinned</span> : null} {post.author} · <When iso={post.publishedAt} day />
        </p>
        <div className="post-body prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </article>
      <section id="comments" aria-labelledby="comments-title">
        <div className="thread-head">
          <h2 id="comments-title">{thread.topLevelCount === 0 ? "No comments yet" : "Comments"}</h2>
          <nav className="sort" aria-label="Sort comments">
            Sort:{" "}
            <Link to={pageHref(1, "oldest")} aria-current={thread.sort === "oldest"}>
              oldest first
            </Link>{" "}
            ·{" "}
            <Link to={pageHref(1, "newest")} aria-current={thread.sort === "newest"}>
              newest first
            </Link>
          </nav>
        </div>
        {post.commentsOpen ? (
          <CommentForm
            action={`/posts/${post.slug}`}
            intent="comment"
            parentId={replyTo}
            rejected={refusedComment}
            voiceOptions={voiceOptions}
            label={replyTo ? "Your reply" : "Add a comment"}
            submitLabel={replyTo ? "Post reply" : "Post comment"}
            onDone={(data) => focusComment(data.commentId, data.location)}
          />
        ) : (
          <p className="closed">Comments are closed on this post.</p>
        )}
        {refusedChange ? (
          <p className="error" role="alert">
            {refusedChange.error}
          </p>
        ) : null}
        <ThreadPager page={thread.page} pages={thread.pages} href={pageHref} />
        <Thread comments={thread.comments} settings={{ slug: post.slug, commentsOpen: post.commentsOpen, action: `/posts/${post.slug}`, voiceOptions }} />
        <ThreadPager page={thread.page} pages={thread.pages} href={pageHref} />
      </section>
    </>
  );
}

function ThreadPager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Comment pages">
      {page > 1 ? <Link to={href(page - 1)}>← Previous comments</Link> : <span />}
      <span>
        Comments page {page} of {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>More comments →</Link> : <span />}
    </nav>
  );
}
