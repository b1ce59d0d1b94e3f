// A route's error page for when its form was refused and the page itself could then not be
// shown (the database went away: the page needs it, the refusal did not). The writer still
// gets the refusal and their text back, in a form that sends it again.
import { Form, Link, isRouteErrorResponse, useActionData, useRouteError } from "@remix-run/react";

/** What a refused form's action answers: the problem, and what was typed, by field name. */
type Refusal = { error: string; values: Record<string, string> };

const isRefusal = (data: unknown): data is Refusal => {
  const d = data as Partial<Refusal> | null | undefined;
  return (
    typeof d?.error === "string" &&
    typeof d.values === "object" &&
    d.values !== null &&
    Object.values(d.values).every((v) => typeof v === "string")
  );
};

// Fields shown to the writer; every other field of the form goes back as it came.
const LONG_TEXT = new Set(["body"]);
const SHORT_TEXT = new Set(["title", "name"]);

/** For a route with a form: `export { KeptFormBoundary as ErrorBoundary }`. */
export function KeptFormBoundary() {
  const error = useRouteError();
  const refused = useActionData();
  // Anything else reads as the site's own error page (app/root.tsx) does.
  if (!isRefusal(refused)) {
    const notFound = isRouteErrorResponse(error) && error.status === 404;
    return (
      <section className="error-page">
        <h1>
          {notFound
            ? "Page not found"
            : isRouteErrorResponse(error)
              ? `${error.status} ${error.statusText || "Something is wrong"}`
              : "Something went wrong"}
        </h1>
        <p>
          {notFound
            ? "There is nothing at this address. The post may have been moved or unpublished."
            : isRouteErrorResponse(error)
              ? typeof error.data === "string"
                ? error.data
                : "The request could not be completed."
              : "Picket could not show this page. Nothing you wrote has been lost: go back and try again in a moment."}
        </p>
        <p>
          <Link to="/">Back to the latest posts</Link>
        </p>
      </section>
    );
  }
  const entries = Object.entries(refused.values);
  return (
    <section className="error-page">
      <h1>Not sent</h1>
      <p className="form-error" role="alert">
        {refused.error}
      </p>
      <Form method="post" className="kept-form">
        {entries.map(([name, value]) =>
          LONG_TEXT.has(name) ? (
            <p key={name}>
              <label htmlFor={`kept-${name}`}>Your text</label>
              <textarea id={`kept-${name}`} name={name} defaultValue={value} rows={8} />
            </p>
          ) : SHORT_TEXT.has(name) ? (
            <p key={name}>
              <label htmlFor={`kept-${name}`}>{name === "title" ? "Title" : "Name"}</label>
              <input id={`kept-${name}`} name={name} defaultValue={value} />
            </p>
          ) : (
            <input key={name} type="hidden" name={name} value={value} />
          ),
        )}
        <button type="submit">Send again</button>
      </Form>
    </section>
  );
}
