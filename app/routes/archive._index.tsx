import { json, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MONTHS } from "~/components/dates";
import { listArchiveMonths } from "~/models/posts.server";
import { cacheTags, routeHeaders } from "~/lib/http.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Archive") }];

export const headers = routeHeaders;

export async function loader() {
  return json({ months: await listArchiveMonths() }, { headers: cacheTags("home") });
}

export default function Archive() {
  const { months } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Archive</h1>
      {months.length === 0 ? <p>No posts yet.</p> : null}
      <ul className="archive-months">
        {months.map(({ year, month, count }) => (
          <li key={`${year}-${month}`}>
            <Link to={`/archive/${year}/${String(month).padStart(2, "0")}`}>
              {MONTHS[month - 1]} {year}
            </Link>{" "}
            ({count})
          </li>
        ))}
      </ul>
    </>
  );
}
