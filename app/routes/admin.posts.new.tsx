import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { textFields } from "~/lib/http.server";
import { newFormToken } from "~/lib/keys.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import { MAX_TITLE_LENGTH, publishPost } from "~/models/posts.server";
import { signVoice, voiceChoicesFor, writerOf, type VoiceChoice } from "~/models/voices.server";
import { readForm } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "Write a post · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const editor = await requireStaff(request, canEditPosts);
  return json({ voices: voiceChoicesFor(editor).filter((v) => v.value !== "pseudonym"), formToken: newFormToken() });
}

export async function action({ request }: ActionFunctionArgs) {
  const fields = textFields(await readForm(request), ["title", "body", "voice", "pinned", "formToken"] as const);
  const pen = /^penname:(\d{1,9})$/.exec(fields.voice);
  const choice: VoiceChoice =
    fields.voice === "member"
      ? { kind: "member" }
      : pen
        ? { kind: "penname", penNameId: Number(pen[1]) }
        : { kind: "anonymous" };
  try {
    // Inside: a database away when the session is read still gives the text back.
    const editor = await requireStaff(request, canEditPosts);
    const signed = await signVoice({ choice, writer: writerOf("", editor), member: editor });
    const post = await publishPost({
      title: fields.title,
      body: fields.body,
      signed,
      pinned: fields.pinned === "on",
      formToken: fields.formToken,
    });
    return redirect(`/posts/${post.slug}`);
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    return json({ error: error.message, values: fields }, { status: error.status });
  }
}

export default function NewPost() {
  const { voices, formToken } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Write a post</h1>
      <Form method="post" className="stack-form wide">
        <FormProblem message={refused?.error} />
        {/* Sent again (after an error or a dropped connection), the form writes no second post. */}
        <input type="hidden" name="formToken" value={formToken} />
        <Field
          label="Title"
          name="title"
          type="text"
          required
          maxLength={MAX_TITLE_LENGTH}
          defaultValue={refused?.values.title ?? ""}
        />
        <div>
          <label htmlFor="field-body">Post (markdown)</label>
          <textarea id="field-body" name="body" required defaultValue={refused?.values.body ?? ""} />
        </div>
        <div>
          <label htmlFor="field-voice">Publish as</label>
          <select id="field-voice" name="voice" defaultValue={refused?.values.voice ?? "member"}>
            {voices.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <label style={{ fontWeight: "normal" }}>
          <input type="checkbox" name="pinned" defaultChecked={refused?.values.pinned === "on"} /> Pin to the top of the
          home page
        </label>
        <button type="submit" className="primary">
          Publish
        </button>
      </Form>
    </>
  );
}
