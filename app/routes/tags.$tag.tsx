import { json, redirect, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { focusedUrl } from "~/components/CommentThread";
import { Pager, PostList } from "~/components/PostList";
import { TagLinks, tagUrl } from "~/components/TagLinks";
import { When } from "~/components/dates";
import { forumIn, pageTitle } from "~/components/forum";
import { cacheTags, orHttpError, pageParam, routeHeaders } from "~/lib/http.server";
import { getTagPage } from "~/models/tag-pages.server";
import { canonicalTagName } from "~/models/tags.server";

export const meta: MetaFunction = ({ data: raw, matches }) => {
  const data = raw as SerializeFrom<typeof tagPage> | undefined;
  return data
    ? [
        { title: pageTitle(matches, data.tag.name, "Tags") },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `${forumIn(matches).name}: ${data.tag.name}`,
          href: `${tagUrl(data.tag.name)}.atom`,
        },
      ]
    : [{ title: pageTitle(matches, "Not found") }];
};

export const headers = routeHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const asked = params.tag ?? "";
  return tagPage(request, asked);
}

async function tagPage(request: Request, asked: string) {
  const name = await canonicalTagName(asked);
  if (!name) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  // One address per tag: "/tags/crc" leads to "/tags/CRC".
  if (name !== asked) throw redirect(`${tagUrl(name)}${url.search}`);
  return json(await orHttpError(getTagPage({ name, page: pageParam(url) })), { headers: cacheTags("tags") });
}

/** "3 comments"; "1,000+ comments" past the number a tag page counts to. */
const count = (n: number, one: string, many: string, more = false) =>
  `${n.toLocaleString("en-GB")}${more ? "+" : ""} ${n === 1 && !more ? one : many}`;

export default function TagPage() {
  const { tag, posts, comments, postCount, commentCount, countsCapped, page, pages } = useLoaderData<typeof tagPage>();
  const href = (p: number) => `${tagUrl(tag.name)}${p > 1 ? `?page=${p}` : ""}`;
  return (
    <>
      <p className="meta">
        <Link to="/tags">Tags and glossary</Link>
      </p>
      <h1>{tag.name}</h1>
      <p className="tag-description">{tag.description}</p>
      <p className="meta">
        {count(postCount, "post", "posts", countsCapped.posts)} ·{" "}
        {count(commentCount, "comment", "comments", countsCapped.comments)}, newest first
      </p>
      <Pager page={page} pages={pages} href={href} />
      {posts.length > 0 ? (
        <section aria-labelledby="tag-posts">
          <h2 id="tag-posts">Posts</h2>
          <PostList posts={posts} />
        </section>
      ) : null}
      {comments.length > 0 ? (
        <section aria-labelledby="tag-comments">
          <h2 id="tag-comments">Comments</h2>
          <ol className="post-list tagged-comments">
            {comments.map((c) => (
              <li key={c.id} id={`c-${c.id}`}>
                <div className="meta">
                  <span className={c.isAnonymous ? "author anonymous" : "author"}>{c.author}</span> on{" "}
                  <Link to={`/posts/${c.post.slug}`}>{c.post.title}</Link> ·{" "}
                  <Link to={focusedUrl(c.post.slug, c.id)}>
                    <When iso={c.createdAt} />
                  </Link>
                </div>
                <div className="comment-body prose" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
                <p className="meta">
                  <Link to={focusedUrl(c.post.slug, c.id)}>Read it in its thread →</Link>
                </p>
                <TagLinks tags={c.tags} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {postCount === 0 && commentCount === 0 ? <p>Nothing carries this tag yet.</p> : null}
      <Pager page={page} pages={pages} href={href} />
    </>
  );
}
