import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ModerationLog } from "~/components/ModerationLog";
import { pageParam } from "~/lib/http.server";
import { STAFF_ROLES, requireStaff } from "~/lib/viewer.server";
import { getModerationLog } from "~/models/moderation.server";
import { pageTitle } from "~/components/forum";
import type { PageHandle } from "~/root";

export const handle: PageHandle = { wide: true };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Full moderation log") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, (role) => (STAFF_ROLES as readonly string[]).includes(role));
  return json(await getModerationLog({ forStaff: true, page: pageParam(new URL(request.url)) }));
}

export default function StaffLog() {
  const { entries, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Full moderation log</h1>
      <p>
        With the moderators&apos; names and notes, for staff. The public log is at <Link to="/modlog">/modlog</Link>.
      </p>
      <ModerationLog entries={entries} staff />
      <nav className="pagination">
        {page > 1 ? <Link to={`/moderation/log?page=${page - 1}`}>← Newer</Link> : <span />}
        {hasMore ? <Link to={`/moderation/log?page=${page + 1}`}>Older →</Link> : <span />}
      </nav>
    </>
  );
}
