import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { AccountSchema } from "./forms.server";
import { endAllSessions, endSession } from "~/lib/session.server";
import { requireMember } from "~/lib/viewer.server";
import { MAX_PEN_NAMES, addPenName, removePenName } from "~/models/users.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Your account") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requireMember(request);
  return json({ username: member.username, role: member.role, penNames: member.penNames, maxPenNames: MAX_PEN_NAMES });
}

export async function action({ request }: ActionFunctionArgs) {
  const member = await requireMember(request);
  const form = await parseForm(request, AccountSchema);
  if (!form.ok) return refuse(form);
  const { intent, name, penNameId } = form.data;
  return orRefusal(form.values, async () => {
    if (intent === "add-pen-name") await addPenName({ userId: member.id, name });
    else if (intent === "remove-pen-name") await removePenName({ userId: member.id, penNameId });
    else {
      await endAllSessions(member.id);
      return redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
    }
    return redirect("/me");
  });
}

export default function Account() {
  const { username, role, penNames, maxPenNames } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{username}</strong> ({role}). <Link to="/me/submissions">Your submitted posts</Link>
      </p>
      <h2>Pen names</h2>
      <p>A pen name is reserved to you: nobody else can comment under it. You can keep up to {maxPenNames}.</p>
      <ul>
        {penNames.map((pen) => (
          <li key={pen.id}>
            {pen.name}{" "}
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="remove-pen-name" />
              <input type="hidden" name="penNameId" value={pen.id} />
              <button type="submit" className="link-button">
                Remove
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {penNames.length < maxPenNames ? (
        <Form method="post" className="stack-form">
          <FormProblem message={refused?.error} />
          <input type="hidden" name="intent" value="add-pen-name" />
          <Field
            label="New pen name"
            name="name"
            type="text"
            required
            defaultValue={refused?.values.name ?? ""}
            autoComplete="off"
          />
          <button type="submit" className="primary">
            Add pen name
          </button>
        </Form>
      ) : (
        <FormProblem message={refused?.error} />
      )}
      <h2>Sessions</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit" className="primary">
          Sign out everywhere
        </button>
      </Form>
      <p className="hint">Ends your sessions on every device, this one included.</p>
    </>
  );
}
