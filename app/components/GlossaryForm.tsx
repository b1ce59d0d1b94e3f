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
        id="tag-name"
        label="Name"
        hint="Letters, digits and hyphens, as readers should see it: CRC, strike, probation-institute."
        error={errorFor("name")}
      >
        <input
          id="tag-name"
          name="name"
          type="text"
          required
          maxLength={LIMITS.name}
          defaultValue={values.name}
          aria-invalid={errorFor("name") ? true : undefined}
          aria-describedby="tag-name-hint tag-name-error"
        />
      </FieldBlock>
      <FieldBlock
        id="tag-description"
        label="Description"
        hint="One line for newcomers: what the word or acronym means."
        error={errorFor("description")}
      >
        <input
          id="tag-description"
          name="description"
          type="text"
          required
          maxLength={LIMITS.description}
          defaultValue={values.description}
          aria-invalid={errorFor("description") ? true : undefined}
          aria-describedby="tag-description-hint tag-description-error"
        />
      </FieldBlock>
      <FieldBlock
        id="tag-patterns"
        label="Patterns, one per line"
        hint="An acronym (a capital after the first letter: TR, CRC, MoJ) matches in exactly that case, with plurals and possessives. Anything else matches in any case, with simple endings (strike, strikes, striking). Leave empty for a tag editors add by hand."
        error={errorFor("patterns")}
      >
        <textarea
          id="tag-patterns"
          name="patterns"
          rows={5}
          defaultValue={values.patterns}
          aria-invalid={errorFor("patterns") ? true : undefined}
          aria-describedby="tag-patterns-hint tag-patterns-error"
        />
      </FieldBlock>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}

function FieldBlock({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
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
