// Reading a submitted form: the one way every action gets its fields, and answers a refusal
// with the problem named and the writer's text kept.
import { json, type TypedResponse } from "@remix-run/node";
import { z } from "zod";
import { ForumError } from "./errors.server";
import { AUTOMATED_MESSAGE, looksAutomated } from "./honeypot.server";
import { refusalHeaders } from "./http.server";

/** Refuses what no person types and PostgreSQL cannot store in text. */
const NUL = "\u0000";

/** What a field the schema refuses without a message of its own says: a form no page sends. */
const NOT_UNDERSTOOD = "The form was not understood. Please try again.";

/** An id field: its number, or 0 (no row has it) when it is not one, for the model to answer "no such". */
export const idField = z
  .string()
  .default("")
  .transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : 0));

/** A form's text fields as typed, by the names its schema gives: what a refused form shows again. */
export type FormText<S extends z.ZodObject> = { [K in keyof S["shape"]]?: string };

/** What a refused form answers: the problem, the field it is about (if one) and the text as typed. */
export type Refusal<V> = { ok: false; error: string; field: string | null; values: V };

export type ParsedForm<S extends z.ZodObject> =
  | {
      ok: true;
      data: z.output<S>;
      values: FormText<S>;
      /** Files chosen in the form, by field. */ files: Map<string, File>;
    }
  | Refusal<FormText<S>>;

/**
 * The request's form, or a 400 answer: a body that is not a form, or a field carrying a NUL
 * character, is refused before any rule runs, so nothing is written.
 */
async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("This form could not be read: send it again from the page.", { status: 400 });
  }
  for (const [, value] of form) {
    if (typeof value === "string" && value.includes(NUL)) {
      throw new Response("A form field contains a NUL character (U+0000), which cannot be stored.", { status: 400 });
    }
  }
  return form;
}

/**
 * Reads the request's form with `schema` (one per form). Fields are text (files come apart);
 * a field the schema has as an array gets every value sent. A form a robot filled in (the
 * honeypot field) or one the schema refuses comes back as a refusal, its text kept.
 */
export async function parseForm<S extends z.ZodObject>(request: Request, schema: S): Promise<ParsedForm<S>> {
  const form = await readForm(request);
  const shape: Record<string, unknown> = schema.shape;
  const fields: Record<string, string | string[]> = {};
  const values: Record<string, string> = {};
  for (const name of new Set([...form.keys(), ...Object.keys(shape)])) {
    const texts = form.getAll(name).filter((v): v is string => typeof v === "string");
    if (shape[name] instanceof z.ZodArray) fields[name] = texts;
    else if (texts.length > 0) fields[name] = texts[0];
    if (name in shape && texts.length > 0) values[name] = texts[0];
  }
  const text = values as FormText<S>;
  if (looksAutomated(form)) return { ok: false, error: AUTOMATED_MESSAGE, field: null, values: text };
  const parsed = schema.safeParse(fields, { error: () => NOT_UNDERSTOOD });
  if (parsed.success) return { ok: true, data: parsed.data, values: text, files: filesIn(form) };
  const { message, path } = parsed.error.issues[0];
  const field = message !== NOT_UNDERSTOOD && typeof path[0] === "string" ? path[0] : null;
  return { ok: false, error: message, field, values: text };
}

/** The files a form carries, by field: those chosen (a file input left empty sends a nameless, empty one). */
function filesIn(form: FormData): Map<string, File> {
  const files = new Map<string, File>();
  for (const [name, value] of form)
    if (typeof value !== "string" && (value.name || value.size > 0)) files.set(name, value);
  return files;
}

/** Answers a refused form with `status` (400 unless said). */
export function refuse<V>(refusal: Refusal<V>, status = 400, headers?: HeadersInit): TypedResponse<Refusal<V>> {
  return json(refusal, { status, headers });
}

/**
 * Runs a form's write. A ForumError it throws (a rule of the forum said no, or the database is
 * away) is answered as the form's refusal, with the error's status, the field it names and the
 * text `values` kept; `headers` (a cookie set on the way) go with the answer either way.
 */
export async function orRefusal<V, T>(
  values: V,
  write: () => Promise<T>,
  headers = new Headers(),
): Promise<T | TypedResponse<Refusal<V>>> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof ForumError)) throw error;
    for (const [name, value] of Object.entries(refusalHeaders(error))) headers.set(name, value);
    return refuse({ ok: false, error: error.message, field: error.field ?? null, values }, error.status, headers);
  }
}
