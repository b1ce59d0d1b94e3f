import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ModerationLog } from "~/components/ModerationLog";
import { pageParam } from "~/lib/http.server";
import { sessionUser } from "~/lib/session.server";
import { STAFF_ROLES } from "~/lib/viewer.server";
import { getModerationLog } from "~/models/moderation.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Moderation log") }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Moderators' names are for staff eyes only.
  const member = await sessionUser(request);
  const staff = member ? (STAFF_ROLES as readonly string[]).includes(member.role) : false;
  return json({ ...(await getModerationLog({ forStaff: staff, page: pageParam(new URL(request.url)) })), staff });
}

export default function PublicLog() {
  const { entries, page, hasMore, staff } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Moderation log</h1>
      <p>Everything the moderators do to comments and posts, and why. Who wrote the item is never shown, to anyone.</p>
      <ModerationLog entries={entries} staff={staff} />
      <nav className="pagination">
        {page > 1 ? <Link to={`/modlog?page=${page - 1}`}>← Newer</Link> : <span />}
        {hasMore ? <Link to={`/modlog?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
    </>
  );
}
