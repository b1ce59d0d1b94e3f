// Who is looking: the browser key (if this browser ever wrote) and, once signed in, the
// member. Used for "my comment" checks; never sent to the page.
import type { Writer } from "./keys.server";
import { readBrowserKey } from "./voice-cookie.server";
import type { Member } from "~/models/voices.server";

export type Viewer = { browserKey: string | null; member: Member | null; writers: Writer[] };

export async function getViewer(request: Request): Promise<Viewer> {
  const browserKey = await readBrowserKey(request);
  const member: Member | null = null;
  const writers: Writer[] = [];
  if (browserKey) writers.push({ browserKey });
  return { browserKey, member, writers };
}
