// What a thread form carried, as text, to show again when it is refused or goes unanswered.
// Shared by the server's action and the browser's clientAction.
export type CommentFormValues = {
  intent: string;
  body: string;
  voice: string;
  name: string;
  parentId: string;
  commentId: string;
  reason: string;
  note: string;
  target: string;
};

export function commentFormValues(form: FormData): CommentFormValues {
  const text = (key: keyof CommentFormValues) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  return {
    intent: text("intent"),
    body: text("body"),
    voice: text("voice") || "anonymous",
    name: text("name"),
    parentId: text("parentId"),
    commentId: text("commentId"),
    reason: text("reason"),
    note: text("note"),
    target: text("target"),
  };
}
