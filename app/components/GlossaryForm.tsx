import { Form } from "@remix-run/react";
import { FormProblem } from "./Field";

export type GlossaryFormValues = { name?: string; description?: string; patterns?: string };
export type GlossaryFormProblem = { error: string; field: string | null } | null;

const LIMITS = { name: 40, description: 300 };

/** The add and edit form of a glossary tag; shows the typed values back with the problem. */
export function GlossaryForm({
  intent,
  values,
  problem,
  submitLabel,
}: {
  intent: string;
  values: GlossaryFormValues;
  problem: GlossaryFormProblem;
  submitLabel: string;
}) {
  const errorFor = (field: string) => (problem?.field === field ? problem.error : null);
  const general = problem && !["name", "description", "patterns"].includes(problem.field ?? "") ? problem.error : null;
  return (
    <Form method="post" className="stack-form wide">
      <FormProblem message={general} />
      <input type="hidden" name="intent" value={intent} />
      <FieldBlock
        name="name"
        label="Name"
        hint="Letters, digits and hyphens, as readers should see it: CRC, strike, probation-institute."
        error={errorFor("name")}
      >
        {(field) => <input {...field} type="text" required maxLength={LIMITS.name} defaultValue={values.name} />}
      </FieldBlock>
      <FieldBlock
        name="description"
        label="Description"
        hint="One line for newcomers: what the word or acronym means."
        error={errorFor("description")}
      >
        {(field) => (
          <input {...field} type="text" required maxLength={LIMITS.description} defaultValue={values.description} />
        )}
      </FieldBlock>
      <FieldBlock
        name="patterns"
        label="Patterns, one per line"
        hint="An acronym (a capital after the first letter: TR, CRC, MoJ) matches in exactly that case, with plurals and possessives. Anything else matches in any case, with simple endings (strike, strikes, striking). Leave empty for a tag editors add by hand."
        error={errorFor("patterns")}
      >
        {(field) => <textarea {...field} rows={5} defaultValue={values.patterns} />}
      </FieldBlock>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}

/** A labelled field of the form with its hint and problem; `children` draws the control from its attributes. */
function FieldBlock({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint: string;
  error: string | null;
  children: (field: {
    id: string;
    name: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string;
  }) => React.ReactNode;
}) {
  const id = `tag-${name}`;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": `${id}-hint ${id}-error`,
      })}
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
