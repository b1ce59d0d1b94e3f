import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse, siteOrigin } from "~/lib/atom.server";
import { keepResponse } from "~/lib/page-cache.server";
import { orHttpError } from "~/lib/http.server";
import { threadFeed } from "~/models/feeds.server";
import { getPublishedPost } from "~/models/posts.server";
import { getForum } from "~/models/settings.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const post = await orHttpError(getPublishedPost(params.slug ?? ""));
  const origin = siteOrigin();
  const forum = await orHttpError(getForum());
  const { entries, updated } = await orHttpError(threadFeed(origin, post.id, new Date(post.publishedAt)));
  const self = `${origin}/posts/${post.slug}/comments.atom`;
  return keepResponse(
    request,
    atomResponse(request, {
      id: self,
      title: `Comments on “${post.title}” · ${forum.name}`,
      selfUrl: self,
      pageUrl: `${origin}/posts/${post.slug}`,
      entries,
      updated,
    }),
  );
}
