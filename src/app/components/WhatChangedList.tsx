import { useTranslation } from 'react-i18next';
import type { RecordChange } from '../../core/release/changes';
import { parseRecordKey } from '../../core/release/records';
import type { WhatChanged } from '../db/database';
import { useHandbookStore } from '../handbook/hooks';
import { useLocalize } from './useLocalize';

/** After an update, what the coordinators changed, in words ("Casa Refugio: phone numbers changed"), until dismissed. */
export function WhatChangedList({ jurisdictionId, whatChanged }: { jurisdictionId: string; whatChanged: WhatChanged }) {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const { db } = useHandbookStore();

  const nameOf = (change: RecordChange) =>
    change.name ? localize(change.name) : (parseRecordKey(change.key).id ?? '');
  const fieldName = (field: string) =>
    i18n.exists(`changes.field.${field}`) ? t(`changes.field.${field}`) : t('changes.otherDetails');
  const describe = (change: RecordChange) => {
    const { kind } = parseRecordKey(change.key);
    const name = nameOf(change);
    if (change.change === 'added') return t(`changes.added.${kind}`, { name });
    if (change.change === 'removed') return t(`changes.removed.${kind}`, { name });
    return t('changes.changed', { name, fields: change.fields.map(fieldName).join(', ') });
  };
  const dismiss = () => void db?.syncStates.update(jurisdictionId, { 'whatChanged.dismissed': true });

  return (
    <section className="what-changed" aria-labelledby="what-changed-title">
      <h2 id="what-changed-title">{t('changes.title', { from: whatChanged.from, to: whatChanged.to })}</h2>
      {whatChanged.cause === 'revoked' && <p>{t('changes.revoked')}</p>}
      <ul>
        {whatChanged.changes.map((change) => (
          <li key={change.key}>{describe(change)}</li>
        ))}
      </ul>
      <button type="button" className="action" onClick={dismiss} aria-label={t('changes.dismissNamed')}>
        {t('changes.dismiss')}
      </button>
    </section>
  );
}
