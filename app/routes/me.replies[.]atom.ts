import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, siteOrigin } from "~/lib/atom.server";
import { orHttpError } from "~/lib/http.server";
import { commentEntries } from "~/models/feeds.server";
import { replyFeedVoice, replyIdsFor } from "~/models/following.server";
import { getForum } from "~/models/settings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const key = new URL(request.url).searchParams.get("key") ?? "";
  const voice = await orHttpError(replyFeedVoice(key));
  const origin = siteOrigin();
  const forum = await orHttpError(getForum());
  const entries = await orHttpError(replyIdsFor({ refs: [voice] }).then((ids) => commentEntries(origin, ids)));
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  return atomResponse(
    request,
    {
      id: `${origin}/me/replies.atom#${key.slice(0, 6)}`,
      title: `${forum.name}: replies to you`,
      selfUrl: `${origin}/me/replies.atom?key=${key}`,
      pageUrl: `${origin}/me/replies`,
      entries,
      updated,
    },
    { cache: "private, max-age=60" },
  );
}
