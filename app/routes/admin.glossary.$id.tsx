import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GlossaryForm } from "~/components/GlossaryForm";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { idParam, orHttpError } from "~/lib/http.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { deleteTag, getTagForEditing, startRetagJobs, updateTag } from "~/models/tags.server";
import { TagSchema } from "./forms.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, data.tag.name, "Glossary") : pageTitle(matches, "Glossary") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, canEditPosts);
  return json({ tag: await orHttpError(getTagForEditing(idParam(params.id))) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const tagId = idParam(params.id);
  const form = await parseForm(request, TagSchema);
  if (!form.ok) return refuse(form);
  const { intent, ...tag } = form.data;
  return orRefusal(form.values, async () => {
    if (intent === "update") {
      await updateTag({ tagId, ...tag });
      startRetagJobs();
    } else {
      await deleteTag({ tagId });
    }
    return redirect("/admin/glossary");
  });
}

export default function EditTag() {
  const { tag } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <p className="meta">
        <Link to="/admin/glossary">Glossary</Link>
      </p>
      <h1>Edit “{tag.name}”</h1>
      <GlossaryForm
        intent="update"
        values={refused?.values ?? tag}
        problem={refused ?? null}
        submitLabel="Save changes"
      />
      <h2>Delete</h2>
      <Form method="post">
        <p>Deleting the tag takes it off every post and comment.</p>
        <button type="submit" name="intent" value="delete" className="danger">
          Delete “{tag.name}”
        </button>
      </Form>
    </>
  );
}
