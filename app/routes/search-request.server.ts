// A search as the search pages and the search feed read it from their address (a GET form):
// the fields as typed, and the results, or the problem with them. Shared by /search,
// /search.atom and the moderators' /moderation/search.
import { orHttpError, pageParam } from "~/lib/http.server";
import { ForumError } from "~/models/errors.server";
import { searchForum, type SearchResults } from "~/models/search.server";
import { SearchSchema, type SearchFormValues } from "./forms.server";

export type SearchAnswer = {
  form: SearchFormValues & { sort: "best" | "newest" };
  /** Null when nothing was asked (the empty form), or the search was refused. */
  results: SearchResults | null;
  problem: { error: string; field: string | null } | null;
  status: 200 | 400;
};

/** Whether an address asks for a search at all (the words, or a filter alone). */
const asksSomething = (values: SearchFormValues) =>
  [values.q, values.tag, values.from, values.to, values.voice, values.status].some((v) => v?.trim());

/** Reads the search in `url` and runs it; `everything` for moderators. Unknown threads are 404. */
export async function answerSearch(url: URL, { everything = false } = {}): Promise<SearchAnswer> {
  const fields = Object.fromEntries(
    Object.keys(SearchSchema.shape).flatMap((name) => {
      const value = url.searchParams.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  const parsed = SearchSchema.safeParse(fields);
  const typed: SearchFormValues = Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, value.replaceAll("\u0000", "")]),
  );
  const form = { ...typed, sort: parsed.success ? parsed.data.sort : ("best" as const) };
  if (!parsed.success) {
    const { message, path } = parsed.error.issues[0];
    return { form, results: null, problem: { error: message, field: String(path[0] ?? "") || null }, status: 400 };
  }
  const { data } = parsed;
  if (!asksSomething(typed)) return { form, results: null, problem: null, status: 200 };
  // A refused voice or days are shown with the form; any other refusal is the route's answer.
  const results = await orHttpError(
    searchForum({
      text: data.q,
      sort: data.sort,
      page: pageParam(url),
      tag: data.tag || null,
      post: data.post || null,
      from: data.from,
      to: data.to,
      voice: data.voice || null,
      everything,
      status: data.status || null,
    }).catch((error: unknown) => {
      if (error instanceof ForumError && error.status === 400) return error;
      throw error;
    }),
  );
  if (results instanceof ForumError)
    return { form, results: null, problem: { error: results.message, field: results.field ?? null }, status: 400 };
  return { form, results, problem: null, status: 200 };
}
