import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SearchForm, SearchResultList } from "~/components/Search";
import { routeHeaders } from "~/lib/http.server";
import { canModerate, requireStaff } from "~/lib/viewer.server";
import { SEARCH_STATUSES } from "~/models/search.server";
import { glossaryTags } from "~/models/tags.server";
import { answerSearch } from "./search-request.server";

export const meta: MetaFunction = () => [{ title: "Search everything · Moderation · Picket" }];

export const headers = routeHeaders;

/** Moderators search every post and comment, held, removed, spam and unpublished ones too, with their statuses. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canModerate);
  const [answer, tags] = await Promise.all([answerSearch(new URL(request.url), { everything: true }), glossaryTags()]);
  return json(
    // The statuses come with the data: the module that names them is the server's alone.
    { ...answer, tags: tags.map((t) => t.name), statuses: SEARCH_STATUSES },
    { status: answer.status, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function ModerationSearch() {
  const { form, results, problem, tags, statuses } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="meta">
        <Link to="/moderation">Moderation queue</Link>
      </p>
      <h1>Search everything</h1>
      <p>Every post and comment, whatever its status. Readers&apos; search finds only what they can read.</p>
      <SearchForm
        action="/moderation/search"
        form={form}
        tags={tags}
        problem={problem}
        statuses={statuses}
        thread={results?.post ?? null}
      />
      {results ? <SearchResultList action="/moderation/search" form={form} results={results} /> : null}
    </>
  );
}
