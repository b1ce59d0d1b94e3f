import {
  defer,
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { useState } from "react";
import { CommentForm, keepFormWhenUnanswered, useFocusComment } from "~/components/CommentForm";
import { Thread, focusedUrl } from "~/components/CommentThread";
import { FlagForm } from "~/components/FlagForm";
import { LiveBanner, useLastVisit } from "~/components/LiveThread";
import { TagLinks } from "~/components/TagLinks";
import { ThreadNoticeView } from "~/components/ThreadNotice";
import { ThreadNotes, useStaffNotes } from "~/components/StaffNotes";
import { When } from "~/components/dates";
import { threadAction } from "./thread-action.server";
import { cacheTags, orHttpError, pageParam, routeHeaders } from "~/lib/http.server";
import { newFormToken } from "~/lib/keys.server";
import { useOwnComments, usePersonal } from "~/components/Personal";
import { sharedThread } from "~/routes/comment-parts.server";
import { getThreadPage } from "~/models/comments.server";
import { getPublishedPost } from "~/models/posts.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
  {
    title: data
      ? pageTitle(matches, data.post.title)
      : isRouteErrorResponse(error) && error.status === 404
        ? pageTitle(matches, "Not found")
        : pageTitle(matches),
  },
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `Comments on “${data.post.title}”`,
          href: `/posts/${data.post.slug}/comments.atom`,
        },
      ]
    : []),
];

export const headers = routeHeaders;
// A comment refused when the database went away comes back even though the thread cannot be shown.
export { KeptFormBoundary as ErrorBoundary } from "~/components/KeptForm";

/**
 * The thread's Reply and Flag links are `?reply=<id>` and `?flag=<id>` (short, on a page that
 * has a thousand of them). Without JavaScript they lead here: on to the comment's own page,
 * with its form open.
 */
function toCommentForm(url: URL, slug: string) {
  for (const form of ["reply", "flag"] as const) {
    const id = url.searchParams.get(form);
    if (id !== null && /^[1-9]\d{0,15}$/.test(id))
      return redirect(`${focusedUrl(encodeURIComponent(slug), Number(id))}?${form}=1#${form}`);
  }
  return null;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const post = await orHttpError(getPublishedPost(params.slug ?? ""));
  const toForm = toCommentForm(url, post.slug);
  if (toForm) return toForm;
  const sort = url.searchParams.get("sort") === "newest" ? "newest" : "oldest";
  // The same page for every reader, cookies or not (decision 016): what is theirs comes from /me.json.
  const thread = await sharedThread((known) => getThreadPage({ postId: post.id, page: pageParam(url), sort, known }));
  const data = { post, thread, flagged: url.searchParams.has("flagged"), formToken: newFormToken() };
  const init = { headers: cacheTags(`post:${post.id}`) };
  if (context.dataRequest) return json(data, init);
  // A page to render takes the data as it is: `defer` with nothing deferred, where `json` would
  // have Remix write the data as JSON and read it back.
  return defer(data, init);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return threadAction(request, params.slug ?? "", context);
}

export const clientAction = keepFormWhenUnanswered;

