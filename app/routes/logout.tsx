import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { endSession } from "~/lib/session.server";

export const meta: MetaFunction = () => [{ title: "Sign out · Picket" }];

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
}

// Signing out changes state, so it is a POST; a GET only offers the button.
export default function Logout() {
  return (
    <Form method="post" className="stack-form">
      <p>Sign out of Picket on this browser?</p>
      <button type="submit" className="primary">
        Sign out
      </button>
    </Form>
  );
}
