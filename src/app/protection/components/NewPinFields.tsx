import { useTranslation } from 'react-i18next';
import { MIN_PIN_LENGTH, type NewPin } from '../pin-rules';
import { PinField } from './PinField';

interface Props {
  id: string;
  value: NewPin;
  onChange: (value: NewPin) => void;
  disabled: boolean;
  /** The problem found with the new PIN, if any, to mark the field it is in. */
  problem: string | undefined;
  describedBy: string;
}

const PIN_PROBLEMS = new Set(['tooShort', 'tooSimple', 'notDigits']);

/** Digits or a passphrase, the new PIN and the same typed again: the same fields when setting and changing it. */
export function NewPinFields({ id, value, onChange, disabled, problem, describedBy }: Props) {
  const { t } = useTranslation('protection');
  const { kind } = value;
  return (
    <>
      <label className="toggle">
        <input
          type="checkbox"
          checked={kind === 'passphrase'}
          onChange={(event) => onChange({ ...value, kind: event.target.checked ? 'passphrase' : 'digits' })}
        />
        {t('setup.usePassphrase')}
      </label>
      <PinField
        id={`${id}-pin`}
        label={t(kind === 'digits' ? 'setup.pin' : 'setup.passphrase', { min: MIN_PIN_LENGTH })}
        kind={kind}
        value={value.pin}
        onChange={(pin) => onChange({ ...value, pin })}
        disabled={disabled}
        invalid={problem !== undefined && PIN_PROBLEMS.has(problem)}
        describedBy={describedBy}
      />
      <PinField
        id={`${id}-repeat`}
        label={t('setup.repeat')}
        kind={kind}
        value={value.repeat}
        onChange={(repeat) => onChange({ ...value, repeat })}
        disabled={disabled}
        invalid={problem === 'mismatch'}
        describedBy={describedBy}
      />
    </>
  );
}
