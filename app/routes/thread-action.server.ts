// The action of the thread forms (comment, reply, edit, delete, flag), shared by the post page
// and the focused comment page: parse the form, call the model, answer with a redirect (plain
// forms) or JSON (in-page forms), or refuse with the text kept and the problem named.
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { wroteCookie } from "~/lib/page-cache.server";
import { ForumError, notFound } from "~/models/errors.server";
import { orRefusal, parseForm, refuse, type Refusal } from "~/lib/forms.server";
import { authorRef } from "~/lib/keys.server";
import { getViewer, requestNetwork } from "~/lib/viewer.server";
import { browserKeyForWriting } from "~/lib/voice-cookie.server";
import { createComment, deleteComment, editComment, pageOfComment } from "~/models/comments.server";
import { flagItem } from "~/models/moderation.server";
import { getPublishedPostId } from "~/models/posts.server";
import { voiceChoiceOf, writerOf } from "~/models/voices.server";
import { ThreadFormSchema, type CommentFormValues } from "./forms.server";

export type CommentActionData =
  Refusal<CommentFormValues> | { ok: true; commentId: number; location: string; intent: string; held: boolean };

function threadUrl(postPath: string, page: number, commentId: number) {
  return `${postPath}${page > 1 ? `?page=${page}` : ""}#c-${commentId}`;
}

/**
 * Answers a thread form posted to the post `slug` (an unknown or unpublished post answers
 * 404). A new comment's write reads the post itself; the other intents look it up first.
 */
export async function threadAction(request: Request, slug: string, context: AppLoadContext) {
  // The slug comes from the address as typed: the answer's Location carries it encoded.
  const postPath = `/posts/${encodeURIComponent(slug)}`;
  const form = await parseForm(request, ThreadFormSchema);
  if (!form.ok) return refuse(form);
  const input = form.data;
  const headers = new Headers();
  // A plain form is sent on with a redirect; an in-page one is told where its comment is.
  // Either way the writer's next reads of the thread show their change (the page cache waits for it).
  const answer = (commentId: number, location: string, held = false) => {
    headers.append("Set-Cookie", wroteCookie(postPath));
    return input.js === "1"
      ? json<CommentActionData>({ ok: true, commentId, location, intent: input.intent, held }, { headers })
      : redirect(location, { headers, status: 303 });
  };
  // Inside: a database away when the session is read still gives the text back.
  return orRefusal(
    form.values,
    async () => {
      const viewer = await getViewer(request);
      if (input.intent === "flag") {
        const { browserKey, setCookie } = await browserKeyForWriting(request);
        if (setCookie) headers.append("Set-Cookie", setCookie);
        if (input.target === "comment" && input.commentId === null) throw notFound("That comment");
        const target =
          input.commentId !== null && input.target === "comment"
            ? { commentId: input.commentId }
            : { postId: (await getPublishedPostId(slug)).id };
        const flagged = await flagItem({
          target,
          voiceRef: await authorRef(writerOf(browserKey, viewer.member)),
          role: viewer.member?.role ?? null,
          reason: input.reason,
          note: input.note,
          cloak: (await requestNetwork(context)).cloak,
        });
        // Back to the comment flagged (its own page, its place kept if the flag hid it), thanked there.
        const location =
          "commentId" in target
            ? `${postPath}/comments/${target.commentId}?flagged=${flagged.hidden ? "hidden" : "1"}#c-${target.commentId}`
            : `${postPath}?flagged=1#flag-post`;
        return answer(input.commentId ?? 0, location);
      }
      let result: { id: number; postId: number; status?: string; page?: number };
      if (input.intent === "comment") {
        const { browserKey, setCookie } = await browserKeyForWriting(request);
        if (setCookie) headers.append("Set-Cookie", setCookie);
        // A browser key given now belongs to a voice with no history (a member writes as the account).
        const newVoice = setCookie !== null && viewer.member === null;
        result = await createComment({
          post: { slug },
          parentId: input.parentId,
          choice: voiceChoiceOf(input.voice, input.name),
          body: input.body,
          writer: writerOf(browserKey, viewer.member),
          member: viewer.member,
          newVoice,
          network: await requestNetwork(context),
          formToken: input.formToken,
        });
      } else {
        if (input.commentId === null) throw notFound("That comment");
        if (viewer.writers.length === 0)
          throw new ForumError("Only the browser or account that wrote this comment can change it.", 403);
        const { id: postId } = await getPublishedPostId(slug);
        const change = { postId, commentId: input.commentId, writers: viewer.writers };
        result =
          input.intent === "edit" ? await editComment({ ...change, body: input.body }) : await deleteComment(change);
      }
      // A new comment comes back knowing its page; a deleted one's tombstone is looked up.
      // An edit, or a comment held for review, goes to its own page: the thread is shared by every
      // reader, and there its writer sees it whole, and why it waits.
      const held = result.status === "held";
      const location =
        input.intent === "edit" || held
          ? `${postPath}/comments/${result.id}${input.intent === "edit" ? "?edited=1" : ""}#c-${result.id}`
          : threadUrl(
              postPath,
              result.page ?? (await pageOfComment({ postId: result.postId, commentId: result.id })),
              result.id,
            );
      return answer(result.id, location, held);
    },
    headers,
  );
}
