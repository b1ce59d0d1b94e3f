import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { RulesSchema } from "./forms.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { getModerationRules, rulesFromForm, rulesToForm, setModerationRules } from "~/models/rules.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Moderation rules") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  return json({ rules: rulesToForm(await getModerationRules()) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request, canAdminister);
  const form = await parseForm(request, RulesSchema);
  if (!form.ok) return refuse(form);
  return orRefusal(form.values, async () => {
    await setModerationRules(rulesFromForm(form.data));
    return json({ ok: true as const });
  });
}

export default function Rules() {
  const { rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result && !result.ok ? result : null;
  const v = refused
    ? { ...refused.values, holdFirstContribution: refused.values.holdFirstContribution === "on" }
    : rules;
  return (
    <>
      <h1>Moderation rules</h1>
      <FormProblem message={refused?.error} />
      {result?.ok ? (
        <p className="notice" role="status">
          Saved. New comments follow these rules from now on.
        </p>
      ) : null}
      <Form method="post" className="stack-form wide">
        <div>
          <label htmlFor="field-watchedWords">Watched words, one a line</label>
          <textarea id="field-watchedWords" name="watchedWords" defaultValue={v.watchedWords} className="short" />
          <p className="hint">
            <code>block: word</code> refuses the comment with a message; <code>hold: word</code> holds it for review;{" "}
            <code>flag: word</code> publishes it and puts it in the queue; <code>tag:strike: walked out</code> adds a
            glossary tag. Words and phrases match whole words, ignoring case.
          </p>
        </div>
        <Field
          label="Hold comments with more links than"
          name="maxLinks"
          type="text"
          inputMode="numeric"
          defaultValue={v.maxLinks}
          hint="Empty: no limit."
        />
        <label className="choice">
          <input type="checkbox" name="holdFirstContribution" defaultChecked={v.holdFirstContribution} /> Hold the first
          comment of a voice never seen before
        </label>
        <Field
          label="Hold comments on threads quiet for more than (days)"
          name="holdAfterDays"
          type="text"
          inputMode="numeric"
          defaultValue={v.holdAfterDays}
          hint="Counted from the thread's last comment, or the post's date when it has none. Empty: never."
        />
        <Field
          label="Hold a voice's comment after this many comments…"
          name="burstCount"
          type="text"
          inputMode="numeric"
          defaultValue={v.burstCount}
        />
        <Field
          label="…within this many minutes"
          name="burstMinutes"
          type="text"
          inputMode="numeric"
          defaultValue={v.burstMinutes}
          hint="Leave both empty for no limit."
        />
        <Field
          label="Hide an item pending review when its flags weigh"
          name="flagThreshold"
          type="text"
          inputMode="decimal"
          defaultValue={v.flagThreshold}
          hint="A reader's flag weighs 1, a member's 1.5, staff 3; upheld past flags add up to 2. A flag for revealing someone's identity hides at once."
        />
        <Field
          label="Cool a thread down after this many “reveals identity” or abuse flags…"
          name="coolingCount"
          type="text"
          inputMode="numeric"
          defaultValue={v.coolingCount}
        />
        <Field
          label="…on its comments within this many minutes"
          name="coolingMinutes"
          type="text"
          inputMode="numeric"
          defaultValue={v.coolingMinutes}
          hint="A cooling thread holds every new comment for review until a moderator ends it. Leave both empty to never cool a thread by itself."
        />
        <button type="submit" className="primary">
          Save the rules
        </button>
      </Form>
    </>
  );
}
