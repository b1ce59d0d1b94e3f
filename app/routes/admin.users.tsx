import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { FormProblem } from "~/components/Field";
import { textFields } from "~/lib/http.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import {
  ROLES,
  changeRole,
  isRole,
  listUsers,
  restoreUser,
  setTemporaryPassword,
  suspendUser,
} from "~/models/users.server";
import { readForm } from "~/lib/forms.server";

export const meta: MetaFunction = () => [{ title: "Accounts · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  const users = await listUsers();
  return json({
    users: users.map((u) => ({
      ...u,
      suspendedAt: u.suspendedAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaff(request, canAdminister);
  const fields = textFields(await readForm(request), ["intent", "userId", "role"] as const);
  const userId = /^\d{1,9}$/.test(fields.userId) ? Number(fields.userId) : 0;
  try {
    switch (fields.intent) {
      case "role":
        if (!isRole(fields.role)) throw new ForumError("Choose one of the roles.", 400);
        await changeRole({ userId, role: fields.role, by: admin.id });
        return json({ ok: true as const, message: "Role changed.", temporaryPassword: null });
      case "suspend":
        await suspendUser({ userId, by: admin.id });
        return json({
          ok: true as const,
          message: "Account suspended; its sessions have ended.",
          temporaryPassword: null,
        });
      case "restore":
        await restoreUser({ userId });
        return json({ ok: true as const, message: "Account restored.", temporaryPassword: null });
      case "temporary-password":
        return json({
          ok: true as const,
          message: "Temporary password set; its sessions have ended. Give it to the member privately:",
          temporaryPassword: await setTemporaryPassword({ userId }),
        });
      default:
        throw new ForumError("The form was not understood. Please try again.", 400);
    }
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    return json({ ok: false as const, message: error.message, temporaryPassword: null }, { status: error.status });
  }
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
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
        <FormProblem message={result?.message} />
      )}
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
                    {ROLES.map((r) => (
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
                  <button type="submit" name="intent" value={u.suspendedAt ? "restore" : "suspend"}>
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
    </>
  );
}
