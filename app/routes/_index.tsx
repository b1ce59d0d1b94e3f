import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager, PostList } from "~/components/PostList";
import { cacheTags, pageParam, routeHeaders } from "~/lib/http.server";

export const headers = routeHeaders;
import { listHomePosts } from "~/models/posts.server";
import { pageTitle, useForum } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await listHomePosts({ page: pageParam(new URL(request.url)) }), { headers: cacheTags("home") });
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
