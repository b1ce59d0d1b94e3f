import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, siteOrigin } from "~/lib/atom.server";
import { orHttpError } from "~/lib/http.server";
import { keepResponse } from "~/lib/page-cache.server";
import { commentsFeed } from "~/models/feeds.server";
import { getForum } from "~/models/settings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin();
  const forum = await orHttpError(getForum());
  const { entries, updated } = await orHttpError(commentsFeed(origin));
  return keepResponse(
    request,
    atomResponse(request, {
      id: `${origin}/feeds/comments.atom`,
      title: `${forum.name}: all comments`,
      selfUrl: `${origin}/feeds/comments.atom`,
      pageUrl: `${origin}/`,
      entries,
      updated,
    }),
  );
}
