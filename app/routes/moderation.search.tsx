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
    { ...answer, tags: tags.map((t) => t.name) },
    { status: answer.status, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function ModerationSearch() {
  const { form, results, problem, tags } = useLoaderData<typeof loader>();
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
        statuses={SEARCH_STATUSES}
        thread={results?.post ?? null}
      />
      {results ? <SearchResultList action="/moderation/search" form={form} results={results} /> : null}
    </>
  );
}
