// The server side of the honeypot field (app/components/Honeypot.tsx): a form that arrives with
// it filled was filled by a robot, and is refused before anything is written.
import { HONEYPOT_FIELD } from "~/components/Honeypot";

export const AUTOMATED_MESSAGE =
  "Your message looks automated, so it was not sent. If you are a person, reload the page and try again.";

/** True when the hidden field came back with something in it. */
export function looksAutomated(form: FormData): boolean {
  const value = form.get(HONEYPOT_FIELD);
  return typeof value === "string" ? value !== "" : value !== null;
}
