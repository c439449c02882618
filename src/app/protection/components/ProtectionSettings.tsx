import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { useHandbookStore } from '../../handbook/hooks';
import { FieldStrings } from '../../i18n/field-strings';
import { IDLE_MINUTES, IDLE_SETTING, type IdleMinutes, idleMinutesOf } from '../idle-lock';
import { useProtection } from '../ProtectionProvider';
import { PROTECTION_STRINGS } from '../strings';
import { PIN_KIND_SETTING, type PinKind } from '../vault';
import { ChangePin } from './ChangePin';
import { PinSetup } from './PinSetup';
import { WipeDevice } from './WipeDevice';
import './protection.css';

/** The settings screen's "Protection" section: the PIN, when the app locks, and wiping the device. */
export function ProtectionSettings() {
  return (
    <FieldStrings namespaces={PROTECTION_STRINGS}>
      <Protection />
    </FieldStrings>
  );
}

function Protection() {
  const { t } = useTranslation('protection');
  const { db } = useHandbookStore();
  const { status, lockNow } = useProtection();
  const stored = useLiveQuery(async () => idleMinutesOf((await db?.settings.get(IDLE_SETTING))?.value), [db]);
  // The choice shows at once; the stored setting catches up a moment later.
  const [chosen, setChosen] = useState<IdleMinutes>();
  const idleMinutes = chosen ?? stored;
  const kind = useLiveQuery(
    async () => ((await db?.settings.get(PIN_KIND_SETTING))?.value as PinKind | undefined) ?? 'digits',
    [db],
  );

  return (
    <section aria-labelledby="protection-title">
      <h2 id="protection-title">{t('settings.title')}</h2>
      <p>{t('settings.quickExit')}</p>
      {status === 'no-pin' && <PinSetup level={3} />}
      {status === 'unlocked' && db && (
        <>
          <ChoiceGroup
            legend={t('settings.idle')}
            name="idle-minutes"
            options={IDLE_MINUTES}
            chosen={idleMinutes}
            onChoose={(minutes) => {
              setChosen(minutes);
              void db.settings.put({ key: IDLE_SETTING, value: minutes });
            }}
            label={(minutes) => t('settings.minutes', { count: minutes })}
          />
          <div className="actions">
            <button type="button" className="action" onClick={lockNow}>
              {t('settings.lockNow')}
            </button>
          </div>
          {kind && <ChangePin level={3} currentKind={kind} />}
        </>
      )}
      <WipeDevice level={3} />
    </section>
  );
}
