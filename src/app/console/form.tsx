import type { InputHTMLAttributes, ReactNode } from 'react';
import { type FieldIssue, issuesAt } from './issues';

/** An element id for a field of a form, from its path (`phones.0.number` → `provider-phones-0-number`). */
export function fieldId(form: string, path: string): string {
  return `${form}-${path.replace(/\./g, '-')}`;
}

/** The ids an input is described by: its hint and, when it has problems, their message. */
export function describedBy(id: string, issues: readonly FieldIssue[], hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', issues.length > 0 ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The problems of a field, right below it, referenced by the field's aria-describedby. */
export function FieldProblems({ id, issues }: { id: string; issues: readonly FieldIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {issues.map((issue) => issue.message).join(' ')}
    </p>
  );
}

/** A field's frame: its label, its hint, the control (and what follows it), then its problems. */
function Field({
  id,
  label,
  hint,
  issues,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  issues: readonly FieldIssue[];
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      <FieldProblems id={id} issues={issues} />
    </div>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  form: string;
  path: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  issues: readonly FieldIssue[];
  hint?: ReactNode;
  /** Shown after the input, e.g. how a phone number will be written… */
  after?: ReactNode;
  /** …and the id of what it shows, so a screen reader reads it with the field. */
  afterId?: string;
}

/** A labelled text input with its hint and its problems, linked for screen readers. */
export function TextField({
  form,
  path,
  label,
  value,
  onChange,
  issues,
  hint,
  after,
  afterId,
  ...input
}: TextFieldProps) {
  const id = fieldId(form, path);
  const own = issuesAt(issues, path);
  return (
    <Field id={id} label={label} hint={hint} issues={own}>
      <input
        type="text"
        {...input}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={own.length > 0 || undefined}
        aria-describedby={[describedBy(id, own, Boolean(hint)), afterId].filter(Boolean).join(' ') || undefined}
      />
      {after}
    </Field>
  );
}

interface TextAreaFieldProps {
  form: string;
  path: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  issues: readonly FieldIssue[];
  hint?: ReactNode;
  lang?: string;
  rows?: number;
}

/** A labelled multi-line text with its hint and problems. */
export function TextAreaField({
  form,
  path,
  label,
  value,
  onChange,
  issues,
  hint,
  lang,
  rows = 3,
}: TextAreaFieldProps) {
  const id = fieldId(form, path);
  const own = issuesAt(issues, path);
  return (
    <Field id={id} label={label} hint={hint} issues={own}>
      <textarea
        id={id}
        lang={lang}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={own.length > 0 || undefined}
        aria-describedby={describedBy(id, own, Boolean(hint))}
      />
    </Field>
  );
}
