import type { Ref } from 'react';
import type { PinKind } from '../vault';

interface PinFieldProps {
  id: string;
  label: string;
  kind: PinKind;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  invalid?: boolean;
  /** The id of the message that explains what is wrong. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A PIN (numeric keypad) or passphrase input: masked, never autofilled or corrected by the keyboard. */
export function PinField({
  id,
  label,
  kind,
  value,
  onChange,
  disabled,
  invalid,
  describedBy,
  inputRef,
}: PinFieldProps) {
  return (
    <div className="pin-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="password"
        inputMode={kind === 'digits' ? 'numeric' : 'text'}
        pattern={kind === 'digits' ? '[0-9]*' : undefined}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? describedBy : undefined}
      />
    </div>
  );
}
