import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PostForm } from "~/components/PostForm";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { newFormToken } from "~/lib/keys.server";
import { requireMember } from "~/lib/viewer.server";
import { MAX_SUGGESTED_TAGS_LENGTH, MAX_TITLE_LENGTH, submitPost } from "~/models/posts.server";
import { signVoice, voiceChoicesFor, writerOf } from "~/models/voices.server";
import { PostFormSchema } from "./forms.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Write a post") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requireMember(request);
  // Posts are signed by the member, a pen name or anonymously; free pseudonyms are for comments.
  return json({
    voices: voiceChoicesFor(member).filter((v) => v.value !== "pseudonym" && v.value !== "moderator"),
    formToken: newFormToken(),
    maxLength: { title: MAX_TITLE_LENGTH, suggestedTags: MAX_SUGGESTED_TAGS_LENGTH },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, PostFormSchema);
  if (!form.ok) return refuse(form);
  const { title, body, suggestedTags, voice, formToken } = form.data;
  // Inside: a database away when the session is read still gives the text back.
  return orRefusal(form.values, async () => {
    const member = await requireMember(request);
    // The post's "thread" does not exist yet: an anonymous submission's poster tag is keyed to 0.
    const signed = await signVoice({ choice: voice, writer: writerOf("", member), member });
    await submitPost({ title, body, suggestedTags, signed, formToken });
    return redirect("/me/submissions");
  });
}

export default function Submit() {
  const { voices, formToken, maxLength } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <h1>Write a post for the branch blog</h1>
      <p>The editors read every submission before it is published. You can follow it on your submissions page.</p>
      <PostForm
        kind="submission"
        values={refused?.values}
        problem={refused?.error}
        maxTitleLength={maxLength.title}
        maxSuggestedTagsLength={maxLength.suggestedTags}
        voices={voices}
        formToken={formToken}
      />
    </>
  );
}
