import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Admin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  return json({});
}

export default function AdminHome() {
  return (
    <>
      <h1>Admin</h1>
      <ul>
        <li>
          <Link to="/admin/users">Accounts</Link>: roles, suspensions, temporary passwords
        </li>
        <li>
          <Link to="/admin/invites">Invite codes</Link>
        </li>
        <li>
          <Link to="/admin/settings">Settings</Link>: who may join
        </li>
        <li>
          <Link to="/admin/rules">Moderation rules</Link>: watched words and automatic holds
        </li>
        <li>
          <Link to="/admin/posts">Posts and submissions</Link>
        </li>
        <li>
          <Link to="/admin/glossary">Glossary</Link>: tags, their descriptions and the words that find them
        </li>
      </ul>
    </>
  );
}
