import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { FormProblem } from "~/components/Field";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { InviteSchema } from "./forms.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { createInvite, listInvites, revokeInvite } from "~/models/users.server";
import { pageTitle } from "~/components/forum";
import type { PageHandle } from "~/root";

export const handle: PageHandle = { wide: true };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Invite codes") }];

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
  const form = await parseForm(request, InviteSchema);
  if (!form.ok) return refuse(form);
  const { intent, inviteId } = form.data;
  return orRefusal(form.values, async () => {
    if (intent === "create") return json({ ok: true as const, code: await createInvite({ by: admin.id }) });
    await revokeInvite({ inviteId });
    return json({ ok: true as const, code: null });
  });
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
      <FormProblem message={result && !result.ok ? result.error : null} />
      {result?.ok && result.code ? (
        <p className="notice" role="status">
          New code: <span className="secret">{result.code}</span>
        </p>
      ) : null}
      <Form method="post">
        <button type="submit" name="intent" value="create" className="primary">
          Create an invite code
        </button>
      </Form>
      <div className="table-scroll">
        <table className="admin">
          <thead>
            <tr>
              <th>Code</th>
              <th>Created</th>
              <th>State</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
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
                      <button type="submit" name="intent" value="revoke" className="danger">
                        Revoke
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
