import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager, PostList } from "~/components/PostList";
import { cacheTags, orHttpError, pageParam, routeHeaders } from "~/lib/http.server";

export const headers = routeHeaders;
import { findOldAddress } from "~/models/import.server";
import { listHomePosts } from "~/models/posts.server";
import { pageTitle, useForum } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // An imported WordPress post's old address (/?p=12): only a request that names one reads it.
  const oldPost = url.searchParams.get("p");
  if (oldPost !== null) {
    const slug = /^\d{1,12}$/.test(oldPost) ? await orHttpError(findOldAddress(`/?p=${oldPost}`)) : null;
    if (slug) return redirect(`/posts/${encodeURIComponent(slug)}`, 301);
    throw new Response("Not Found", { status: 404 });
  }
  return json(await listHomePosts({ page: pageParam(url) }), { headers: cacheTags("home") });
}

export default function Home() {
  const { posts, page, pages } = useLoaderData<typeof loader>();
  const forum = useForum();
  return (
    <>
      <h1 className="visually-hidden">{forum.name}: latest posts</h1>
      {forum.description && page === 1 ? <p className="forum-description">{forum.description}</p> : null}
      <PostList posts={posts} />
      <Pager page={page} pages={pages} href={(p) => (p === 1 ? "/" : `/?page=${p}`)} />
    </>
  );
}
