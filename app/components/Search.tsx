// The search form and its results, for readers (/search) and moderators (/moderation/search).
// Plain GET forms and links: everything works without JavaScript.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { focusedUrl } from "./CommentThread";
import { When } from "./dates";
import type { SearchHit, SearchResults } from "~/models/search.server";
import { Pager } from "./PostList";
import { TagLinks } from "./TagLinks";

export type SearchFormFields = {
  q?: string;
  sort: "best" | "newest";
  tag?: string;
  post?: string;
  from?: string;
  to?: string;
  voice?: string;
  status?: string;
};

/** The address of a search: its fields, without the empty ones, and a page. */
export function searchHref(
  action: string,
  form: SearchFormFields,
  changes: Partial<SearchFormFields> & { page?: number } = {},
) {
  const params = new URLSearchParams();
  const fields: Record<string, string | number | undefined> = { ...form, ...changes };
  for (const name of ["q", "tag", "post", "from", "to", "voice", "status", "sort", "page"]) {
    const value = fields[name];
    if (
      value === undefined ||
      value === "" ||
      (name === "sort" && value === "best") ||
      (name === "page" && value === 1)
    )
      continue;
    params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `${action}?${query}` : action;
}

/** The search box of the site header. */
export function HeaderSearch() {
  return (
    <form method="get" action="/search" role="search" aria-label="The whole forum" className="header-search">
      <label htmlFor="header-q" className="visually-hidden">
        Search the forum
      </label>
      <input id="header-q" type="search" name="q" placeholder="Search" maxLength={1000} />
      <button type="submit">Search</button>
    </form>
  );
}

/** The full form: words and filters. `statuses` (moderators) adds a status filter. */
export function SearchForm({
  action,
  form,
  tags,
  problem,
  statuses,
  thread,
}: {
  action: string;
  form: SearchFormFields;
  tags: string[];
  problem: { error: string; field: string | null } | null;
  statuses?: readonly string[];
  thread: { slug: string; title: string } | null;
}) {
  const invalid = (field: string) => (problem?.field === field ? true : undefined);
  return (
    <Form method="get" action={action} role="search" aria-label="Search with filters" className="search-form">
      {problem ? (
        <p className="error" role="alert" id="search-problem">
          {problem.error}
        </p>
      ) : null}
      <p>
        <label htmlFor="search-q">Words to look for</label>
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={form.q ?? ""}
          maxLength={1000}
          aria-describedby="search-help"
        />
        <button type="submit">Search</button>
      </p>
      <p id="search-help" className="meta">
        Words find their other forms (strike: striking, strikes). &quot;Quoted words&quot; go together; -word leaves out
        what has it; OR gives a choice (ballot OR vote); tag:strike keeps to a tag.
      </p>
      {thread ? (
        <p className="meta">
          <input type="hidden" name="post" value={thread.slug} />
          Within the thread <Link to={`/posts/${thread.slug}`}>{thread.title}</Link> ·{" "}
          <Link to={searchHref(action, { ...form, post: undefined })}>search the whole forum</Link>
        </p>
      ) : null}
      <details
        className="search-filters"
        open={Boolean(form.tag || form.from || form.to || form.voice || form.status || problem)}
      >
        <summary>Filters</summary>
        <FilterChoice name="tag" label="Tag" any="Any tag" choices={tags} value={form.tag} />
        <p>
          <label htmlFor="search-from">From</label>
          <input
            id="search-from"
            type="date"
            name="from"
            defaultValue={form.from ?? ""}
            aria-invalid={invalid("from")}
            aria-describedby={invalid("from") ? "search-problem" : undefined}
          />{" "}
          <label htmlFor="search-to">to</label>
          <input
            id="search-to"
            type="date"
            name="to"
            defaultValue={form.to ?? ""}
            aria-invalid={invalid("to")}
            aria-describedby={invalid("to") ? "search-problem" : undefined}
          />
        </p>
        <p>
          <label htmlFor="search-voice">Voice</label>
          <input
            id="search-voice"
            type="text"
            name="voice"
            defaultValue={form.voice ?? ""}
            placeholder="Grumpy PO ◆K2M9XQ4T"
            aria-invalid={invalid("voice")}
            aria-describedby={invalid("voice") ? "search-problem" : "search-voice-help"}
          />
          <span id="search-voice-help" className="meta">
            {" "}
            A name as comments show it, with its ◆code if it has one; or a poster tag (Anonymous ·7F3A).
          </span>
        </p>
        {statuses ? (
          <FilterChoice name="status" label="Status" any="Any status" choices={statuses} value={form.status} />
        ) : null}
      </details>
      <input type="hidden" name="sort" value={form.sort} />
    </Form>
  );
}

/** A filter that is one of a list, or any. */
function FilterChoice({
  name,
  label,
  any,
  choices,
  value,
}: {
  name: string;
  label: string;
  any: string;
  choices: readonly string[];
  value?: string;
}) {
  return (
    <p>
      <label htmlFor={`search-${name}`}>{label}</label>
      <select id={`search-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </p>
  );
}

/** Made once: an Intl format costs a fraction of a millisecond to make, and a page has a few. */
const NUMBER = new Intl.NumberFormat("en-GB");
const plural = (n: number, one: string, many: string) => `${NUMBER.format(n)} ${n === 1 ? one : many}`;

/** The results: how many, the order, the list and its pages. */
export function SearchResultList({
  action,
  form,
  results,
}: {
  action: string;
  form: SearchFormFields;
  results: SearchResults;
}) {
  const { hits, total, capped, page, pages, notes } = results;
  const pageLink = (n: number) => searchHref(action, form, { page: n });
  return (
    <section aria-labelledby="search-results" className="search-results">
      {notes.map((note) => (
        <p key={note} className="notice" role="status">
          {note}
        </p>
      ))}
      <h2 id="search-results">
        {total === 0
          ? "Nothing found"
          : capped
            ? `More than ${plural(total, "result", "results")}`
            : plural(total, "result", "results")}
      </h2>
      {total > 0 ? (
        <p className="meta">
          {form.sort === "newest" ? (
            <>
              Newest first · <Link to={searchHref(action, form, { sort: "best" })}>best match first</Link>
            </>
          ) : (
            <>
              Best match first · <Link to={searchHref(action, form, { sort: "newest" })}>newest first</Link>
            </>
          )}
          {capped ? " · the newest matches are ranked: add words or filters to narrow the search." : null}
        </p>
      ) : null}
      <ol className="post-list search-hits">
        {hits.map((hit) => (
          <SearchHitItem key={`${hit.kind}-${hit.id}`} hit={hit} />
        ))}
      </ol>
      <Pager page={page} pages={pages} href={pageLink} label="Result pages" previous="← Previous" next="Next →" />
    </section>
  );
}

function SearchHitItem({ hit }: { hit: SearchHit }) {
  const url = hit.kind === "comment" ? focusedUrl(hit.post.slug, hit.id) : `/posts/${hit.post.slug}`;
  const status: ReactNode = hit.status ? <span className={`badge status-${hit.status}`}>{hit.status}</span> : null;
  return (
    <li id={`${hit.kind}-${hit.id}`}>
      {hit.kind === "post" ? (
        <h3>
          {/* Escaped text with <mark> around the words found (app/models/search-excerpt.ts). */}
          <Link to={url} dangerouslySetInnerHTML={{ __html: hit.titleHtml ?? "" }} />
        </h3>
      ) : null}
      <div className="meta">
        {status} {hit.kind === "post" ? "Post by " : null}
        <span className={hit.isAnonymous ? "author anonymous" : "author"}>{hit.author}</span>
        {hit.kind === "comment" ? (
          <>
            {" "}
            on <Link to={`/posts/${hit.post.slug}`}>{hit.post.title}</Link>
          </>
        ) : null}{" "}
        · <When iso={hit.date} />
      </div>
      <p className="search-excerpt" dangerouslySetInnerHTML={{ __html: hit.excerptHtml }} />
      {hit.kind === "comment" ? (
        <p className="meta">
          <Link to={url}>Read the comment →</Link>
        </p>
      ) : null}
      <TagLinks tags={hit.tags} />
    </li>
  );
}
