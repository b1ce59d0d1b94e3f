import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { listPostsForEditors } from "~/models/posts.server";
import { POST_STATUSES, oneOf } from "~/models/statuses";
import { pageTitle } from "~/components/forum";
import type { PageHandle } from "~/root";

export const handle: PageHandle = { wide: true };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Posts") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const status = new URL(request.url).searchParams.get("status");
  const filter = oneOf(POST_STATUSES, status);
  return json({ posts: await listPostsForEditors({ status: filter }), filter: filter ?? null });
}

export default function EditorPosts() {
  const { posts, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Posts and submissions</h1>
      <p>
        <Link to="/admin/posts/new">Write a post</Link> · Show:{" "}
        {[null, "submitted", "published", "rejected", "unpublished"].map((s) => (
          <span key={s ?? "all"}>
            <Link to={s ? `/admin/posts?status=${s}` : "/admin/posts"} aria-current={filter === s}>
              {s ?? "all"}
            </Link>{" "}
          </span>
        ))}
      </p>
      <div className="table-scroll">
        <table className="admin">
          <thead>
            <tr>
              <th>Title</th>
              <th>By</th>
              <th>Status</th>
              <th>Sent</th>
            </tr>
          </thead>
          <tbody>
            {posts.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/posts/${p.id}`}>{p.title}</Link>
                  {p.pinned ? " (pinned)" : ""}
                  {p.commentsOpen ? "" : " (comments closed)"}
                </td>
                <td>{p.author}</td>
                <td>
                  <span className="status">{p.status}</span>
                </td>
                <td>
                  <When iso={p.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
