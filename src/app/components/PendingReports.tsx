import { useTranslation } from 'react-i18next';
import { useHandbookStore } from '../handbook/hooks';
import { useOutbox } from '../sync/hooks';
import { discardReport } from '../sync/outbox';
import { useSyncEngine } from '../sync/registry';
import { useLocalize } from './useLocalize';

/**
 * The field reports on this phone: "2 reports waiting to be sent", each with its provider and
 * problem; a sent one says whether the coordinators have reviewed it and what they decided; a
 * report the server refused (400 invalid, 409 id taken) says so and can be removed.
 */
export function PendingReports({ jurisdictionId }: { jurisdictionId?: string }) {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const { db } = useHandbookStore();
  const engine = useSyncEngine();
  const entries = useOutbox(jurisdictionId);
  if (!db || !entries || entries.length === 0) return null;
  const waiting = entries.filter((e) => !e.lastError && !e.sentAt);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="pending-reports" aria-labelledby="pending-reports-title">
      <h2 id="pending-reports-title">{t('outbox.title')}</h2>
      <p role="status" aria-live="polite">
        {waiting.length > 0 ? t('outbox.waiting', { count: waiting.length }) : t('outbox.noneWaiting')}
      </p>
      <ul className="link-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <span>
              {entry.providerName ? localize(entry.providerName) : entry.report.providerId} ·{' '}
              {t(`report.problem.${entry.report.problem}`)} · {date.format(new Date(entry.queuedAt))}
            </span>
            {entry.lastError ? (
              <>
                {/* Worded by status: the server's own message is English and for logs only. */}
                <p className="notice">
                  {entry.lastError.status === 409 ? t('outbox.refused.conflict') : t('outbox.refused.invalid')}
                </p>
                <button type="button" className="action" onClick={() => void discardReport(db, entry.id)}>
                  {t('outbox.remove')}
                </button>
              </>
            ) : entry.outcome ? (
              <span className="hint">
                {' '}
                · {entry.outcome.status === 'resolved' ? t('outbox.resolved') : t('outbox.dismissed')}
              </span>
            ) : (
              <span className="hint"> · {entry.sentAt ? t('outbox.sent') : t('outbox.notSentYet')}</span>
            )}
          </li>
        ))}
      </ul>
      {engine && waiting.length > 0 && (
        <button type="button" className="action" onClick={() => void engine.flushOutbox().catch(console.error)}>
          {t('outbox.sendNow')}
        </button>
      )}
    </section>
  );
}
