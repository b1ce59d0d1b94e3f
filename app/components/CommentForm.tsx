import { useFetcher, useNavigate, type ClientActionFunctionArgs } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { CommentFormValues } from "~/routes/forms.server";
import type { CommentActionData } from "~/routes/thread-action.server";
import { Honeypot } from "./Honeypot";

export type VoiceOption = { value: string; label: string };

const subscribeToNothing = () => () => {};

/** False in the server's render and while hydrating it; true in the browser afterwards. */
function useHydrated() {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/**
 * A one-time token made in this browser for one form ("b.", see formKey in
 * app/lib/keys.server.ts): the page's own may be shared by every reader of a cached page.
 * getRandomValues, not randomUUID: an onion address over http is no secure context.
 */
function browserFormToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `b.${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")}`;
}

/** Moves focus to a comment once it is on the page; goes to its page when it is elsewhere. */
export function useFocusComment() {
  const navigate = useNavigate();
  return (commentId: number, location: string) => {
    requestAnimationFrame(() => {
      const element = document.getElementById(`c-${commentId}`);
      if (element) {
        // Comments are not in the tab order; this one takes the focus once.
        if (!element.hasAttribute("tabindex")) element.tabIndex = -1;
        element.focus();
        element.scrollIntoView({ block: "center" });
      } else {
        navigate(location);
      }
    });
  };
}

type Props = {
  action: string;
  intent: "comment" | "edit";
  parentId?: number;
  commentId?: number;
  /** The values and problem of a rejected plain-form submission, to show again. */
  rejected?: { error: string; field: string | null; values: CommentFormValues } | null;
  /** The page's one-time token for a new comment, for the form sent without JavaScript. */
  formToken?: string;
  defaultBody?: string;
  voiceOptions?: VoiceOption[];
  submitLabel: string;
  label: string;
  autoFocus?: boolean;
  onDone?: (data: Extract<CommentActionData, { ok: true }>) => void;
};

/**
 * A comment, reply or edit form. Without JavaScript it is a plain POST answered by a
 * redirect; with JavaScript it posts in place and the thread reloads its data.
 */
export function CommentForm({
  action,
  intent,
  parentId,
  commentId,
  rejected,
  formToken,
  defaultBody,
  voiceOptions = DEFAULT_VOICES,
  submitLabel,
  label,
  autoFocus,
  onDone,
}: Props) {
  const fetcher = useFetcher<CommentActionData>();
  const hydrated = useHydrated();
  // The same token goes with every sending of one comment (a second is answered with the
  // first's comment); a new one once it is posted.
  const [token, setToken] = useState(formToken ?? "");
  // eslint-disable-next-line react-hooks/set-state-in-effect -- made in the browser, once the server's page is hydrated
  useEffect(() => setToken(browserFormToken()), []);
  const formRef = useRef<HTMLFormElement>(null);
  const handled = useRef<unknown>(null);
  const data = fetcher.data;
  const problem = data && !data.ok ? data : (rejected ?? null);
  const idBase = `${intent}-${parentId ?? commentId ?? "post"}`;

  useEffect(() => {
    if (fetcher.state !== "idle" || !data?.ok || handled.current === data) return;
    handled.current = data;
    formRef.current?.reset();
    setToken(browserFormToken());
    onDone?.(data);
  }, [fetcher.state, data, onDone]);

  return (
    <fetcher.Form
      method="post"
      action={action}
      className="comment-form"
      ref={formRef}
      aria-describedby={problem ? `${idBase}-error` : undefined}
    >
      <input type="hidden" name="intent" value={intent} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      {intent === "comment" && token ? <input type="hidden" name="formToken" value={token} /> : null}
      <Honeypot id={idBase} />
      {problem ? (
        <p className="error" role="alert" id={`${idBase}-error`}>
          {problem.error}
        </p>
      ) : null}
      <div>
        <label htmlFor={`${idBase}-body`}>{label}</label>
        <textarea
          id={`${idBase}-body`}
          name="body"
          rows={5}
          required
          // eslint-disable-next-line jsx-a11y/no-autofocus -- set only on a form the reader has just opened (Reply, Edit)
          autoFocus={autoFocus}
          defaultValue={problem?.values.body ?? defaultBody ?? ""}
          key={problem ? `rejected-${problem.values.body?.length ?? 0}` : "fresh"}
          aria-invalid={problem?.field === "body" || undefined}
        />
        <p className="hint">Markdown: *emphasis*, **strong**, [link](https://…), &gt; quote, - lists, `code`.</p>
      </div>
      {intent === "comment" ? (
        <div className="voice-row">
          <div>
            <label htmlFor={`${idBase}-voice`}>Sign as</label>
            <select id={`${idBase}-voice`} name="voice" defaultValue={problem?.values.voice ?? voiceOptions[0]?.value}>
              {voiceOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${idBase}-name`}>Name (for “A name”)</label>
            <input
              id={`${idBase}-name`}
              type="text"
              name="name"
              autoComplete="off"
              defaultValue={problem?.values.name ?? ""}
              aria-invalid={problem?.field === "name" || undefined}
              onInput={(e) => {
                const select = e.currentTarget.form?.elements.namedItem("voice");
                if (select instanceof HTMLSelectElement && e.currentTarget.value && select.value === "anonymous")
                  select.value = "pseudonym";
              }}
            />
          </div>
        </div>
      ) : null}
      {intent === "comment" ? (
        <p className="hint">
          Anonymous comments show a tag such as ·7F3A: the same for you throughout this thread, unrelated in others.
          Write <code>name#secret</code> to add a tripcode that nobody else can produce.
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={fetcher.state !== "idle"}>
        {fetcher.state === "submitting" ? "Posting…" : submitLabel}
      </button>
    </fetcher.Form>
  );
}

export const DEFAULT_VOICES: VoiceOption[] = [
  { value: "anonymous", label: "Anonymous" },
  { value: "pseudonym", label: "A name" },
];

export const UNANSWERED_MESSAGE =
  "The forum did not answer (the connection failed, or the server had a problem). Send it again: what already arrived is not written twice.";

/**
 * The thread routes' clientAction: when a sending from the page gets no answer from the forum
 * (a dropped connection, a timeout, a server error), the form stays as it was, its text and its
 * token, with a message, so the same form can be sent again. Answers of the forum's own
 * (redirects, "not found") go to the router as before.
 */
export async function keepFormWhenUnanswered({
  request,
  serverAction,
}: ClientActionFunctionArgs): Promise<CommentActionData> {
  const sent = await request.clone().formData();
  try {
    return await serverAction<CommentActionData>();
  } catch (error) {
    if (error instanceof Response) throw error;
    // Every text field as it was sent, as the server keeps a refused form's.
    const values: CommentFormValues = Object.fromEntries(
      [...sent].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    return { ok: false, error: UNANSWERED_MESSAGE, field: null, values };
  }
}
