import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { FormProblem } from "~/components/Field";
import { textFields } from "~/lib/http.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import { createInvite, listInvites, revokeInvite } from "~/models/users.server";
import { readForm } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "Invite codes · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  const invites = await listInvites();
  return json({
    invites: invites.map((i) => ({
      id: i.id,
      hint: i.hint,
      createdAt: i.createdAt.toISOString(),
      state: i.usedAt ? "used" : i.revokedAt ? "revoked" : "unused",
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, canAdminister);
  const fields = textFields(await readForm(request), ["intent", "inviteId"] as const);
  try {
    if (fields.intent === "create") return json({ code: await createInvite({ by: admin.id }), error: null });
    if (fields.intent === "revoke") {
      await revokeInvite({ inviteId: Number(fields.inviteId) || 0 });
      return json({ code: null, error: null });
    }
    throw new ForumError("The form was not understood. Please try again.", 400);
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    return json({ code: null, error: error.message }, { status: error.status });
  }
}

export default function Invites() {
  const { invites } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Invite codes</h1>
      <p>
        Each code lets one person join while sign-up is by invitation. A code is shown once: only its first letters are
        kept to tell codes apart.
      </p>
      <FormProblem message={result?.error} />
      {result?.code ? (
        <p className="notice" role="status">
          New code: <span className="secret">{result.code}</span>
        </p>
      ) : null}
      <Form method="post">
        <button type="submit" name="intent" value="create" className="primary">
          Create an invite code
        </button>
      </Form>
      <table className="admin">
        <thead>
          <tr>
            <th>Code</th>
            <th>Created</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {invites.map((i) => (
            <tr key={i.id}>
              <td>{i.hint}…</td>
              <td>
                <When iso={i.createdAt} />
              </td>
              <td>{i.state}</td>
              <td>
                {i.state === "unused" ? (
                  <Form method="post">
                    <input type="hidden" name="inviteId" value={i.id} />
                    <button type="submit" name="intent" value="revoke">
                      Revoke
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
