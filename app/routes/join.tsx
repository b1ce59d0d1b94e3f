import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { Honeypot } from "~/components/Honeypot";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { JoinSchema } from "./forms.server";
import { routeHeaders } from "~/lib/http.server";
import { sessionUser, startSession } from "~/lib/session.server";
import { requestCloak, safeRedirect } from "~/lib/viewer.server";
import { getSignupMode } from "~/models/settings.server";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_BYTES, join } from "~/models/users.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Join") }];
export const headers = routeHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await sessionUser(request)) throw redirect(redirectTo);
  return json({
    mode: await getSignupMode(),
    redirectTo,
    passwordBytes: { min: MIN_PASSWORD_BYTES, max: MAX_PASSWORD_BYTES },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, JoinSchema);
  // The password is never sent back to the page.
  const values = { username: form.values.username, inviteCode: form.values.inviteCode };
  if (!form.ok) return refuse({ ...form, values });
  const { username, password, inviteCode, redirectTo } = form.data;
  return orRefusal(values, async () => {
    const user = await join({ username, password, inviteCode, cloak: await requestCloak(context) });
    return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await startSession(user.id) } });
  });
}

export default function Join() {
  const { mode, redirectTo, passwordBytes } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const problem = (field: string) => (refused?.field === field ? refused.error : null);
  if (mode === "closed") {
    return (
      <>
        <h1>Join</h1>
        <p>Joining is closed on this forum for now. You can still read and comment anonymously.</p>
      </>
    );
  }
  return (
    <>
      <h1>Join</h1>
      <p>
        An account needs only a username and a password: no email, nothing that could name you. It keeps your name (and
        up to three pen names) for you, and lets you submit posts. You can still write anonymously whenever you like:
        nobody, staff included, can tell which anonymous comments are yours.
      </p>
      <Form method="post" className="stack-form">
        <FormProblem message={refused && !refused.field ? refused.error : null} />
        <Honeypot id="join" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Username"
          name="username"
          type="text"
          autoComplete="username"
          required
          defaultValue={refused?.values.username ?? ""}
          error={problem("username")}
          hint="Shown when you sign with your own name. At most 40 characters."
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={problem("password")}
          hint={`${passwordBytes.min} to ${passwordBytes.max} bytes, used exactly as typed.`}
        />
        {mode === "invite" ? (
          <Field
            label="Invite code"
            name="inviteCode"
            type="text"
            required
            autoComplete="off"
            defaultValue={refused?.values.inviteCode ?? ""}
            error={problem("inviteCode")}
          />
        ) : null}
        <button type="submit" className="primary">
          Join
        </button>
      </Form>
      <p>
        Already a member? <Link to="/login">Sign in</Link>.
      </p>
    </>
  );
}
