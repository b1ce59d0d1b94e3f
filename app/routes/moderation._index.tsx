import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { FormProblem } from "~/components/Field";
import { canModerate, requireStaff } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import {
  approveComment,
  approvePost,
  banWriter,
  claimComment,
  claimPost,
  getQueue,
  markSpam,
  redactComment,
  rejectComment,
  rejectPost,
  removeComment,
  unclaimComment,
  unclaimPost,
  type Moderator,
  type QueueFilter,
} from "~/models/moderation.server";
import { parseForm, refuse } from "~/lib/forms.server";
import { ModerationQueueSchema } from "./forms.server";
import { pageTitle } from "~/components/forum";
import type { PageHandle } from "~/root";

export const handle: PageHandle = { wide: true };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Moderation queue") }];

const FILTERS: [QueueFilter, string][] = [
  ["all", "Everything"],
  ["held", "Held"],
  ["flagged", "Flagged"],
  ["identity", "Reveals identity"],
  ["submissions", "Submitted posts"],
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canModerate);
  const url = new URL(request.url);
  const filterParam = url.searchParams.get("filter");
  const filter = FILTERS.find(([f]) => f === filterParam)?.[0] ?? "all";
  const post = url.searchParams.get("post");
  return json({
    queue: await getQueue({ filter, postSlug: post && /^[a-z0-9-]{1,100}$/.test(post) ? post : null }),
    filter,
    post,
  });
}

const ITEM = /^(c|p):(\d{1,9})$/;

/** What the queue's form says about one item, beside the button pressed. */
type ItemInput = { reason: string; redact: string; banDays: string; banNetwork: boolean };
type Verb = (id: number, moderator: Moderator, input: ItemInput) => Promise<void>;

/** What each button of the queue does to a comment ("c:12"). */
const ON_COMMENT = new Map<string, Verb>([
  ["approve", (commentId, moderator, { reason }) => approveComment({ commentId, moderator, reason })],
  ["reject", (commentId, moderator, { reason }) => rejectComment({ commentId, moderator, reason })],
  ["remove", (commentId, moderator, { reason }) => removeComment({ commentId, moderator, reason })],
  ["spam", (commentId, moderator, { reason }) => markSpam({ commentId, moderator, reason })],
  [
    "redact",
    (commentId, moderator, { redact, reason }) => redactComment({ commentId, moderator, passage: redact, reason }),
  ],
  [
    "ban",
    (commentId, moderator, { banDays, banNetwork, reason }) =>
      banWriter({
        commentId,
        moderator,
        days: banDays === "forever" ? null : Number(banDays),
        network: banNetwork,
        reason,
      }),
  ],
  ["claim", (commentId, moderator) => claimComment({ commentId, moderator })],
  ["unclaim", (commentId, moderator) => unclaimComment({ commentId, moderator })],
]);

/** What each button of the queue does to a post ("p:3"). */
const ON_POST = new Map<string, Verb>([
  ["approve", (postId, moderator, { reason }) => approvePost({ postId, moderator, reason })],
  ["reject", (postId, moderator, { reason }) => rejectPost({ postId, moderator, reason })],
  ["claim", (postId, moderator) => claimPost({ postId, moderator })],
  ["unclaim", (postId, moderator) => unclaimPost({ postId, moderator })],
]);

