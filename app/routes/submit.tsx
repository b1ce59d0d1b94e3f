import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { textFields } from "~/lib/http.server";
import { newFormToken } from "~/lib/keys.server";
import { requireMember } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import { MAX_SUGGESTED_TAGS_LENGTH, MAX_TITLE_LENGTH, submitPost } from "~/models/posts.server";
import { signVoice, voiceChoicesFor, writerOf, type VoiceChoice } from "~/models/voices.server";
import { readForm } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "Write a post · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requireMember(request);
  // Posts are signed by the member, a pen name or anonymously; free pseudonyms are for comments.
  return json({ voices: voiceChoicesFor(member).filter((v) => v.value !== "pseudonym"), formToken: newFormToken() });
}

function choiceOf(voice: string): VoiceChoice {
  if (voice === "member") return { kind: "member" };
  const pen = /^penname:(\d{1,9})$/.exec(voice);
  return pen ? { kind: "penname", penNameId: Number(pen[1]) } : { kind: "anonymous" };
}

export async function action({ request }: ActionFunctionArgs) {
  const fields = textFields(await readForm(request), ["title", "body", "suggestedTags", "voice", "formToken"] as const);
  try {
    // Inside: a database away when the session is read still gives the text back.
    const member = await requireMember(request);
    // The post's "thread" does not exist yet: an anonymous submission's poster tag is keyed to 0.
    const signed = await signVoice({ choice: choiceOf(fields.voice), writer: writerOf("", member), member });
    await submitPost({
      title: fields.title,
      body: fields.body,
      suggestedTags: fields.suggestedTags,
      signed,
      formToken: fields.formToken,
    });
    return redirect("/me/submissions");
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    return json({ error: error.message, field: error.field ?? null, values: fields }, { status: error.status });
  }
}

export default function Submit() {
  const { voices, formToken } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Write a post for the branch blog</h1>
      <p>The editors read every submission before it is published. You can follow it on your submissions page.</p>
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
          <label htmlFor="field-body">Your post (markdown)</label>
          <textarea id="field-body" name="body" required defaultValue={refused?.values.body ?? ""} />
        </div>
        <Field
          label="Suggested tags (optional)"
          name="suggestedTags"
          type="text"
          maxLength={MAX_SUGGESTED_TAGS_LENGTH}
          defaultValue={refused?.values.suggestedTags ?? ""}
          hint="For example: strike, CRC, ballot"
        />
        <div>
          <label htmlFor="field-voice">Publish as</label>
          <select id="field-voice" name="voice" defaultValue={refused?.values.voice ?? "anonymous"}>
            {voices.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          Send to the editors
        </button>
      </Form>
    </>
  );
}
