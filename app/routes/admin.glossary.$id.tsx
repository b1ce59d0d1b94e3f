import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GlossaryForm } from "~/components/GlossaryForm";
import { idParam, orHttpError, textFields } from "~/lib/http.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import { deleteTag, getTagForEditing, startRetagJobs, updateTag } from "~/models/tags.server";
import { readForm } from "~/lib/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.tag.name} · Glossary · Picket` : "Glossary · Picket" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, canEditPosts);
  return json({ tag: await orHttpError(getTagForEditing(idParam(params.id))) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const tagId = idParam(params.id);
  const fields = textFields(await readForm(request), ["intent", "name", "description", "patterns"] as const);
  try {
    if (fields.intent === "update") {
      await updateTag({ tagId, name: fields.name, description: fields.description, patterns: fields.patterns });
      startRetagJobs();
    } else if (fields.intent === "delete") {
      await deleteTag({ tagId });
    } else {
      throw new ForumError("The form was not understood. Please try again.", 400);
    }
    return redirect("/admin/glossary");
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    if (error.status === 404) throw new Response(error.message, { status: 404 });
    return json(
      {
        error: error.message,
        field: error.field,
        values: { name: fields.name, description: fields.description, patterns: fields.patterns },
      },
      { status: error.status },
    );
  }
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
        <button type="submit" name="intent" value="delete">
          Delete “{tag.name}”
        </button>
      </Form>
    </>
  );
}
