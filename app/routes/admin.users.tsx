import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { FormProblem } from "~/components/Field";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { AccountsAdminSchema } from "./forms.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { ROLES, changeRole, listUsers, restoreUser, setTemporaryPassword, suspendUser } from "~/models/users.server";
import { pageTitle } from "~/components/forum";
import type { PageHandle } from "~/root";

export const handle: PageHandle = { wide: true };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Accounts") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  const users = await listUsers();
  return json({
    users: users.map((u) => ({
      ...u,
      suspendedAt: u.suspendedAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    })),
    // The roles are a model's (server-only) list: the page gets them here.
    roles: ROLES,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, canAdminister);
  const form = await parseForm(request, AccountsAdminSchema);
  if (!form.ok) return refuse(form);
  const { intent, userId, role } = form.data;
  const done = (message: string, temporaryPassword: string | null = null) =>
    json({ ok: true as const, message, temporaryPassword });
  return orRefusal(form.values, async () => {
    switch (intent) {
      case "role":
        await changeRole({ userId, role: role!, by: admin.id });
        return done("Role changed.");
      case "suspend":
        await suspendUser({ userId, by: admin.id });
        return done("Account suspended; its sessions have ended.");
      case "restore":
        await restoreUser({ userId });
        return done("Account restored.");
      case "temporary-password":
        return done(
          "Temporary password set; its sessions have ended. Give it to the member privately:",
          await setTemporaryPassword({ userId }),
        );
    }
  });
}

export default function Users() {
  const { users, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Accounts</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {result.message}{" "}
          {result.temporaryPassword ? <span className="secret">{result.temporaryPassword}</span> : null}
        </p>
      ) : (
        <FormProblem message={result?.error} />
      )}
      <div className="table-scroll">
        <table className="admin">
          <thead>
            <tr>
              <th>Username</th>
              <th>Role</th>
              <th>Joined</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.username} {u.suspendedAt ? <span className="status">suspended</span> : null}
                </td>
                <td>
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={u.id} />
                    <select name="role" defaultValue={u.role} aria-label={`Role of ${u.username}`}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="submit">Change</button>
                  </Form>
                </td>
                <td>
                  <When iso={u.createdAt} />
                </td>
                <td className="row-actions">
                  <Form method="post">
                    <input type="hidden" name="userId" value={u.id} />
                    <button
                      type="submit"
                      name="intent"
                      value={u.suspendedAt ? "restore" : "suspend"}
                      className={u.suspendedAt ? "secondary" : "danger"}
                    >
                      {u.suspendedAt ? "Restore" : "Suspend"}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" name="intent" value="temporary-password">
                      Temporary password
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
