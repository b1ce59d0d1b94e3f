import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MONTHS } from "~/components/dates";
import { PostList } from "~/components/PostList";
import { listMonthPosts } from "~/models/posts.server";
import { cacheTags, routeHeaders } from "~/lib/http.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, `${MONTHS[data.month - 1]} ${data.year}`) : pageTitle(matches, "Archive") },
];

export const headers = routeHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const year = Number(params.year);
  const month = Number(params.month);
  if (!/^\d{4}$/.test(params.year ?? "") || !/^\d{1,2}$/.test(params.month ?? "") || month < 1 || month > 12) {
    throw new Response("Not Found", { status: 404 });
  }
  return json({ year, month, posts: await listMonthPosts({ year, month }) }, { headers: cacheTags("home") });
}

export default function ArchiveMonth() {
  const { year, month, posts } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="meta">
        <Link to="/archive">Archive</Link>
      </p>
      <h1>
        {MONTHS[month - 1]} {year}
      </h1>
      <PostList posts={posts} />
    </>
  );
}
