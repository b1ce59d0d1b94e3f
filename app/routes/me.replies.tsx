import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { siteOrigin } from "~/lib/atom.server";
import { parseForm, refuse } from "~/lib/forms.server";
import { ReplyFeedSchema } from "./forms.server";
import { pageParam } from "~/lib/http.server";
import { authorRef } from "~/lib/keys.server";
import { getViewer } from "~/lib/viewer.server";
import {
  createReplyFeed,
  getReplies,
  hasReplyFeed,
  markRepliesSeen,
  revokeReplyFeeds,
} from "~/models/following.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Replies to you") },
  { name: "robots", content: "noindex" },
];

async function voiceRefs(request: Request) {
  const viewer = await getViewer(request);
  const refs = await Promise.all(viewer.writers.map(authorRef));
  // The private feed follows the account when signed in, else this browser.
  const feedRef = viewer.member ? await authorRef({ userId: viewer.member.id }) : (refs[0] ?? null);
  return { refs, feedRef };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { refs, feedRef } = await voiceRefs(request);
  const replies = await getReplies({ refs, page: pageParam(new URL(request.url)) });
  // Opening the page reads the replies: the unread marks are for this visit only.
  if (replies.unread > 0) await markRepliesSeen({ refs });
  return json(
    { ...replies, known: refs.length > 0, hasFeed: feedRef ? await hasReplyFeed({ authorRef: feedRef }) : false },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { feedRef } = await voiceRefs(request);
  const form = await parseForm(request, ReplyFeedSchema);
  if (!form.ok) return refuse(form);
  if (!feedRef)
    return refuse({
      ...form,
      error: "Write a comment first: replies are found by what this browser or account wrote.",
      field: null,
      ok: false,
    });
  if (form.data.intent === "revoke-feed") {
    await revokeReplyFeeds({ authorRef: feedRef });
    return redirect("/me/replies");
  }
  const token = await createReplyFeed({ authorRef: feedRef });
  return json({ ok: true as const, feedUrl: `${siteOrigin()}/me/replies.atom?key=${token}` });
}

export default function Replies() {
  const { replies, page, hasMore, known, hasFeed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Replies to you</h1>
      {!known ? (
        <p>
          Nothing yet: once you comment from this browser (or signed in), replies to you appear here, even to anonymous
          comments.
        </p>
      ) : null}
      {known && replies.length === 0 ? <p>No replies yet.</p> : null}
      <ol className="post-list">
        {replies.map((r) => (
          <li key={r.id} className={r.unread ? "unread" : undefined}>
            <p className="meta">
              {r.unread ? <span className="new-badge">new</span> : null} <strong>{r.author}</strong> replied on{" "}
              <Link to={`/posts/${r.post.slug}`}>{r.post.title}</Link> · <When iso={r.createdAt} />
            </p>
            <p className="meta">To your comment: “{r.parentExcerpt}”</p>
            <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
            <Link to={`/posts/${r.post.slug}/comments/${r.id}`}>See it in the thread</Link>
          </li>
        ))}
      </ol>
      <nav className="pagination">
        {page > 1 ? <Link to={`/me/replies?page=${page - 1}`}>← Newer</Link> : <span />}
        {hasMore ? <Link to={`/me/replies?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
      {known ? (
        <section>
          <h2>A private feed of these replies</h2>
          <p>
            For a feed reader: an address only you know. Anyone with it can read the replies to you, so keep it private;
            revoke it if it leaks.
          </p>
          {result && !result.ok ? (
            <p className="error" role="alert">
              {result.error}
            </p>
          ) : null}
          {result?.ok ? (
            <p className="notice" role="status">
              Your feed (shown once): <span className="secret">{result.feedUrl}</span>
            </p>
          ) : null}
          <Form method="post" className="row-actions">
            <button type="submit" name="intent" value="create-feed">
              {hasFeed ? "Make a new address (the old one stops working)" : "Make a private feed address"}
            </button>
            {hasFeed ? (
              <button type="submit" name="intent" value="revoke-feed">
                Revoke the feed
              </button>
            ) : null}
          </Form>
        </section>
      ) : null}
    </>
  );
}
