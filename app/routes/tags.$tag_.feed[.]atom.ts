// The feed of one tag. Readers use "/tags/<name>.atom"; server.ts maps that address here,
// because a route segment cannot end in ".atom" next to a parameter.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { tagUrl } from "~/components/TagLinks";
import { atomResponse, siteOrigin } from "~/lib/atom.server";
import { keepResponse } from "~/lib/page-cache.server";
import { orHttpError } from "~/lib/http.server";
import { tagFeed } from "~/models/feeds.server";
import { canonicalTagName } from "~/models/tags.server";
import { getForum } from "~/models/settings.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = await orHttpError(canonicalTagName(params.tag ?? ""));
  const origin = siteOrigin();
  const forum = await orHttpError(getForum());
  const feed = name ? await orHttpError(tagFeed(origin, name)) : null;
  if (!feed) throw new Response("Not Found", { status: 404 });
  const self = `${origin}${tagUrl(feed.tag.name)}.atom`;
  return keepResponse(
    request,
    atomResponse(request, {
      id: self,
      title: `${forum.name}: ${feed.tag.name}`,
      subtitle: feed.tag.description,
      selfUrl: self,
      pageUrl: `${origin}${tagUrl(feed.tag.name)}`,
      entries: feed.entries,
      updated: feed.updated,
    }),
  );
}
