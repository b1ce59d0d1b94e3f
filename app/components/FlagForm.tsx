import { Form } from "@remix-run/react";
import type { CommentFormValues } from "~/routes/forms.server";
import { Honeypot } from "./Honeypot";

const REASONS: [string, string][] = [
  ["spam", "Spam"],
  ["abusive", "Abusive"],
  ["off-topic", "Off-topic"],
  ["identity", "It reveals who someone is (hidden at once)"],
  ["other", "Something else (say what below)"],
];

/** A reader's flag on a comment or a post: a plain form, no JavaScript needed. */
export function FlagForm({
  action,
  commentId,
  target,
  refused,
}: {
  action: string;
  commentId?: number;
  target: "comment" | "post";
  refused?: { error: string; values: CommentFormValues } | null;
}) {
  const idBase = `flag-${target}-${commentId ?? "post"}`;
  return (
    <Form method="post" action={action} className="comment-form flag-form">
      <input type="hidden" name="intent" value="flag" />
      <Honeypot id={idBase} />
      <input type="hidden" name="target" value={target} />
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      {refused ? (
        <p className="error" role="alert">
          {refused.error}
        </p>
      ) : null}
      <fieldset>
        <legend>What is wrong with this {target}?</legend>
        {REASONS.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="reason"
              value={value}
              required
              defaultChecked={refused?.values.reason === value}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor={`${idBase}-note`}>A note for the moderators (optional)</label>
        <input
          id={`${idBase}-note`}
          type="text"
          name="note"
          maxLength={500}
          defaultValue={refused?.values.note ?? ""}
        />
      </div>
      <button type="submit" className="primary">
        Send to the moderators
      </button>
    </Form>
  );
}
