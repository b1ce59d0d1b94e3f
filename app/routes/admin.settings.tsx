import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormProblem } from "~/components/Field";
import { pageTitle } from "~/components/forum";
import { orRefusal, parseForm, refuse } from "~/lib/forms.server";
import { SettingsSchema } from "./forms.server";
import { canAdminister, requireStaff } from "~/lib/viewer.server";
import {
  MAX_FORUM_DESCRIPTION_LENGTH,
  MAX_FORUM_NAME_LENGTH,
  MAX_LOGO_BYTES,
  SIGNUP_MODES,
  getForum,
  getSignupMode,
  removeLogo,
  setForum,
  setLogo,
  setSignupMode,
  type SignupMode,
} from "~/models/settings.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "Settings") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, canAdminister);
  return json({
    signupMode: await getSignupMode(),
    forum: await getForum(),
    // The models' limits and choices are server-only: the page gets them here.
    modes: SIGNUP_MODES,
    limits: { name: MAX_FORUM_NAME_LENGTH, description: MAX_FORUM_DESCRIPTION_LENGTH, logoKb: MAX_LOGO_BYTES / 1024 },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request, canAdminister);
  const form = await parseForm(request, SettingsSchema);
  if (!form.ok) return refuse(form);
  const { intent, name, description, signupMode } = form.data;
  return orRefusal(form.values, async () => {
    if (intent === "forum") await setForum({ name, description });
    else if (intent === "logo") {
      const file = form.files.get("logo");
      await setLogo(file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0));
    } else if (intent === "remove-logo") await removeLogo();
    else await setSignupMode(signupMode!);
    return json({ ok: true as const, saved: intent });
  });
}

const LABELS: Record<SignupMode, string> = {
  open: "Anyone may join",
  invite: "Only with an invite code",
  closed: "Nobody may join",
};

const SAVED: Record<string, string> = {
  forum: "The forum's name and description are saved.",
  logo: "The new logo is in place.",
  "remove-logo": "The logo is removed: the forum shows Picket's mark.",
  join: "Saved: who may join.",
};

export default function Settings() {
  const { signupMode, forum, modes, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result && !result.ok ? result : null;
  const refusedOf = (intent: string) => (refused?.values.intent === intent ? refused : null);
  const forumRefused = refusedOf("forum");
  const logoRefused = refusedOf("logo");
  return (
    <>
      <h1>Settings</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {SAVED[result.saved]}
        </p>
      ) : null}
      <div className="settings">
        <Form method="post" className="stack-form" aria-labelledby="forum-heading">
          <h2 id="forum-heading">The forum</h2>
          <input type="hidden" name="intent" value="forum" />
          <FormProblem message={forumRefused && !forumRefused.field ? forumRefused.error : null} />
          <Field
            label="Name"
            name="name"
            type="text"
            required
            maxLength={limits.name}
            defaultValue={forumRefused?.values.name ?? forum.name}
            error={forumRefused?.field === "name" ? forumRefused.error : null}
            hint="In the header, the page titles and the feeds."
          />
          <Field
            label="Description"
            name="description"
            type="text"
            maxLength={limits.description}
            defaultValue={forumRefused?.values.description ?? forum.description}
            error={forumRefused?.field === "description" ? forumRefused.error : null}
            hint="One line on the home page and in the posts feed. May be empty."
          />
          <button type="submit" className="primary">
            Save name and description
          </button>
        </Form>

        <Form method="post" encType="multipart/form-data" className="stack-form" aria-labelledby="logo-heading">
          <h2 id="logo-heading">Logo</h2>
          <div className="logo-now">
            <img src={forum.logo ?? "/favicon.ico"} alt="" width={48} height={48} />
            <p className="hint">
              {forum.logo
                ? "The forum's logo, in the header and the browser's tab."
                : "No logo: Picket's mark is shown."}
            </p>
          </div>
          <Field
            label="A new logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp,image/x-icon,image/svg+xml"
            error={logoRefused ? logoRefused.error : null}
            hint={`PNG, JPEG, GIF, WebP, ICO or SVG (shapes only: no scripts or links), at most ${limits.logoKb} KB. Square images look best.`}
          />
          <div className="form-actions">
            <button type="submit" name="intent" value="logo" className="primary">
              Upload logo
            </button>
            {forum.logo ? (
              <button type="submit" name="intent" value="remove-logo" className="danger" formNoValidate>
                Remove logo
              </button>
            ) : null}
          </div>
        </Form>

        <Form method="post" className="stack-form" aria-labelledby="join-heading">
          <h2 id="join-heading">Joining</h2>
          <input type="hidden" name="intent" value="join" />
          <FormProblem message={refusedOf("join")?.error} />
          <fieldset>
            <legend>Who may join</legend>
            {modes.map((mode) => (
              <label key={mode} className="choice">
                <input type="radio" name="signupMode" value={mode} defaultChecked={mode === signupMode} />{" "}
                {LABELS[mode]}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary">
            Save
          </button>
        </Form>
      </div>
    </>
  );
}
