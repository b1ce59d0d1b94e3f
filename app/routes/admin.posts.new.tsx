import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PostForm } from "~/components/PostForm";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { newFormToken } from "~/lib/keys.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { MAX_TITLE_LENGTH, publishPost } from "~/models/posts.server";
import { signVoice, voiceChoicesFor, writerOf } from "~/models/voices.server";
import { PostFormSchema } from "./forms.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Write a post") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const editor = await requireStaff(request, canEditPosts);
  return json({
    voices: voiceChoicesFor(editor).filter((v) => v.value !== "pseudonym" && v.value !== "moderator"),
    formToken: newFormToken(),
    maxTitleLength: MAX_TITLE_LENGTH,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, PostFormSchema);
  if (!form.ok) return refuse(form);
  const { title, body, voice, pinned, formToken } = form.data;
  // Inside: a database away when the session is read still gives the text back.
  return orRefusal(form.values, async () => {
    const editor = await requireStaff(request, canEditPosts);
    const signed = await signVoice({ choice: voice, writer: writerOf("", editor), member: editor });
    const post = await publishPost({ title, body, signed, pinned, formToken });
    return redirect(`/posts/${post.slug}`);
  });
}

export default function NewPost() {
  const { voices, formToken, maxTitleLength } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Write a post</h1>
      <PostForm
        kind="new"
        values={refused?.values}
        problem={refused?.error}
        maxTitleLength={maxTitleLength}
        voices={voices}
        formToken={formToken}
      />
    </>
  );
}
