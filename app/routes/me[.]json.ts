// What is personal on a page, for the browser to add to a page shared by every reader: who is
// signed in (the site header), the voices a member may write as, and on a thread (?post=) the
// reader's own comments and whether a member follows it. Ids and flags only: no author
// reference, hash or address. Without JavaScript the same is found on each comment's own page.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { canAdminister, canEditPosts, canModerate, getViewer } from "~/lib/viewer.server";
import { ownCommentsIn } from "~/models/comments.server";
import { isFollowingPost, markSeen } from "~/models/following.server";
import { queueSize } from "~/models/moderation.server";
import { findPublishedPostId } from "~/models/posts.server";
import { voiceChoicesFor } from "~/models/voices.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const member = viewer.member;
  const moderator = member ? canModerate(member.role) : false;
  const slug = new URL(request.url).searchParams.get("post");
  const post = slug ? await findPublishedPostId(slug) : null;
  const following = post && member ? await isFollowingPost({ userId: member.id, postId: post.id }) : null;
  if (post && member && following) await markSeen({ userId: member.id, postId: post.id });
  return json(
    {
      member: member
        ? {
            username: member.username,
            editor: canEditPosts(member.role),
            moderator,
            admin: canAdminister(member.role),
            queueSize: moderator ? await queueSize() : 0,
          }
        : null,
      voices: voiceChoicesFor(member),
      thread: post
        ? { postId: post.id, following, own: await ownCommentsIn({ postId: post.id, writers: viewer.writers }) }
        : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
