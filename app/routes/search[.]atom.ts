// A search's feed: follow "ballot result" in a feed reader. The newest matches, as a reader
// of the forum finds them; kept by the page cache with the other feeds until anything changes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchHref } from "~/components/Search";
import { atomResponse, siteOrigin, type AtomEntry } from "~/lib/atom.server";
import { keepResponse } from "~/lib/page-cache.server";
import { answerSearch } from "./search-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  url.searchParams.set("sort", "newest");
  url.searchParams.delete("page");
  const { form, results, problem } = await answerSearch(url);
  if (!results)
    throw new Response(problem?.error ?? "Name the words to follow: /search.atom?q=ballot+result", { status: 400 });
  const origin = siteOrigin();
  const entries = results.hits.map((hit): AtomEntry => ({
    id: `${origin}${hit.kind === "comment" ? `/posts/${hit.post.slug}/comments/${hit.id}` : `/posts/${hit.post.slug}`}`,
    title: hit.kind === "comment" ? `${hit.author} on “${hit.post.title}”` : hit.post.title,
    link: `${origin}${hit.kind === "comment" ? `/posts/${hit.post.slug}/comments/${hit.id}` : `/posts/${hit.post.slug}`}`,
    published: new Date(hit.date),
    updated: new Date(hit.date),
    author: hit.author,
    html: hit.excerptHtml,
  }));
  const page = searchHref("/search", { ...form, sort: "newest" });
  const self = searchHref("/search.atom", { ...form, sort: "best" });
  return keepResponse(
    request,
    atomResponse(request, {
      id: `${origin}${self}`,
      title: `Picket: search for ${form.q}`,
      selfUrl: `${origin}${self}`,
      pageUrl: `${origin}${page}`,
      entries,
      updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0)),
    }),
  );
}
