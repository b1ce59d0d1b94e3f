import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { endSession } from "~/lib/session.server";
import { pageTitle, useForum } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Sign out") }];

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
}

// Signing out changes state, so it is a POST; a GET only offers the button.
export default function Logout() {
  return (
    <>
      <h1>Sign out</h1>
      <Form method="post" className="stack-form">
        <p>Sign out of {useForum().name} on this browser?</p>
        <button type="submit" className="primary">
          Sign out
        </button>
      </Form>
    </>
  );
}
