import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { Honeypot } from "~/components/Honeypot";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { LoginSchema } from "./forms.server";
import { routeHeaders } from "~/lib/http.server";
import { endSession, sessionUser, startSession } from "~/lib/session.server";
import { requestCloak, safeRedirect } from "~/lib/viewer.server";
import { signIn } from "~/models/users.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign in") }];
export const headers = routeHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await sessionUser(request)) throw redirect(redirectTo);
  return json({ redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, LoginSchema);
  // The password is never sent back to the page.
  const values = { username: form.values.username };
  if (!form.ok) return refuse({ ...form, values });
  const { username, password, redirectTo } = form.data;
  return orRefusal(values, async () => {
    const user = await signIn({ username, password, cloak: await requestCloak(context) });
    // A session this browser already had is ended: every sign-in gets a fresh id.
    await endSession(request);
    return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await startSession(user.id) } });
  });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Sign in</h1>
      <Form method="post" className="stack-form">
        <FormProblem message={refused?.error} />
        <Honeypot id="login" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Username"
          name="username"
          type="text"
          autoComplete="username"
          required
          defaultValue={refused?.values.username ?? ""}
        />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="primary">
          Sign in
        </button>
      </Form>
      <p>
        No account? <Link to="/join">Join</Link>: a username and a password, no email needed.
      </p>
    </>
  );
}
