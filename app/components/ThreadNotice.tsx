import type { ThreadNotice } from "~/models/thread-state";
import { waitText } from "~/models/thread-state";
import { When } from "./dates";

/** What a thread's readers are told about how it is moderated: slow mode, closing, cooling. The same for every reader. */
export function ThreadNoticeView({ notice }: { notice: ThreadNotice }) {
  const { slowMode, cooling } = notice;
  return (
    <>
      {notice.open ? null : (
        <p className="closed">
          Comments are closed on this post{notice.closedReason ? `: ${notice.closedReason}` : "."}
          {notice.reopensAt ? (
            <>
              {" "}
              They reopen at <When iso={notice.reopensAt} /> UTC.
            </>
          ) : null}
        </p>
      )}
      {notice.open && notice.closesAt ? (
        <p className="notice thread-notice">
          Comments close at <When iso={notice.closesAt} /> UTC{notice.closedReason ? `: ${notice.closedReason}` : "."}
        </p>
      ) : null}
      {slowMode && notice.open ? (
        <p className="notice thread-notice">
          Slow mode since <When iso={slowMode.since} /> UTC: each voice may comment once every{" "}
          {waitText(slowMode.seconds)} here{slowMode.reason ? `. Why: ${slowMode.reason}` : "."}
        </p>
      ) : null}
      {cooling && notice.open ? (
        <p className="notice thread-notice">
          This thread is cooling down: since <When iso={cooling.since} /> UTC new comments wait for a moderator before
          they appear{cooling.reason ? ` (${cooling.reason})` : ""}.
        </p>
      ) : null}
    </>
  );
}
