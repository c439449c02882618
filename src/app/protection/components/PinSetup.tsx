import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHandbookStore } from '../../handbook/hooks';
import { useProtection } from '../ProtectionProvider';
import { MIN_PIN_LENGTH, type NewPin, newPinProblem, type PinProblem } from '../pin-rules';
import { createPin } from '../vault';
import { below, Heading, type HeadingLevel } from './Heading';
import { NewPinFields } from './NewPinFields';
import './protection.css';

type Problem = PinProblem | 'mismatch' | 'notUnderstood' | 'failed';

/**
 * Sets the first PIN. Before the worker chooses one they are told plainly that a lost PIN
 * cannot be recovered, and confirm it: the only way back is wiping this device's records.
 */
export function PinSetup({ level }: { level: HeadingLevel }) {
  const { t } = useTranslation('protection');
  const { db } = useHandbookStore();
  const { unlocked } = useProtection();
  const id = useId();
  const [newPin, setNewPin] = useState<NewPin>({ kind: 'digits', pin: '', repeat: '' });
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [saving, setSaving] = useState(false);

  if (!db) return <p className="notice">{t('setup.unavailable')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem | undefined = newPinProblem(newPin) ?? (understood ? undefined : 'notUnderstood');
    setProblem(found);
    if (found) return;
    setSaving(true);
    try {
      unlocked(await createPin(db, newPin.pin, newPin.kind));
    } catch (error) {
      console.error('The PIN could not be set', error);
      setProblem('failed');
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        {t('setup.title')}
      </Heading>
      <p>{t('setup.explain')}</p>
      <div className="notice protection-warning">
        <Heading level={below(level)}>{t('setup.warningTitle')}</Heading>
        <p>{t('setup.warning')}</p>
      </div>
      <form className="protection-form" onSubmit={submit} noValidate>
        <NewPinFields
          id={id}
          value={newPin}
          onChange={setNewPin}
          disabled={saving}
          problem={problem}
          describedBy={`${id}-problem`}
        />
        <label className="toggle">
          <input
            type="checkbox"
            checked={understood}
            onChange={(event) => setUnderstood(event.target.checked)}
            aria-invalid={problem === 'notUnderstood' || undefined}
          />
          {t('setup.understood')}
        </label>
        {problem && (
          <p id={`${id}-problem`} className="protection-problem" role="alert">
            {t(`problem.${problem}`, { min: MIN_PIN_LENGTH })}
          </p>
        )}
        <button type="submit" className="action action-primary" disabled={saving}>
          {saving ? t('setup.saving') : t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
