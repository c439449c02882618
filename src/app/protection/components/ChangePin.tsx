import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHandbookStore } from '../../handbook/hooks';
import { MIN_PIN_LENGTH, type NewPin, newPinProblem, type PinProblem } from '../pin-rules';
import { changePin, type PinKind, type Refusal } from '../vault';
import { Heading, type HeadingLevel } from './Heading';
import { NewPinFields } from './NewPinFields';
import { PinField } from './PinField';
import { useWaitText } from './useWaitText';
import './protection.css';

type Problem = PinProblem | 'mismatch' | 'failed';

/** Changes the PIN; the worker proves they know the current one (a wrong one counts as a wrong PIN). */
export function ChangePin({ level, currentKind }: { level: HeadingLevel; currentKind: PinKind }) {
  const { t } = useTranslation('protection');
  const { db } = useHandbookStore();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [newPin, setNewPin] = useState<NewPin>({ kind: currentKind, pin: '', repeat: '' });
  const [problem, setProblem] = useState<Problem>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [state, setState] = useState<'editing' | 'changing' | 'changed'>('editing');
  const waitText = useWaitText(refusal?.waitMs ?? 0);
  if (!db) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem | undefined = newPinProblem(newPin);
    setProblem(found);
    setRefusal(undefined);
    if (found) return;
    setState('changing');
    try {
      const result = await changePin(db, current, newPin.pin, newPin.kind);
      if ('changed' in result) {
        setCurrent('');
        setNewPin({ ...newPin, pin: '', repeat: '' });
        setState('changed');
        return;
      }
      setRefusal(result);
      setCurrent('');
    } catch (error) {
      console.error('The PIN could not be changed', error);
      setProblem('failed');
    }
    setState('editing');
  };

  const message = problem
    ? t(`problem.${problem}`, { min: MIN_PIN_LENGTH })
    : refusal?.refused === 'wait'
      ? `${t('unlock.tooMany')} ${t('unlock.wait', { time: waitText })}`
      : refusal
        ? t('unlock.wrong', { count: refusal.failedAttempts })
        : undefined;
  const busy = state === 'changing';
  return (
    <section aria-labelledby={`${id}-title`}>
      <Heading level={level} id={`${id}-title`}>
        {t('settings.changeTitle')}
      </Heading>
      <form className="protection-form" onSubmit={submit} noValidate>
        <PinField
          id={`${id}-current`}
          label={t('settings.current')}
          kind={currentKind}
          value={current}
          onChange={setCurrent}
          disabled={busy}
          invalid={refusal !== undefined}
          describedBy={`${id}-message`}
        />
        <NewPinFields
          id={id}
          value={newPin}
          onChange={setNewPin}
          disabled={busy}
          problem={problem}
          describedBy={`${id}-message`}
        />
        <p id={`${id}-message`} className="protection-problem" role="alert">
          {message}
        </p>
        <p role="status">{state === 'changed' ? t('settings.changed') : ''}</p>
        <button type="submit" className="action action-primary" disabled={busy}>
          {busy ? t('settings.changing') : t('settings.changeSubmit')}
        </button>
      </form>
    </section>
  );
}
