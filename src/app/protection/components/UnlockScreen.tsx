import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHandbookStore } from '../../handbook/hooks';
import { FieldStrings } from '../../i18n/field-strings';
import { WIPE_OFFERED_AFTER, waitLeft } from '../attempts';
import { useProtection } from '../ProtectionProvider';
import { PROTECTION_STRINGS } from '../strings';
import { PIN_KIND_SETTING, type PinKind, unlockVault } from '../vault';
import { PinField } from './PinField';
import { useWaitText } from './useWaitText';
import { WipeDevice } from './WipeDevice';
import './protection.css';

/** Shown instead of every screen while the app is locked. */
export default function UnlockScreen() {
  return (
    <FieldStrings namespaces={PROTECTION_STRINGS}>
      <Unlock />
    </FieldStrings>
  );
}

/** Renders again every second while a wait runs, so the countdown and the button follow the clock. */
function useEverySecond(running: boolean): void {
  const [, setTicks] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTicks((ticks) => ticks + 1), 1_000);
    return () => clearInterval(timer);
  }, [running]);
}

function Unlock() {
  const { t } = useTranslation('protection');
  const { db } = useHandbookStore();
  const { unlocked } = useProtection();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  // The attempt counter and the wait are stored with the key: a reload does not reset them.
  const record = useLiveQuery(() => db?.vaultKeys.get('pin'), [db]);
  const kind = useLiveQuery(
    async () => ((await db?.settings.get(PIN_KIND_SETTING))?.value as PinKind | undefined) ?? 'digits',
    [db],
  );
  const failedAttempts = record?.failedAttempts ?? 0;
  useEverySecond(record?.retryAfter !== undefined);
  const waitMs = waitLeft(record?.retryAfter, new Date());
  const waitText = useWaitText(waitMs);
  const waiting = waitMs > 0;

  useEffect(() => {
    if (!checking && !waiting) input.current?.focus();
  }, [checking, waiting]);

  if (!db || !record || !kind) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking || waiting || pin === '') return;
    setChecking(true);
    try {
      const result = await unlockVault(db, pin);
      if ('vault' in result) {
        unlocked(result.vault);
        return;
      }
    } catch (error) {
      console.error('The PIN could not be checked', error);
    }
    setPin('');
    setChecking(false);
  };

  const message = waiting
    ? t('unlock.tooMany')
    : failedAttempts > 0
      ? t('unlock.wrong', { count: failedAttempts })
      : undefined;
  return (
    <section className="screen unlock" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('unlock.title')}</h1>
      <p>{t(kind === 'digits' ? 'unlock.explain' : 'unlock.explainPassphrase')}</p>
      <form className="protection-form" onSubmit={submit} noValidate>
        <PinField
          id={`${id}-pin`}
          label={t(kind === 'digits' ? 'unlock.pin' : 'unlock.passphrase')}
          kind={kind}
          value={pin}
          onChange={setPin}
          disabled={checking || waiting}
          invalid={failedAttempts > 0}
          describedBy={`${id}-message`}
          inputRef={input}
        />
        <p id={`${id}-message`} className="protection-problem" role="alert">
          {message}
        </p>
        {/* Not a live region: a countdown read out every second would drown everything else. */}
        {waiting && <p>{t('unlock.wait', { time: waitText })}</p>}
        <button type="submit" className="action action-primary" disabled={checking || waiting}>
          {checking ? t('unlock.checking') : t('unlock.submit')}
        </button>
      </form>
      {failedAttempts >= WIPE_OFFERED_AFTER && (
        <section aria-labelledby={`${id}-forgot`}>
          <h2 id={`${id}-forgot`}>{t('unlock.forgotTitle')}</h2>
          <p>{t('unlock.forgot')}</p>
          <WipeDevice />
        </section>
      )}
    </section>
  );
}
