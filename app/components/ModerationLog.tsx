import { Link } from "@remix-run/react";
import type { ModerationAction } from "~/models/statuses";
import { When } from "./dates";

export type LogEntry = {
  id: number;
  action: ModerationAction;
  publicReason: string | null;
  note: string | null;
  moderator: string | null;
  createdAt: string;
  item: string;
  link: string | null;
  postTitle: string | null;
};

const VERBS: Record<ModerationAction, string> = {
  approve: "approved",
  reject: "rejected",
  remove: "removed",
  spam: "removed as spam",
  redact: "redacted part of",
  ban: "banned the writer of",
  publish: "published",
  unpublish: "unpublished",
  slow: "changed slow mode on",
  close: "closed comments on",
  reopen: "reopened comments on",
  schedule: "set a time to close or reopen comments on",
  cool: "held new comments for review on",
  warm: "ended the hold on new comments on",
  note: "wrote a staff note on",
};

export function ModerationLog({ entries, staff }: { entries: LogEntry[]; staff: boolean }) {
  if (entries.length === 0) return <p>No moderation yet.</p>;
  return (
    <div className="table-scroll">
      <table className="admin">
        <thead>
          <tr>
            <th>When</th>
            <th>What</th>
            <th>Why</th>
            {staff ? <th>Moderator</th> : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <When iso={e.createdAt} />
              </td>
              <td>
                {staff ? "" : "A moderator "}
                {VERBS[e.action]} {e.link ? <Link to={e.link}>a {e.item}</Link> : `a ${e.item}`}
                {e.postTitle ? ` on “${e.postTitle}”` : ""}
              </td>
              <td>
                {e.publicReason ?? ""}
                {staff && e.note ? <em> (note: {e.note})</em> : null}
              </td>
              {staff ? <td>{e.moderator}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
