// The HTTP side of writing in a thread, shared by the post page and the focused comment
// page: parse the form, call the comments model, answer with a redirect (plain forms) or
// JSON (in-page forms), or re-render the form with the text kept and the problem named.
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { createComment, deleteComment, editComment, pageOfComment } from "~/models/comments.server";
import { DatabaseUnavailable, ForumError } from "~/models/errors.server";
import { getPublishedPostId } from "~/models/posts.server";
import { writerOf, type VoiceChoice } from "~/models/voices.server";
import { flagItem } from "~/models/moderation.server";
import { AUTOMATED_MESSAGE, looksAutomated } from "./honeypot.server";
import { refusalHeaders } from "./http.server";
import { authorRef } from "./keys.server";
import { getViewer, requestNetwork } from "./viewer.server";
import { browserKeyForWriting } from "./voice-cookie.server";
import { readForm } from "./forms.server";
import { commentFormValues, type CommentFormValues } from "./comment-form-values";

const optionalId = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return null;
    if (!/^\d{1,9}$/.test(v.trim())) {
      ctx.addIssue({ code: "custom", message: "not an id" });
      return z.NEVER;
    }
    return Number(v.trim());
  });

const CommentForm = z.object({
  intent: z.enum(["comment", "edit", "delete", "flag"]),
  body: z.string().default(""),
  voice: z.string().default("anonymous"),
  name: z.string().default(""),
  parentId: optionalId,
  commentId: optionalId,
  js: z.string().optional(),
  formToken: z.string().optional(),
  reason: z.string().default(""),
  note: z.string().default(""),
  target: z.enum(["comment", "post"]).default("comment"),
});

export type { CommentFormValues };
export type CommentActionData =
  | { ok: false; error: string; field?: string; values: CommentFormValues }
  | { ok: true; commentId: number; location: string; intent: string; held: boolean };

function choiceOf(voice: string, name: string): VoiceChoice {
  if (voice === "pseudonym") return { kind: "pseudonym", name };
  if (voice === "member") return { kind: "member" };
  const penName = /^penname:(\d{1,9})$/.exec(voice);
  if (penName) return { kind: "penname", penNameId: Number(penName[1]) };
  return { kind: "anonymous" };
}

function threadUrl(postPath: string, page: number, commentId: number) {
  return `${postPath}${page > 1 ? `?page=${page}` : ""}#c-${commentId}`;
}

/**
 * Handles a thread form posted to the post `slug` (an unknown or unpublished post answers
 * 404). A new comment's write reads the post itself; the other intents look it up first.
 */
export async function handleCommentAction(request: Request, slug: string, context: AppLoadContext) {
  // The slug comes from the address as typed: the answer's Location carries it encoded.
  const postPath = `/posts/${encodeURIComponent(slug)}`;
  const form = await readForm(request);
  const values = commentFormValues(form);
  const parsed = CommentForm.safeParse(
    Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")),
  );
  const fail = (error: string, status: number, field?: string) =>
    json<CommentActionData>({ ok: false, error, field, values }, { status });
  // The hidden honeypot field was filled in: a robot, refused before anything is written.
  if (looksAutomated(form)) return fail(AUTOMATED_MESSAGE, 400);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "");
    if (field === "parentId") return fail("The comment you are replying to is not in this thread.", 400, "parentId");
    if (field === "commentId") return fail("That comment does not exist.", 404);
    return fail("The form was not understood. Please try again.", 400);
  }
  const input = parsed.data;
  const headers = new Headers();
  // An unknown post is a 404 page; a database that is away is answered below, with the text kept.
  const post = async () => {
    try {
      return await getPublishedPostId(slug);
    } catch (error) {
      if (error instanceof ForumError && !(error instanceof DatabaseUnavailable))
        throw new Response(error.message, { status: error.status });
      throw error;
    }
  };
  try {
    // Inside: a database away when the session is read still gives the text back.
    const viewer = await getViewer(request);
    let result: { id: number; postId: number; status?: string; page?: number };
    if (input.intent === "flag") {
      const { browserKey, setCookie } = await browserKeyForWriting(request);
      if (setCookie) headers.append("Set-Cookie", setCookie);
      const target =
        input.target === "post"
          ? { postId: (await post()).id }
          : input.commentId !== null
            ? { commentId: input.commentId }
            : null;
      if (!target) return fail("That comment does not exist.", 404);
      const voiceRef = await authorRef(writerOf(browserKey, viewer.member));
      const flagged = await flagItem({
        target,
        voiceRef,
        role: viewer.member?.role ?? null,
        reason: input.reason,
        note: input.note,
        cloak: (await requestNetwork(context)).cloak,
      });
      // A comment the flag hid is no longer there to thank the reader under: back to the thread.
      const location =
        "commentId" in target && !flagged.hidden
          ? `${postPath}/comments/${target.commentId}?flagged=1`
          : `${postPath}?flagged=1`;
      if (input.js === "1")
        return json<CommentActionData>(
          { ok: true, commentId: input.commentId ?? 0, location, intent: "flag", held: false },
          { headers },
        );
      return redirect(location, { headers, status: 303 });
    }
    if (input.intent === "comment") {
      const { browserKey, setCookie } = await browserKeyForWriting(request);
      if (setCookie) headers.append("Set-Cookie", setCookie);
      // A browser key given now belongs to a voice with no history (a member writes as the account).
      const newVoice = setCookie !== null && viewer.member === null;
      result = await createComment({
        post: { slug },
        parentId: input.parentId,
        choice: choiceOf(input.voice, input.name),
        body: input.body,
        writer: writerOf(browserKey, viewer.member),
        member: viewer.member,
        newVoice,
        network: await requestNetwork(context),
        formToken: input.formToken,
      });
    } else {
      if (input.commentId === null) return fail("That comment does not exist.", 404);
      if (viewer.writers.length === 0)
        return fail("Only the browser or account that wrote this comment can change it.", 403);
      const { id: postId } = await post();
      result =
        input.intent === "edit"
          ? await editComment({ postId, commentId: input.commentId, body: input.body, writers: viewer.writers })
          : await deleteComment({ postId, commentId: input.commentId, writers: viewer.writers });
    }
    // A new comment comes back knowing its page; a deleted one's tombstone is looked up.
    // An edit, or a comment held for review, goes to its own page: the thread is shared by every
    // reader, and there its writer sees it whole, and why it waits.
    const ownPage = input.intent === "edit" || result.status === "held";
    const location = ownPage
      ? `${postPath}/comments/${result.id}${input.intent === "edit" ? "" : `#c-${result.id}`}`
      : threadUrl(
          postPath,
          result.page ?? (await pageOfComment({ postId: result.postId, commentId: result.id })),
          result.id,
        );
    if (input.js === "1")
      return json<CommentActionData>(
        { ok: true, commentId: result.id, location, intent: input.intent, held: result.status === "held" },
        { headers },
      );
    return redirect(location, { headers, status: 303 });
  } catch (error) {
    if (error instanceof ForumError) {
      for (const [k, v] of Object.entries(refusalHeaders(error))) headers.set(k, v);
      return json<CommentActionData>(
        { ok: false, error: error.message, field: error.field, values },
        { status: error.status, headers },
      );
    }
    throw error;
  }
}
