import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { authorRef } from "~/lib/keys.server";
import { requireMember } from "~/lib/viewer.server";
import { listOwnSubmissions } from "~/models/posts.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Your submissions") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requireMember(request);
  return json({ submissions: await listOwnSubmissions({ authorRefs: [await authorRef({ userId: member.id })] }) });
}

const STATUS_TEXT: Record<string, string> = {
  submitted: "waiting for the editors",
  published: "published",
  rejected: "not published",
  unpublished: "unpublished by the editors",
};

export default function Submissions() {
  const { submissions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your submitted posts</h1>
      {submissions.length === 0 ? (
        <p>
          None yet. <Link to="/submit">Write a post</Link> for the branch blog.
        </p>
      ) : null}
      <ul className="post-list">
        {submissions.map((s) => (
          <li key={s.id}>
            <h2>{s.status === "published" ? <Link to={`/posts/${s.slug}`}>{s.title}</Link> : s.title}</h2>
            <p className="meta">
              As {s.author} · sent <When iso={s.createdAt} /> ·{" "}
              <span className="status">{STATUS_TEXT[s.status] ?? s.status}</span>
            </p>
            {s.status === "rejected" && s.rejectionReason ? <p>The editors said: {s.rejectionReason}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
