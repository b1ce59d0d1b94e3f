// A thread's staff notes, for a moderator's browser to add to the thread it shows
// (app/components/StaffNotes.tsx). Staff only, never kept: the shared page never has them.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/lib/http.server";
import { canModerate, requireStaff } from "~/lib/viewer.server";
import { moderatorNotesIn } from "~/models/moderation.server";
import { getPublishedPostId } from "~/models/posts.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canModerate);
  const post = await orHttpError(getPublishedPostId(new URL(request.url).searchParams.get("post") ?? ""));
  return json(
    { notes: await moderatorNotesIn({ postId: post.id }) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
