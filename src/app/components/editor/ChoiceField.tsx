import { useId } from 'react';
import { useEditor } from './EditorContext';
import { FieldIssues } from './FieldIssues';
import { fieldDomId } from './issues';

interface ChoiceFieldProps {
  path: string;
  label: string;
  value: string;
  options: readonly string[];
  optionLabel(option: string): string;
  onChange(value: string): void;
}

/** A closed choice (a stage's kind, a group's relationship); a value the list lacks is kept, unnamed, so it shows as a problem. */
export function ChoiceField({ path, label, value, options, optionLabel, onChange }: ChoiceFieldProps) {
  const { issuesAt, readOnly } = useEditor();
  const id = useId();
  const issues = issuesAt(path);
  const errorId = `${fieldDomId(path)}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={readOnly}
        aria-invalid={issues.length > 0 || undefined}
        aria-describedby={issues.length > 0 ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {!options.includes(value) && <option value={value} />}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      <FieldIssues id={errorId} issues={issues} />
    </div>
  );
}
