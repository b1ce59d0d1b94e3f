import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { GlossaryForm } from "~/components/GlossaryForm";
import { tagUrl } from "~/components/TagLinks";
import { When } from "~/components/dates";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { createTag, getRetagProgress, listGlossary, startRetagJobs, type RetagProgress } from "~/models/tags.server";
import { NewTagSchema } from "./forms.server";
import { pageTitle } from "~/components/forum";
import type { PageHandle } from "~/root";

export const handle: PageHandle = { wide: true };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Glossary") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const [tags, progress] = await Promise.all([listGlossary(), getRetagProgress()]);
  // A re-tagging left waiting (say, by a restart) is picked up when an editor looks at it.
  if (progress?.waiting) startRetagJobs();
  return json({ tags, progress });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const form = await parseForm(request, NewTagSchema);
  if (!form.ok) return refuse(form);
  const { intent: _, ...tag } = form.data;
  return orRefusal(form.values, async () => {
    await createTag(tag);
    // The page answers now; posts and comments are re-tagged in the background.
    startRetagJobs();
    return redirect("/admin/glossary");
  });
}

export default function GlossaryAdmin() {
  const { tags, progress } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <p className="meta">
        <Link to="/tags">The glossary as readers see it</Link>
      </p>
      <h1>Glossary</h1>
      <RetagStatus progress={progress} />
      <div className="table-scroll">
        <table className="admin">
          <thead>
            <tr>
              <th>Tag</th>
              <th>Description</th>
              <th>Patterns</th>
              <th>Used</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.id}>
                <td>
                  <Link to={tagUrl(tag.name)}>{tag.name}</Link>
                </td>
                <td>{tag.description}</td>
                <td>
                  {tag.patterns.length ? tag.patterns.join(", ") : <span className="meta">added by hand only</span>}
                </td>
                <td>
                  {count(tag.posts, "post", "posts")}, {count(tag.comments, "comment", "comments")}
                </td>
                <td>
                  <Link to={`/admin/glossary/${tag.id}`}>Edit</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a tag</h2>
      <GlossaryForm
        key={tags.length}
        intent="create"
        values={refused?.values ?? {}}
        problem={refused ?? null}
        submitLabel="Add tag"
      />
    </>
  );
}

const number = (n: number) => n.toLocaleString("en-GB");
const count = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/** Where the re-tagging after the last glossary change has got to; refreshes itself with JavaScript. */
function RetagStatus({ progress }: { progress: RetagProgress }) {
  const revalidator = useRevalidator();
  const waiting = progress?.waiting ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [waiting, revalidator]);
  if (!progress) return null;
  let text: React.ReactNode;
  if (progress.state === "queued") text = "Re-tagging: waiting to start.";
  else if (progress.state === "running")
    text = `Re-tagging: ${number(progress.done)} of ${number(progress.total)} done.`;
  else if (progress.state === "failed")
    text = `Re-tagging failed: ${progress.error ?? "unknown error"}. Save a tag again to retry.`;
  else
    text = (
      <>
        Re-tagging done: {number(progress.total)} posts and comments checked
        {progress.finishedAt ? (
          <>
            , finished <When iso={progress.finishedAt} />
          </>
        ) : null}
        .
      </>
    );
  return (
    <p className={progress.state === "failed" ? "error" : "notice"} role="status">
      {text}
      {waiting ? (
        <>
          {" "}
          <Link to="/admin/glossary">Refresh</Link>
        </>
      ) : null}
    </p>
  );
}
