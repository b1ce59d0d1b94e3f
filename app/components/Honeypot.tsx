// A field people never see or reach (hidden by CSS, out of the tab order, hidden from screen
// readers) that form-filling robots fill in. The server refuses any form that has it filled
// (app/lib/honeypot.server.ts).
export const HONEYPOT_FIELD = "website";

export function Honeypot({ id }: { id: string }) {
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor={`${id}-${HONEYPOT_FIELD}`}>Leave this empty</label>
      <input
        id={`${id}-${HONEYPOT_FIELD}`}
        type="text"
        name={HONEYPOT_FIELD}
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  );
}
