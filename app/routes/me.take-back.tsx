// "Take back everything I wrote": a writer deletes in one step every comment their browser (or
// account) wrote in a thread, or everywhere. Each leaves a tombstone, so replies keep their place.
// Personal, never kept: it reads who is asking.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormProblem } from "~/components/Field";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { getViewer } from "~/lib/viewer.server";
import { countTakeBack, takeBackEverything } from "~/models/comments.server";
import { findPublishedPostId } from "~/models/posts.server";
import { notFound } from "~/models/errors.server";
import { TakeBackSchema } from "./forms.server";

export const meta: MetaFunction = () => [{ title: "Take back everything you wrote · Picket" }];

const SLUG = /^[^/?#]{1,200}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const viewer = await getViewer(request);
  const slug = url.searchParams.get("post");
  const post = slug && SLUG.test(slug) ? await findPublishedPostId(slug) : null;
  const counts = await countTakeBack({ writers: viewer.writers, postId: post?.id ?? null });
  const done = url.searchParams.get("done");
  return json(
    {
      slug: post ? slug : null,
      counts,
      done: done && /^\d{1,7}$/.test(done) ? Number(done) : null,
      member: Boolean(viewer.member),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, TakeBackSchema);
  if (!form.ok) return refuse(form);
  const { scope, post: slug } = form.data;
  return orRefusal(form.values, async () => {
    const viewer = await getViewer(request);
    const post = scope === "thread" ? await findPublishedPostId(slug) : null;
    if (scope === "thread" && !post) throw notFound("That thread");
    const { deleted } = await takeBackEverything({ writers: viewer.writers, postId: post?.id ?? null });
    const back = new URLSearchParams({ done: String(deleted) });
    if (post) back.set("post", slug);
    return redirect(`/me/take-back?${back.toString()}`, 303);
  });
}

function TakeBackForm({
  scope,
  slug,
  count,
  label,
}: {
  scope: string;
  slug: string | null;
  count: number;
  label: string;
}) {
  return (
    <Form method="post" className="stack-form">
      <input type="hidden" name="scope" value={scope} />
      {slug ? <input type="hidden" name="post" value={slug} /> : null}
      <label style={{ fontWeight: "normal" }}>
        <input type="checkbox" name="confirm" value="yes" required /> Yes, delete {count}{" "}
        {count === 1 ? "comment" : "comments"}: this cannot be undone
      </label>
      <button type="submit" className="primary">
        {label}
      </button>
    </Form>
  );
}

export default function TakeBack() {
  const { slug, counts, done, member } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Take back everything you wrote</h1>
      <p>
        Deletes every comment {member ? "your account" : "this browser"} wrote and that is still shown, in one step.
        Each leaves a tombstone (“Deleted by its author”), so the replies under it stay in place.
        {member ? "" : " Comments written from another browser, or signed in, are not touched."}
      </p>
      <FormProblem message={refused && !refused.ok ? refused.error : null} />
      {done !== null ? (
        <p className="notice" role="status">
          Done: {done} {done === 1 ? "comment was" : "comments were"} deleted.
        </p>
      ) : null}
      {slug ? (
        <section aria-labelledby="thread-title">
          <h2 id="thread-title">In this thread</h2>
          {counts.inThread ? (
            <TakeBackForm
              scope="thread"
              slug={slug}
              count={counts.inThread}
              label="Delete what I wrote in this thread"
            />
          ) : (
            <p>Nothing of yours is left in this thread.</p>
          )}
          <p>
            <Link to={`/posts/${slug}`}>Back to the thread</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">Everywhere</h2>
        {counts.everywhere ? (
          <TakeBackForm scope="everywhere" slug={null} count={counts.everywhere} label="Delete everything I wrote" />
        ) : (
          <p>Nothing of yours is left anywhere on the forum.</p>
        )}
      </section>
    </>
  );
}