export async function action({ request }: ActionFunctionArgs) {
  const moderator = await requireStaff(request, canModerate);
  const form = await parseForm(request, ModerationQueueSchema);
  if (!form.ok) return refuse(form);
  const text = (key: string) => {
    const v = form.data[key];
    return typeof v === "string" ? v : "";
  };
  // One button acts on one item ("approve c:12"); the bulk button acts on every ticked item.
  const single = /^(\w+) ((?:c|p):\d{1,9})$/.exec(text("single"));
  const work: { action: string; key: string }[] = single
    ? [{ action: single[1], key: single[2] }]
    : form.data.selected.filter((key) => ITEM.test(key)).map((key) => ({ action: text("bulkAction"), key }));
  if (work.length === 0)
    return json({ error: "Tick at least one item, or use an item's own buttons.", done: 0 }, { status: 400 });
  let done = 0;
  const problems: string[] = [];
  for (const { action, key } of work) {
    const [, kind, id] = ITEM.exec(key)!;
    const input = {
      reason: text(`reason:${key}`) || text("bulkReason"),
      redact: text(`redact:${key}`),
      banDays: text(`banDays:${key}`) || "7",
      banNetwork: text(`banNetwork:${key}`) === "on",
    };
    try {
      const verb = (kind === "c" ? ON_COMMENT : ON_POST).get(action);
      if (!verb)
        throw new ForumError(
          `A moderator cannot “${action.slice(0, 40)}” a ${kind === "c" ? "comment" : "post"}.`,
          400,
        );
      await verb(Number(id), moderator, input);
      done++;
    } catch (error) {
      if (!(error instanceof ForumError)) throw error;
      problems.push(work.length > 1 ? `${key}: ${error.message}` : error.message);
      // One item, or a database that is away for every item after this one.
      if (work.length === 1 || error.status === 503)
        return json({ error: problems.join(" "), done }, { status: error.status });
    }
  }
  if (problems.length) return json({ error: problems.join(" "), done }, { status: 409 });
  // Back at the queue's first item: the next Tab reaches it, past the header and the filters.
  const url = new URL(request.url);
  return redirect(`${url.pathname}${url.search}#queue`);
}

