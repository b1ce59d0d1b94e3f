// One thread's moderation tools: slow mode, closing and reopening (now or at a set time),
// cooling, and the staff notes written in it. Moderators only; every action is in the public log.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormProblem } from "~/components/Field";
import { ThreadNotes } from "~/components/StaffNotes";
import { ThreadNoticeView } from "~/components/ThreadNotice";
import { When } from "~/components/dates";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { orHttpError } from "~/lib/http.server";
import { canModerate, requireStaff, safeRedirect } from "~/lib/viewer.server";
import {
  closeThread,
  coolThread,
  endCooling,
  moderatorNotesIn,
  reopenThread,
  scheduleThread,
  slowThread,
  writeModeratorNote,
} from "~/models/moderation.server";
import { getPublishedPost } from "~/models/posts.server";
import { SLOW_MODE_CHOICES, waitText } from "~/models/thread-state";
import { ThreadToolsSchema, type ThreadToolsValues } from "./forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Moderate “${data.post.title}” · Picket` : "Moderate a thread · Picket" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, canModerate);
  const post = await orHttpError(getPublishedPost(params.slug ?? ""));
  return json(
    {
      post: { id: post.id, slug: post.slug, title: post.title, notice: post.notice },
      notes: await moderatorNotesIn({ postId: post.id }),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const moderator = await requireStaff(request, canModerate);
  const form = await parseForm(request, ThreadToolsSchema);
  if (!form.ok) return refuse(form);
  const input = form.data;
  return orRefusal(form.values, async () => {
    const { id: postId, slug } = await getPublishedPost(params.slug ?? "");
    const thread = { postId, moderator };
    const reason = input.reason;
    switch (input.intent) {
      case "slow":
        await slowThread({ ...thread, seconds: input.seconds, reason });
        break;
      case "slow-off":
        await slowThread({ ...thread, seconds: null, reason });
        break;
      case "close":
        await closeThread({ ...thread, reason });
        break;
      case "reopen":
        await reopenThread({ ...thread, reason });
        break;
      case "schedule":
        await scheduleThread({ ...thread, closesAt: input.closesAt, reopensAt: input.reopensAt, reason });
        break;
      case "cool":
        await coolThread({ ...thread, reason });
        break;
      case "warm":
        await endCooling({ ...thread, reason });
        break;
      case "note":
        await writeModeratorNote({ ...thread, commentId: input.commentId, body: input.body });
        break;
    }
    const here = `/moderation/threads/${encodeURIComponent(slug)}`;
    return redirect(safeRedirect(input.back, here), 303);
  });
}

/** One tool: a form of its own, its reason kept when it was refused. */
function Tool({
  intent,
  label,
  refused,
  reasonLabel,
  children,
}: {
  intent: string;
  label: string;
  refused: { values: ThreadToolsValues } | null;
  reasonLabel?: string;
  children?: ReactNode;
}) {
  const kept = refused?.values.intent === intent ? refused.values : null;
  return (
    <Form method="post" className="stack-form thread-tool">
      <input type="hidden" name="intent" value={intent} />
      {children}
      {reasonLabel ? (
        <div>
          <label htmlFor={`${intent}-reason`}>{reasonLabel}</label>
          <input id={`${intent}-reason`} name="reason" type="text" maxLength={300} defaultValue={kept?.reason ?? ""} />
        </div>
      ) : null}
      <button type="submit">{label}</button>
    </Form>
  );
}

export default function ThreadTools() {
  const { post, notes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result && !result.ok ? result : null;
  const kept = (intent: string) => (refused?.values.intent === intent ? refused.values : null);
  const { notice } = post;
  const onThread = notes.filter((n) => n.commentId === null);
  return (
    <>
      <h1>Moderate “{post.title}”</h1>
      <p className="meta row-actions">
        <Link to={`/posts/${post.slug}`}>The thread</Link>
        <Link to={`/moderation?post=${encodeURIComponent(post.slug)}`}>Its items in the queue</Link>
        <Link to="/moderation/overview">All threads heating up</Link>
      </p>
      <FormProblem message={refused?.error} />
      <section aria-labelledby="now-title">
        <h2 id="now-title">What readers are told now</h2>
        {notice.open && !notice.slowMode && !notice.cooling && !notice.closesAt ? (
          <p>Nothing: the thread is open, with no slow mode and no hold.</p>
        ) : (
          <ThreadNoticeView notice={notice} />
        )}
        <p className="hint">Every action here is in the public moderation log with its reason, without your name.</p>
      </section>

      <section aria-labelledby="slow-title">
        <h2 id="slow-title">Slow mode</h2>
        <p>
          {notice.slowMode ? `On: each voice may comment once every ${waitText(notice.slowMode.seconds)}.` : "Off."}{" "}
          Moderators and editors are never slowed.
        </p>
        <Tool
          intent="slow"
          label={notice.slowMode ? "Change slow mode" : "Turn slow mode on"}
          refused={refused}
          reasonLabel="Why (readers see it)"
        >
          <div>
            <label htmlFor="slow-seconds">Each voice may comment once every</label>
            <select id="slow-seconds" name="seconds" defaultValue={kept("slow")?.seconds ?? "120"}>
              {SLOW_MODE_CHOICES.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {waitText(seconds)}
                </option>
              ))}
            </select>
          </div>
        </Tool>
        {notice.slowMode ? (
          <Tool intent="slow-off" label="Turn slow mode off" refused={refused} reasonLabel="Why (optional)" />
        ) : null}
      </section>

      <section aria-labelledby="close-title">
        <h2 id="close-title">Close and reopen</h2>
        {notice.open ? (
          <Tool
            intent="close"
            label="Close the thread now"
            refused={refused}
            reasonLabel="Why it closes (readers see it)"
          />
        ) : (
          <Tool intent="reopen" label="Reopen the thread now" refused={refused} reasonLabel="Why (optional)" />
        )}
        <h3>At a set time (UTC)</h3>
        <Tool intent="schedule" label="Set these times" refused={refused} reasonLabel="Why it closes (readers see it)">
          {(
            [
              ["closesAt", "Closes at"],
              ["reopensAt", "Reopens at"],
            ] as const
          ).map(([name, label]) => (
            <div key={name}>
              <label htmlFor={`schedule-${name}`}>{label}</label>
              <input
                id={`schedule-${name}`}
                name={name}
                type="datetime-local"
                defaultValue={kept("schedule")?.[name] ?? notice[name]?.slice(0, 16) ?? ""}
              />
            </div>
          ))}
          <p className="hint">Leave a time empty for none; empty both to drop the times set.</p>
        </Tool>
      </section>

      <section aria-labelledby="cool-title">
        <h2 id="cool-title">Cooling</h2>
        {notice.cooling ? (
          <>
            <p>
              New comments are held for review since <When iso={notice.cooling.since} />
              {notice.cooling.reason ? `: ${notice.cooling.reason}` : ""}.
            </p>
            <Tool
              intent="warm"
              label="I have looked: stop holding new comments"
              refused={refused}
              reasonLabel="Why (optional)"
            />
          </>
        ) : (
          <Tool
            intent="cool"
            label="Hold every new comment for review"
            refused={refused}
            reasonLabel="Why (readers see it)"
          />
        )}
      </section>

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">Staff notes</h2>
        <p className="hint">Only staff ever see these: never readers, feeds, search or exports.</p>
        <ThreadNotes notes={onThread} />
        {notes.length > onThread.length ? (
          <ul>
            {notes
              .filter((n) => n.commentId !== null)
              .map((n) => (
                <li key={n.id}>
                  <Link to={`/posts/${post.slug}/comments/${n.commentId}`}>On comment {n.commentId}</Link>: {n.body}{" "}
                  <span className="meta">
                    ({n.author}, <When iso={n.createdAt} />)
                  </span>
                </li>
              ))}
          </ul>
        ) : null}
        <Tool intent="note" label="Add the note" refused={refused}>
          <div>
            <label htmlFor="note-commentId">Under comment number (empty: on the thread)</label>
            <input
              id="note-commentId"
              name="commentId"
              type="text"
              inputMode="numeric"
              defaultValue={kept("note")?.commentId ?? ""}
            />
          </div>
          <div>
            <label htmlFor="note-body">Note</label>
            <textarea id="note-body" name="body" maxLength={2000} defaultValue={kept("note")?.body ?? ""} />
          </div>
        </Tool>
      </section>
    </>
  );
}
