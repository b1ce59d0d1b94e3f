import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { usePersonal } from "~/components/Personal";
import { tagUrl } from "~/components/TagLinks";
import { listGlossary } from "~/models/tags.server";
import { cacheTags, routeHeaders } from "~/lib/http.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Tags and glossary") }];

export const headers = routeHeaders;

export async function loader() {
  const glossary = await listGlossary();
  return json(
    { tags: glossary.map(({ name, description, posts, comments }) => ({ name, description, posts, comments })) },
    { headers: cacheTags("tags") },
  );
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export default function Glossary() {
  const { tags } = useLoaderData<typeof loader>();
  const member = usePersonal()?.member;
  return (
    <>
      <h1>Tags and glossary</h1>
      <p>The words and acronyms of the dispute. Each tag gathers the posts and comments that mention it.</p>
      {member?.editor ? (
        <p className="meta">
          <Link to="/admin/glossary">Edit the glossary</Link>
        </p>
      ) : null}
      {tags.length === 0 ? <p>No tags yet.</p> : null}
      <dl className="glossary">
        {tags.map((tag) => (
          <div key={tag.name}>
            <dt>
              <Link to={tagUrl(tag.name)}>{tag.name}</Link>{" "}
              <span className="meta">
                {count(tag.posts, "post", "posts")} · {count(tag.comments, "comment", "comments")}
              </span>
            </dt>
            <dd>{tag.description}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
