import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormProblem } from "~/components/Field";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { FollowSchema } from "./forms.server";
import { requireMember, safeRedirect } from "~/lib/viewer.server";
import { followPost, followTag, getFollowing, unfollow } from "~/models/following.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Following") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requireMember(request);
  return json(await getFollowing({ userId: member.id }), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const member = await requireMember(request);
  const form = await parseForm(request, FollowSchema);
  if (!form.ok) return refuse(form);
  const { intent, postId, tagId, redirectTo } = form.data;
  const userId = member.id;
  return orRefusal(form.values, async () => {
    if (intent === "follow-post") await followPost({ userId, postId });
    else if (intent === "unfollow-post") await unfollow({ userId, postId });
    else if (intent === "follow-tag") await followTag({ userId, tagId });
    else await unfollow({ userId, tagId });
    return redirect(safeRedirect(redirectTo, "/me/following"));
  });
}

export default function Following() {
  const { posts, tags } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Following</h1>
      <FormProblem message={refused?.error} />
      <h2>Posts</h2>
      {posts.length === 0 ? <p>You follow no post yet: use “Follow this thread” under a post.</p> : null}
      <ul>
        {posts.map((p) => (
          <Followed
            key={p.id}
            kind="post"
            id={p.id}
            to={`/posts/${p.slug}`}
            title={p.title}
            news={p.newComments > 0 ? `${p.newComments} new` : null}
          />
        ))}
      </ul>
      <h2>Tags</h2>
      {tags.length === 0 ? <p>You follow no tag yet: use “Follow this tag” on a tag&apos;s page.</p> : null}
      <ul>
        {tags.map((t) => (
          <Followed
            key={t.id}
            kind="tag"
            id={t.id}
            to={`/tags/${t.name}`}
            title={t.name}
            news={t.newPosts + t.newComments > 0 ? `${t.newPosts} new posts, ${t.newComments} new comments` : null}
          />
        ))}
      </ul>
    </>
  );
}

/** A followed post or tag: its link, what is new there since the last visit, and a button to unfollow. */
function Followed({
  kind,
  id,
  to,
  title,
  news,
}: {
  kind: "post" | "tag";
  id: number;
  to: string;
  title: string;
  news: string | null;
}) {
  return (
    <li>
      <Link to={to}>{title}</Link>{" "}
      {news ? <span className="new-badge">{news}</span> : <span className="meta">nothing new</span>}{" "}
      <Form method="post" className="inline">
        <input type="hidden" name={`${kind}Id`} value={id} />
        <button type="submit" name="intent" value={`unfollow-${kind}`} className="link-button">
          Unfollow
        </button>
      </Form>
    </li>
  );
}