export default function PostPage() {
  const { post, thread, flagged, formToken } = useLoaderData<typeof loader>();
  const personal = usePersonal();
  const voiceOptions = personal?.voices;
  const following = personal?.thread?.postId === post.id ? personal.thread.following : null;
  const own = useOwnComments(post.id);
  const moderator = Boolean(personal?.member?.moderator);
  // Staff notes come by a staff-only request, never with the page every reader shares.
  const notes = useStaffNotes(post.slug, moderator);
  const actionData = useActionData<typeof action>();
  const focusComment = useFocusComment();
  const navigate = useNavigate();
  const lastSeen = useLastVisit(post.id);
  const [ownIds] = useState(() => new Set<number>());
  const refused = actionData && !actionData.ok ? actionData : null;
  // A refused comment comes back in the main form (as a reply when its parent was fine);
  // a refused edit or delete is named above the thread.
  const refusedFlag = refused?.values.intent === "flag" && refused.values.target === "post" ? refused : null;
  const refusedComment =
    refused &&
    refused.values.intent !== "edit" &&
    refused.values.intent !== "delete" &&
    refused.values.intent !== "flag"
      ? refused
      : null;
  const refusedChange = refused && !refusedComment && !refusedFlag ? refused : null;
  const replyTo =
    refusedComment && refusedComment.field !== "parentId" && /^\d+$/.test(refusedComment.values.parentId ?? "")
      ? Number(refusedComment.values.parentId)
      : undefined;
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
          {post.pinned ? <span className="badge">Pinned</span> : null} {post.author} ·{" "}
          <When iso={post.publishedAt} day />
        </p>
        <TagLinks tags={post.tags} />
        <div className="post-body prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <div className="meta row-actions">
          {/* Offered to every reader (members follow; others are asked to sign in first). */}
          <Form method="post" action="/me/following" className="inline">
            <input type="hidden" name="postId" value={post.id} />
            <input type="hidden" name="redirectTo" value={`/posts/${post.slug}`} />
            <button
              type="submit"
              name="intent"
              value={following ? "unfollow-post" : "follow-post"}
              className="link-button"
            >
              {following ? "Stop following this thread" : "Follow this thread"}
            </button>
          </Form>
          <a href={`/posts/${post.slug}/comments.atom`}>Comments feed</a>
        </div>
        {flagged ? (
          <p className="notice" role="status">
            Thank you: the moderators will look at it.
          </p>
        ) : (
          <details id="flag-post" open={Boolean(refusedFlag)}>
            <summary className="meta">Report this post to the moderators</summary>
            <FlagForm action={`/posts/${post.slug}`} target="post" refused={refusedFlag} />
          </details>
        )}
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
          <form method="get" action="/search" role="search" aria-label="This thread" className="thread-search">
            <input type="hidden" name="post" value={post.slug} />
            <label htmlFor="thread-q">Search this thread</label>{" "}
            <input id="thread-q" type="search" name="q" maxLength={1000} /> <button type="submit">Search</button>
          </form>
        </div>
        <ThreadNoticeView notice={post.notice} />
        {moderator || own.size > 0 ? (
          <p className="meta row-actions">
            {moderator ? <Link to={`/moderation/threads/${post.slug}`}>Moderate this thread</Link> : null}
            {own.size > 0 ? (
              <Link to={`/me/take-back?post=${encodeURIComponent(post.slug)}`}>Take back everything I wrote</Link>
            ) : null}
          </p>
        ) : null}
        <ThreadNotes notes={notes?.get(null)} />
        {post.commentsOpen ? (
          <CommentForm
            action={`/posts/${post.slug}`}
            intent="comment"
            parentId={replyTo}
            rejected={refusedComment}
            voiceOptions={voiceOptions}
            formToken={formToken}
            label={replyTo ? "Your reply" : "Add a comment"}
            submitLabel={replyTo ? "Post reply" : "Post comment"}
            onDone={(data) => {
              ownIds.add(data.commentId);
              // A held comment is only a placeholder on the shared page: its own page says why it waits.
              if (data.held) navigate(data.location);
              else focusComment(data.commentId, data.location);
            }}
          />
        ) : null}
        <LiveBanner slug={post.slug} ownCommentIds={ownIds} dataVersion={thread} />
        {refusedChange ? (
          <p className="error" role="alert">
            {refusedChange.error}
          </p>
        ) : null}
        <ThreadPager page={thread.page} pages={thread.pages} href={pageHref} />
        <Thread
          comments={thread.comments}
          settings={{
            slug: post.slug,
            commentsOpen: post.commentsOpen,
            shortLinks: true,
            action: `/posts/${post.slug}`,
            voiceOptions,
            lastSeen,
            own,
            notes,
          }}
        />
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
