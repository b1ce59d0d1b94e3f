// Reading a form: typed values, or a refusal that names the problem and keeps what was typed;
// a rule's refusal (ForumError) answered the same way, with its status.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DatabaseUnavailable, ForumError } from "~/lib/errors.server";
import { idField, orRefusal, parseForm } from "~/lib/forms.server";

const PenNameForm = z.object({
  intent: z.enum(["add", "remove"]),
  name: z.string().default(""),
  penNameId: idField,
  age: z.string().regex(/^\d*$/, { error: "Write the age in digits." }).default(""),
  tags: z.array(z.string()),
});

function posted(fields: [string, string | Blob][]) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  return new Request("http://forum.test/me", { method: "POST", body });
}

describe("parseForm", () => {
  it("gives the typed values and the text as typed", async () => {
    const form = await parseForm(
      posted([
        ["intent", "add"],
        ["name", "  Rosa "],
        ["penNameId", "12"],
        ["tags", "a"],
        ["tags", "b"],
        ["unknown", "dropped"],
      ]),
      PenNameForm,
    );
    expect(form).toEqual({
      ok: true,
      data: { intent: "add", name: "  Rosa ", penNameId: 12, age: "", tags: ["a", "b"] },
      values: { intent: "add", name: "  Rosa ", penNameId: "12", tags: "a" },
      files: new Map(),
    });
  });

  it("gives the files chosen in the form apart, and leaves out a file input left empty", async () => {
    const logo = new File(["GIF89a"], "logo.gif", { type: "image/gif" });
    const form = await parseForm(
      posted([
        ["intent", "add"],
        ["logo", logo],
        ["other", new File([], "", { type: "application/octet-stream" })],
      ]),
      PenNameForm,
    );
    expect(form.ok && [...form.files.keys()]).toEqual(["logo"]);
    expect(form.ok && (await form.files.get("logo")!.text())).toBe("GIF89a");
    expect(form.ok && form.data.name).toBe("");
  });

  it("names the field a schema refuses with its own message, keeping the text", async () => {
    const form = await parseForm(
      posted([
        ["intent", "add"],
        ["name", "kept"],
        ["age", "forty"],
      ]),
      PenNameForm,
    );
    expect(form).toEqual({
      ok: false,
      error: "Write the age in digits.",
      field: "age",
      values: { intent: "add", name: "kept", age: "forty" },
    });
  });

  it("answers a form no page sends as not understood, naming no field", async () => {
    const form = await parseForm(posted([["intent", "drop-tables"]]), PenNameForm);
    expect(form).toMatchObject({ ok: false, error: "The form was not understood. Please try again.", field: null });
  });

  it("turns an id that is not one into 0, which names nothing", async () => {
    const form = await parseForm(
      posted([
        ["intent", "remove"],
        ["penNameId", "1; DROP TABLE"],
      ]),
      PenNameForm,
    );
    expect(form.ok && form.data.penNameId).toBe(0);
  });

  it("leaves files out of the text", async () => {
    const form = await parseForm(
      posted([
        ["intent", "add"],
        ["name", new Blob(["not text"])],
      ]),
      PenNameForm,
    );
    expect(form).toMatchObject({ ok: true, data: { name: "" }, values: { intent: "add" } });
  });

  it("refuses a form a robot filled in (the honeypot field), keeping the text", async () => {
    const form = await parseForm(
      posted([
        ["intent", "add"],
        ["name", "bot"],
        ["website", "http://spam.example"],
      ]),
      PenNameForm,
    );
    expect(form).toMatchObject({ ok: false, values: { name: "bot" } });
    expect(!form.ok && form.error).toMatch(/automated/);
  });

  it("refuses a NUL character with a 400 before any rule runs", async () => {
    const answer = await parseForm(posted([["name", "a\u0000b"]]), PenNameForm).catch((e: unknown) => e);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(400);
  });
});

/** What orRefusal answers when the write throws `error`. */
async function refusalOf(values: object, error: Error, headers?: Headers): Promise<Response> {
  const answer = await orRefusal(values, () => Promise.reject(error), headers);
  if (!(answer instanceof Response)) throw new Error("no answer");
  return answer;
}

describe("orRefusal", () => {
  it("passes the write's answer through", async () => {
    expect(await orRefusal({ name: "x" }, () => Promise.resolve("written"))).toBe("written");
  });

  it("answers a rule's refusal with its status and field, the text kept", async () => {
    const answer = await refusalOf({ name: "Admin" }, new ForumError("That name is reserved.", 403, "name"));
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({
      ok: false,
      error: "That name is reserved.",
      field: "name",
      values: { name: "Admin" },
    });
  });

  it("answers a database that is away with 503 and Retry-After, keeping the headers given", async () => {
    const headers = new Headers({ "Set-Cookie": "key=1" });
    const answer = await refusalOf({ body: "my comment" }, new DatabaseUnavailable("database unreachable"), headers);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toBe("5");
    expect(answer.headers.get("Set-Cookie")).toBe("key=1");
    expect(((await answer.json()) as { values: unknown }).values).toEqual({ body: "my comment" });
  });

  it("lets any other error through", async () => {
    await expect(orRefusal({}, () => Promise.reject(new TypeError("a bug")))).rejects.toThrow("a bug");
  });
});
