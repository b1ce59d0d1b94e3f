import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SearchForm, SearchResultList, searchHref } from "~/components/Search";
import { cacheTags, routeHeaders } from "~/lib/http.server";
import { glossaryTags } from "~/models/tags.server";
import { answerSearch } from "./search-request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const q = data?.form.q;
  if (!q) return [{ title: "Search · Picket" }];
  return [
    { title: `${q} · Search · Picket` },
    {
      tagName: "link",
      rel: "alternate",
      type: "application/atom+xml",
      title: `Picket: search for ${q}`,
      href: searchHref("/search.atom", { ...data.form, sort: "best" }),
    },
  ];
};

export const headers = routeHeaders;

// The same page for every reader (it reads nothing of who asks): kept by the page cache until
// any post or comment changes (decision 016; app/lib/page-cache.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const [answer, tags] = await Promise.all([answerSearch(new URL(request.url)), glossaryTags()]);
  return json(
    { ...answer, tags: tags.map((t) => t.name) },
    { status: answer.status, headers: answer.status === 200 ? cacheTags("search") : undefined },
  );
}

export default function SearchPage() {
  const { form, results, problem, tags } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Search</h1>
      <SearchForm action="/search" form={form} tags={tags} problem={problem} thread={results?.post ?? null} />
      {results ? (
        <>
          <SearchResultList action="/search" form={form} results={results} />
          {results.total > 0 ? (
            <p className="meta">
              <a href={searchHref("/search.atom", { ...form, sort: "best" })}>Follow this search (Atom feed)</a>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
