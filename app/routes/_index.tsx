import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager, PostList } from "~/components/PostList";
import { cacheTags, pageParam, routeHeaders } from "~/lib/http.server";

export const headers = routeHeaders;
import { listHomePosts } from "~/models/posts.server";

export const meta: MetaFunction = () => [{ title: "Picket · latest posts" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await listHomePosts({ page: pageParam(new URL(request.url)) }), { headers: cacheTags("home") });
}

export default function Home() {
  const { posts, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="visually-hidden">Latest posts</h1>
      <PostList posts={posts} />
      <Pager page={page} pages={pages} href={(p) => (p === 1 ? "/" : `/?page=${p}`)} />
    </>
  );
}
