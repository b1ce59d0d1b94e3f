import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { Field, FormProblem } from "~/components/Field";
import { tagUrl } from "~/components/TagLinks";
import { PostForm } from "~/components/PostForm";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { idParam, orHttpError } from "~/lib/http.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import {
  MAX_TITLE_LENGTH,
  editPost,
  getPostForEditor,
  publishSubmission,
  rejectSubmission,
  setCommentsOpen,
  setPinned,
  unpublishPost,
} from "~/models/posts.server";
import { addPostTag, getPostTagsForEditor, removePostTag } from "~/models/tags.server";
import { EditorPostSchema } from "./forms.server";
import { pageTitle } from "~/components/forum";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? pageTitle(matches, data.post.title, "Posts") : pageTitle(matches, "Posts") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const postId = idParam(params.id);
  const post = await orHttpError(getPostForEditor(postId));
  return json({ post, tagging: await getPostTagsForEditor(postId), maxTitleLength: MAX_TITLE_LENGTH });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const postId = idParam(params.id);
  const form = await parseForm(request, EditorPostSchema);
  if (!form.ok) return refuse(form);
  const { intent, title, body, reason, tag } = form.data;
  return orRefusal(form.values, async () => {
    switch (intent) {
      case "edit":
        await editPost({ postId, title, body });
        break;
      case "publish":
        await publishSubmission({ postId });
        break;
      case "reject":
        await rejectSubmission({ postId, reason });
        break;
      case "unpublish":
        await unpublishPost({ postId });
        break;
      case "pin":
      case "unpin":
        await setPinned({ postId, pinned: intent === "pin" });
        break;
      case "close-comments":
      case "open-comments":
        await setCommentsOpen({ postId, open: intent === "open-comments" });
        break;
      case "add-tag":
        await addPostTag({ postId, name: tag });
        break;
      case "remove-tag":
        await removePostTag({ postId, name: tag });
        break;
    }
    return redirect(`/admin/posts/${postId}`);
  });
}

export default function EditorPost() {
  const { post, tagging, maxTitleLength } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const intent = refused?.values.intent ?? "";
  return (
    <>
      <p className="meta">
        <Link to="/admin/posts">Posts and submissions</Link>
      </p>
      <h1>{post.title}</h1>
      <p className="meta">
        By {post.author} · <span className="status">{post.status}</span> · sent <When iso={post.createdAt} />
        {post.publishedAt ? (
          <>
            {" "}
            · published <When iso={post.publishedAt} /> · <Link to={`/posts/${post.slug}`}>view</Link>
          </>
        ) : null}
      </p>
      {post.suggestedTags ? <p>Suggested tags: {post.suggestedTags}</p> : null}
      {post.rejectionReason && post.status === "rejected" ? <p>Rejected: {post.rejectionReason}</p> : null}
      <FormProblem message={refused && intent !== "edit" && !tagIntent(intent) ? refused.error : null} />
      <div className="row-actions">
        {post.status !== "published" && post.status !== "rejected" ? (
          <ActionButton intent="publish" label="Publish now" />
        ) : null}
        {post.status === "published" ? (
          <>
            <ActionButton intent={post.pinned ? "unpin" : "pin"} label={post.pinned ? "Unpin" : "Pin"} />
            <ActionButton
              intent={post.commentsOpen ? "close-comments" : "open-comments"}
              label={post.commentsOpen ? "Close comments" : "Open comments"}
            />
            <ActionButton intent="unpublish" label="Unpublish" />
          </>
        ) : null}
      </div>
      {post.status === "submitted" ? (
        <Form method="post" className="stack-form">
          <input type="hidden" name="intent" value="reject" />
          <Field
            label="Reason for not publishing (the writer sees it)"
            name="reason"
            type="text"
            required
            defaultValue={intent === "reject" ? refused?.values.reason : ""}
          />
          <button type="submit">Reject</button>
        </Form>
      ) : null}
      <PostTags
        tagging={tagging}
        problem={refused && tagIntent(intent) ? refused.error : null}
        typed={intent === "add-tag" ? (refused?.values.tag ?? "") : ""}
      />
      <h2>Edit</h2>
      <PostForm
        kind="edit"
        values={intent === "edit" ? refused?.values : { title: post.title, body: post.bodyMarkdown }}
        problem={intent === "edit" ? refused?.error : null}
        maxTitleLength={maxTitleLength}
      />
      <h2>Preview</h2>
      <div className="post-body prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
    </>
  );
}

function ActionButton({ intent, label }: { intent: string; label: string }) {
  return (
    <Form method="post">
      <button type="submit" name="intent" value={intent}>
        {label}
      </button>
    </Form>
  );
}

const tagIntent = (intent: string) => intent === "add-tag" || intent === "remove-tag";

const SOURCE_LABELS: Record<string, string> = { auto: "found in the text", manual: "added by an editor" };

/** The post's tags: remove one (automatic tagging never puts it back), or add any glossary tag. */
function PostTags({
  tagging,
  problem,
  typed,
}: {
  tagging: { tags: { name: string; source: string }[]; addable: string[] };
  problem: string | null;
  typed: string;
}) {
  const shown = tagging.tags.filter((t) => t.source !== "suppressed");
  const removed = tagging.tags.filter((t) => t.source === "suppressed");
  return (
    <section aria-labelledby="post-tags">
      <h2 id="post-tags">Tags</h2>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {shown.length === 0 ? <p className="meta">No tags.</p> : null}
      <ul className="post-tags">
        {shown.map((t) => (
          <li key={t.name}>
            <Link to={tagUrl(t.name)}>{t.name}</Link>{" "}
            <span className="meta">({SOURCE_LABELS[t.source] ?? t.source})</span>{" "}
            <Form method="post" className="inline">
              <input type="hidden" name="tag" value={t.name} />
              <button type="submit" name="intent" value="remove-tag" className="link-button">
                Remove {t.name}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {removed.length > 0 ? (
        <p className="meta">
          Removed by hand (never added again automatically): {removed.map((t) => t.name).join(", ")}
        </p>
      ) : null}
      <Form method="post" className="row-actions">
        <label htmlFor="field-tag">Add a tag</label>
        <input id="field-tag" name="tag" type="text" list="glossary-names" required defaultValue={typed} />
        <datalist id="glossary-names">
          {tagging.addable.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <button type="submit" name="intent" value="add-tag">
          Add tag
        </button>
      </Form>
    </section>
  );
}