export default function Queue() {
  const { queue, filter, post } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const empty = queue.comments.length === 0 && queue.posts.length === 0;
  const waiting = queue.comments.length + queue.posts.length;
  return (
    <>
      <div className="page-head">
        <h1>Moderation queue</h1>
        <span>
          <Link to="/moderation/overview">Threads heating up</Link> ·{" "}
          <Link to="/moderation/search">Search everything</Link> · <Link to="/moderation/log">Full log</Link>
        </span>
      </div>
      <nav className="filters" aria-label="Show in the queue">
        {FILTERS.map(([f, label]) => (
          <Link key={f} to={f === "all" ? "/moderation" : `/moderation?filter=${f}`} aria-current={filter === f}>
            {label}
          </Link>
        ))}
      </nav>
      {post ? (
        <p className="meta">
          Only the post <code>{post}</code> · <Link to="/moderation">every post</Link>
        </p>
      ) : null}
      <FormProblem message={result?.error} />
      {empty ? (
        <p className="empty">Nothing waits for review.</p>
      ) : (
        <p className="meta">
          {waiting === 1 ? "One item waits" : `${waiting} items wait`}, oldest first. Each item&apos;s buttons act on it
          alone; tick several to act on them together at the end of the page.
        </p>
      )}
      <Form method="post" id="queue">
        {queue.comments.map((c) => (
          <article key={c.key} className="queue-item" aria-label={`Comment ${c.id}`}>
            <div className="queue-item-head">
              <input type="checkbox" name="selected" value={c.key} aria-label={`Select comment ${c.id}`} />
              <div>
                <h2>
                  Comment by <strong>{c.author}</strong> on{" "}
                  <Link to={`/moderation?post=${c.post.slug}`}>{c.post.title}</Link>
                </h2>
                <p className="meta">
                  <span className={c.status === "held" ? "status held" : "status flagged"}>
                    {c.status === "held" ? `held: ${c.holdReason ?? "flags"}` : "flagged"}
                  </span>
                  {c.claimedBy ? <span className="status"> claimed by {c.claimedBy}</span> : null}
                  <When iso={c.createdAt} />
                </p>
              </div>
            </div>
            {c.parent ? (
              <div className="context">
                In reply to {c.parent.author}:{" "}
                {c.parent.bodyHtml ? <span dangerouslySetInnerHTML={{ __html: c.parent.bodyHtml }} /> : <em>(gone)</em>}
              </div>
            ) : null}
            <div className="queue-text comment-body prose" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
            <FlagList flags={c.flags} />
            <div className="queue-controls">
              <input
                type="text"
                name={`reason:${c.key}`}
                placeholder="Public reason (optional)"
                aria-label={`Public reason for comment ${c.id}`}
              />
              <button name="single" value={`approve ${c.key}`} className="approve">
                Approve
              </button>
              <button name="single" value={`reject ${c.key}`} className="secondary">
                Reject
              </button>
              <button name="single" value={`remove ${c.key}`} className="danger">
                Remove
              </button>
              <button name="single" value={`spam ${c.key}`} className="danger">
                Spam
              </button>
              <button name="single" value={`${c.claimedBy ? "unclaim" : "claim"} ${c.key}`} className="secondary">
                {c.claimedBy ? "Unclaim" : "Claim"}
              </button>
            </div>
            <details className="queue-more">
              <summary>Redact a passage or ban the writer</summary>
              <div className="queue-controls">
                <input
                  type="text"
                  name={`redact:${c.key}`}
                  placeholder="Exact passage to redact"
                  aria-label={`Passage to redact in comment ${c.id}`}
                />
                <button name="single" value={`redact ${c.key}`} className="secondary">
                  Redact
                </button>
              </div>
              <div className="queue-controls">
                <select
                  name={`banDays:${c.key}`}
                  aria-label={`Ban length for the writer of comment ${c.id}`}
                  defaultValue="7"
                >
                  <option value="1">1 day</option>
                  <option value="7">7 days</option>
                  <option value="30">30 days</option>
                  <option value="forever">for good</option>
                </select>
                {c.addressKnown ? (
                  <label className="choice">
                    <input type="checkbox" name={`banNetwork:${c.key}`} /> and their network (7 days at most)
                  </label>
                ) : null}
                <button name="single" value={`ban ${c.key}`} className="danger">
                  Ban the writer
                </button>
              </div>
            </details>
          </article>
        ))}
        {queue.posts.map((p) => (
          <article key={p.key} className="queue-item" aria-label={`Post ${p.id}`}>
            <div className="queue-item-head">
              <input type="checkbox" name="selected" value={p.key} aria-label={`Select post ${p.id}`} />
              <div>
                <h2>
                  Post <Link to={`/admin/posts/${p.id}`}>{p.title}</Link> by <strong>{p.author}</strong>
                </h2>
                <p className="meta">
                  <span className={p.status === "submitted" ? "status" : "status flagged"}>
                    {p.status === "submitted" ? "submitted" : p.status === "held" ? "hidden by flags" : "flagged"}
                  </span>
                  {p.claimedBy ? <span className="status"> claimed by {p.claimedBy}</span> : null}
                  <When iso={p.createdAt} />
                </p>
              </div>
            </div>
            <p className="queue-text">{p.excerpt}</p>
            <FlagList flags={p.flags} />
            <div className="queue-controls">
              <input
                type="text"
                name={`reason:${p.key}`}
                placeholder="Reason (optional)"
                aria-label={`Reason for post ${p.id}`}
              />
              <button name="single" value={`approve ${p.key}`} className="approve">
                {p.status === "submitted" ? "Publish" : "Approve"}
              </button>
              <button name="single" value={`reject ${p.key}`} className="danger">
                Reject
              </button>
              <button name="single" value={`${p.claimedBy ? "unclaim" : "claim"} ${p.key}`} className="secondary">
                {p.claimedBy ? "Unclaim" : "Claim"}
              </button>
            </div>
          </article>
        ))}
        {!empty ? (
          <fieldset className="queue-controls bulk">
            <legend>Ticked items</legend>
            <select name="bulkAction" defaultValue="approve" aria-label="What to do with the ticked items">
              <option value="approve">Approve</option>
              <option value="reject">Reject</option>
              <option value="remove">Remove</option>
              <option value="spam">Mark as spam</option>
              <option value="claim">Claim</option>
            </select>
            <input
              type="text"
              name="bulkReason"
              placeholder="Public reason (optional)"
              aria-label="Public reason for the ticked items"
            />
            <button type="submit" name="bulk" value="1" className="primary">
              Apply to ticked items
            </button>
          </fieldset>
        ) : null}
      </Form>
    </>
  );
}

/** The flags on a queued comment or post, with their reasons, notes and weights. */
function FlagList({ flags }: { flags: { reason: string; note: string | null; weight: number }[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="flags" aria-label="Flags">
      {flags.map((f, i) => (
        <li key={i}>
          {f.reason}
          {f.note ? `: “${f.note}”` : ""} <span className="meta">(weight {f.weight})</span>
        </li>
      ))}
    </ul>
  );
}
