import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, siteOrigin } from "~/lib/atom.server";
import { orHttpError } from "~/lib/http.server";
import { keepResponse } from "~/lib/page-cache.server";
import { postsFeed } from "~/models/feeds.server";
import { getForum } from "~/models/settings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin();
  const { entries, updated } = await orHttpError(postsFeed(origin));
  const forum = await orHttpError(getForum());
  return keepResponse(
    request,
    atomResponse(request, {
      id: `${origin}/feeds/posts.atom`,
      title: `${forum.name}: posts`,
      subtitle: forum.description || undefined,
      selfUrl: `${origin}/feeds/posts.atom`,
      pageUrl: `${origin}/`,
      entries,
      updated,
    }),
  );
}
