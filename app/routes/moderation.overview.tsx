// The threads heating up: for moderators, every thread active in the last hours with its
// comments and flags hour by hour, what waits for review there, and a link to each tool.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HeatChart } from "~/components/HeatChart";
import { When } from "~/components/dates";
import { canModerate, requireStaff } from "~/lib/viewer.server";
import { pageParam } from "~/lib/http.server";
import { OVERVIEW_HOURS, heatedThreads } from "~/models/heat.server";
import { waitText } from "~/models/thread-state";

export const meta: MetaFunction = () => [{ title: "Threads heating up · Picket" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canModerate);
  const url = new URL(request.url);
  const hours = url.searchParams.has("hours") ? pageParam(url, "hours") : OVERVIEW_HOURS;
  const threads = await heatedThreads({ hours });
  return json(
    { threads, hours: threads[0]?.commentsPerHour.length ?? Math.min(hours, 48) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export default function Overview() {
  const { threads, hours } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Threads heating up</h1>
      <p>
        Threads with comments, flags or held items in the last {hours} hours, or moderated as a whole, busiest first.
        Bars: comments each hour (the last on the right); dark bars: flags. · <Link to="/moderation">The queue</Link> ·{" "}
        <Link to="/modlog">Public log</Link>
      </p>
      {threads.length === 0 ? <p>Nothing is moving.</p> : null}
      <ol className="heat-list">
        {threads.map((t) => {
          const lastHour = t.commentsPerHour[t.commentsPerHour.length - 1] ?? 0;
          return (
            <li key={t.id} className="heat-thread">
              <h2>
                <Link to={`/posts/${t.slug}`}>{t.title}</Link>
              </h2>
              <HeatChart comments={t.commentsPerHour} flags={t.flagsPerHour} />
              <p className="meta">
                {plural(lastHour, "comment")} in the last hour · {sum(t.commentsPerHour)} in {hours} h ·{" "}
                {plural(sum(t.flagsPerHour), "flag")}
              </p>
              <p className="meta">
                {t.held ? (
                  <>
                    <strong>{t.held} held</strong>, the oldest waiting since <When iso={t.oldestWait!} />
                  </>
                ) : (
                  "Nothing held"
                )}
                {t.notice.open ? "" : " · closed"}
                {t.notice.closesAt ? " · closing at a set time" : ""}
                {t.notice.reopensAt ? " · reopening at a set time" : ""}
                {t.notice.slowMode ? ` · slow mode (${waitText(t.notice.slowMode.seconds)})` : ""}
                {t.notice.cooling ? " · cooling: new comments held" : ""}
              </p>
              <p className="row-actions">
                <Link to={`/moderation?post=${encodeURIComponent(t.slug)}`}>Queue</Link>
                <Link to={`/moderation/threads/${t.slug}#slow-title`}>Slow mode</Link>
                <Link to={`/moderation/threads/${t.slug}#close-title`}>Close or reopen</Link>
                <Link to={`/moderation/threads/${t.slug}#cool-title`}>Cooling</Link>
                <Link to={`/moderation/threads/${t.slug}#notes-title`}>Notes</Link>
              </p>
            </li>
          );
        })}
      </ol>
    </>
  );
}
