// Reading a submitted form: the one way every action gets its fields.
/** Refuses what no person types and PostgreSQL cannot store in text. */
const NUL = "\u0000";

/**
 * The request's form, or a 400 answer: a body that is not a form, or a field carrying a NUL
 * character, is refused before any rule runs, so nothing is written.
 */
export async function readForm(request: Request): Promise<FormData> {
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
