import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/dates";
import { Field, FormProblem } from "~/components/Field";
import { idParam, orHttpError, textFields } from "~/lib/http.server";
import { canEditPosts, requireStaff } from "~/lib/viewer.server";
import { ForumError } from "~/models/errors.server";
import { MAX_TITLE_LENGTH, editPost, getPostForEditor, publishSubmission, rejectSubmission, setCommentsOpen, setPinned, unpublishPost } from "~/models/posts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.post.title} · Posts · Picket` : "Posts · Picket" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, canEditPosts);
  return json({ post: await orHttpError(getPostForEditor(idParam(params.id))) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request, canEditPosts);
  const postId = idParam(params.id);
  const fields = textFields(await request.formData(), ["intent", "title", "body", "reason"] as const);
  try {
    switch (fields.intent) {
      case "edit":
        await editPost({ postId, title: fields.title, body: fields.body });
        break;
      case "publish":
        await publishSubmission({ postId });
        break;
      case "reject":
        await rejectSubmission({ postId, reason: fields.reason });
        break;
      case "unpublish":
        await unpublishPost({ postId });
        break;
      case "pin":
      case "unpin":
        await setPinned({ postId, pinned: fields.intent === "pin" });
        break;
      case "close-comments":
      case "open-comments":
        await setCommentsOpen({ postId, open: fields.intent === "open-comments" });
        break;
      default:
        throw new ForumError("The form was not understood. Please try again.", 400);
    }
    return redirect(`/admin/posts/${postId}`);
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    if (error.status === 404) throw new Response(error.message, { status: 404 });
    return json({ error: error.message, intent: fields.intent, values: fields }, { status: error.status });
  }
}

export default function EditorPost() {
  const { post } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const editing = refused?.intent === "edit" ? refused.values : null;
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
      <FormProblem message={refused && refused.intent !== "edit" ? refused.error : null} />
      <div className="row-actions">
        {post.status !== "published" && post.status !== "rejected" ? <ActionButton intent="publish" label="Publish now" /> : null}
        {post.status === "published" ? (
          <>
            <ActionButton intent={post.pinned ? "unpin" : "pin"} label={post.pinned ? "Unpin" : "Pin"} />
            <ActionButton intent={post.commentsOpen ? "close-comments" : "open-comments"} label={post.commentsOpen ? "Close comments" : "Open comments"} />
            <ActionButton intent="unpublish" label="Unpublish" />
          </>
        ) : null}
      </div>
      {post.status === "submitted" ? (
        <Form method="post" className="stack-form">
          <input type="hidden" name="intent" value="reject" />
          <Field label="Reason for not publishing (the writer sees it)" name="reason" type="text" required defaultValue={refused?.intent === "reject" ? refused.values.reason : ""} />
          <button type="submit">Reject</button>
        </Form>
      ) : null}
      <h2>Edit</h2>
      <Form method="post" className="stack-form wide">
        <FormProblem message={refused?.intent === "edit" ? refused.error : null} />
        <input type="hidden" name="intent" value="edit" />
        <Field label="Title" name="title" type="text" required maxLength={MAX_TITLE_LENGTH} defaultValue={editing?.title ?? post.title} />
        <div>
          <label htmlFor="field-body">Post (markdown)</label>
          <textarea id="field-body" name="body" required defaultValue={editing?.body ?? post.bodyMarkdown} />
        </div>
        <button type="submit" className="primary">
          Save changes
        </button>
      </Form>
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
