import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { textFields } from "~/lib/http.server";
import { requireMember, safeRedirect } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import { followPost, followTag, getFollowing, unfollow } from "~/models/following.server";
import { readForm } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "Following · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requireMember(request);
  return json(await getFollowing({ userId: member.id }), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const member = await requireMember(request);
  const fields = textFields(await readForm(request), ["intent", "postId", "tagId", "redirectTo"] as const);
  const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : -1);
  try {
    switch (fields.intent) {
      case "follow-post":
        await followPost({ userId: member.id, postId: id(fields.postId) });
        break;
      case "unfollow-post":
        await unfollow({ userId: member.id, postId: id(fields.postId) });
        break;
      case "follow-tag":
        await followTag({ userId: member.id, tagId: id(fields.tagId) });
        break;
      case "unfollow-tag":
        await unfollow({ userId: member.id, tagId: id(fields.tagId) });
        break;
      default:
        throw new ForumError("The form was not understood.", 400);
    }
  } catch (error) {
    if (error instanceof ForumError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  return redirect(safeRedirect(fields.redirectTo, "/me/following"));
}

export default function Following() {
  const { posts, tags } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Following</h1>
      <h2>Posts</h2>
      {posts.length === 0 ? <p>You follow no post yet: use “Follow this thread” under a post.</p> : null}
      <ul>
        {posts.map((p) => (
          <li key={p.id}>
            <Link to={`/posts/${p.slug}`}>{p.title}</Link>{" "}
            {p.newComments > 0 ? (
              <span className="new-badge">{p.newComments} new</span>
            ) : (
              <span className="meta">nothing new</span>
            )}{" "}
            <Form method="post" className="inline">
              <input type="hidden" name="postId" value={p.id} />
              <button type="submit" name="intent" value="unfollow-post" className="link-button">
                Unfollow
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>Tags</h2>
      {tags.length === 0 ? <p>You follow no tag yet: use “Follow this tag” on a tag&apos;s page.</p> : null}
      <ul>
        {tags.map((t) => (
          <li key={t.id}>
            <Link to={`/tags/${t.name}`}>{t.name}</Link>{" "}
            {t.newPosts + t.newComments > 0 ? (
              <span className="new-badge">
                {t.newPosts} new posts, {t.newComments} new comments
              </span>
            ) : (
              <span className="meta">nothing new</span>
            )}{" "}
            <Form method="post" className="inline">
              <input type="hidden" name="tagId" value={t.id} />
              <button type="submit" name="intent" value="unfollow-tag" className="link-button">
                Unfollow
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
