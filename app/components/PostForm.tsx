import { Form } from "@remix-run/react";
import { Field, FormProblem } from "./Field";
import type { PostFormValues } from "~/routes/forms.server";
import type { VoiceOption } from "./CommentForm";

/** What the post form holds: a member's submission, an editor's new post, or an edit. */
type Kind = "submission" | "new" | "edit";

const TEXT: Record<Kind, { body: string; submit: string; voice: string }> = {
  submission: { body: "Your post (markdown)", submit: "Send to the editors", voice: "anonymous" },
  new: { body: "Post (markdown)", submit: "Publish", voice: "member" },
  edit: { body: "Post (markdown)", submit: "Save changes", voice: "member" },
};

/**
 * The post form: title and text, and for a new post its voice (and suggested tags for a
 * submission, pinning for an editor). `values` are the text shown, typed or stored.
 */
export function PostForm({
  kind,
  values,
  problem,
  maxTitleLength,
  maxSuggestedTagsLength,
  voices,
  formToken,
}: {
  kind: Kind;
  values?: PostFormValues;
  problem?: string | null;
  maxTitleLength: number;
  maxSuggestedTagsLength?: number;
  voices?: VoiceOption[];
  formToken?: string;
}) {
  const text = TEXT[kind];
  return (
    <Form method="post" className="stack-form wide">
      <FormProblem message={problem} />
      {kind === "edit" ? <input type="hidden" name="intent" value="edit" /> : null}
      {/* Sent again (after an error or a dropped connection), the form writes no second post. */}
      {formToken ? <input type="hidden" name="formToken" value={formToken} /> : null}
      <Field
        label="Title"
        name="title"
        type="text"
        required
        maxLength={maxTitleLength}
        defaultValue={values?.title ?? ""}
      />
      <div>
        <label htmlFor="field-body">{text.body}</label>
        <textarea id="field-body" name="body" required defaultValue={values?.body ?? ""} />
      </div>
      {kind === "submission" ? (
        <Field
          label="Suggested tags (optional)"
          name="suggestedTags"
          type="text"
          maxLength={maxSuggestedTagsLength}
          defaultValue={values?.suggestedTags ?? ""}
          hint="For example: strike, CRC, ballot"
        />
      ) : null}
      {voices ? (
        <div>
          <label htmlFor="field-voice">Publish as</label>
          <select id="field-voice" name="voice" defaultValue={values?.voice ?? text.voice}>
            {voices.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === "new" ? (
        <label className="choice">
          <input type="checkbox" name="pinned" defaultChecked={values?.pinned === "on"} /> Pin to the top of the home
          page
        </label>
      ) : null}
      <button type="submit" className="primary">
        {text.submit}
      </button>
    </Form>
  );
}
