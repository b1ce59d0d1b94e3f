import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormProblem } from "~/components/Field";
import { parseForm, refuse } from "~/lib/forms.server";
import { SettingsSchema } from "./forms.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { SIGNUP_MODES, getSignupMode, setSignupMode, type SignupMode } from "~/models/settings.server";

export const meta: MetaFunction = () => [{ title: "Settings · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  return json({ signupMode: await getSignupMode() });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request, canAdminister);
  const form = await parseForm(request, SettingsSchema);
  if (!form.ok) return refuse(form);
  await setSignupMode(form.data.signupMode);
  return json({ ok: true as const });
}

const LABELS: Record<SignupMode, string> = {
  open: "Anyone may join",
  invite: "Only with an invite code",
  closed: "Nobody may join",
};

export default function Settings() {
  const { signupMode } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Settings</h1>
      <FormProblem message={result && !result.ok ? result.error : null} />
      {result?.ok ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      <Form method="post" className="stack-form">
        <fieldset>
          <legend>Who may join</legend>
          {SIGNUP_MODES.map((mode) => (
            <label key={mode} style={{ fontWeight: "normal" }}>
              <input type="radio" name="signupMode" value={mode} defaultChecked={mode === signupMode} /> {LABELS[mode]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          Save
        </button>
      </Form>
    </>
  );
}
