import { useTranslation } from 'react-i18next';
import type { InstalledRelease, SyncState } from '../db/database';
import { useSyncState } from '../sync/hooks';
import { useSyncEngine, useSyncStatus } from '../sync/registry';
import type { SyncOutcome } from '../sync/sync-jurisdiction';
import { daysBetween, formatAge } from './format-age';
import { WhatChangedList } from './WhatChangedList';

/** After this many days without news from the server, the worker is warned the handbook may be out of date. */
export const STALE_AFTER_DAYS = 30;

/**
 * On every screen of a jurisdiction: which release the phone holds and since when, an
 * "Update now" button, a warning when it has not been updated for a month, the last refusal
 * in words, and what the last update changed.
 */
export function HandbookStatus({ release, now = new Date() }: { release: InstalledRelease; now?: Date }) {
  const { t, i18n } = useTranslation();
  const { jurisdictionId } = release;
  const state = useSyncState(jurisdictionId);
  const engine = useSyncEngine();
  const { running, outcomes } = useSyncStatus();
  const age = (iso: string) => formatAge(new Date(iso), now, i18n.language);

  const lastNews = latest(release.installedAt, state?.lastCheckedAt);
  const staleDays = daysBetween(new Date(lastNews), now);

  return (
    <section className="handbook-status" aria-label={t('sync.label')}>
      <div className="status-line">
        <p>
          {t('sync.release', { number: release.number })} · {t('sync.updated', { when: age(release.installedAt) })}
          {state?.lastCheckedAt && ` · ${t('sync.checked', { when: age(state.lastCheckedAt) })}`}
        </p>
        {engine && (
          <button
            type="button"
            className="action"
            onClick={() => void engine.syncNow().catch(console.error)}
            disabled={running}
            aria-label={t('sync.updateNowNamed')}
          >
            {t('sync.updateNow')}
          </button>
        )}
      </div>
      <p className="status-live" role="status" aria-live="polite">
        {running ? t('sync.checking') : <OutcomeText outcome={outcomes[jurisdictionId]} />}
      </p>
      {staleDays >= STALE_AFTER_DAYS && <p className="notice">{t('sync.stale', { count: staleDays })}</p>}
      {state?.lastError && <LastError error={state.lastError} number={release.number} />}
      {state?.whatChanged && !state.whatChanged.dismissed && (
        <WhatChangedList jurisdictionId={jurisdictionId} whatChanged={state.whatChanged} />
      )}
    </section>
  );
}

function LastError({ error, number }: { error: NonNullable<SyncState['lastError']>; number: number }) {
  const { t } = useTranslation();
  return (
    <p className="notice" role="alert">
      {t(`sync.error.${error.reason}`)} {t('sync.stillUsing', { number })}
    </p>
  );
}

function latest(a: string, b: string | undefined): string {
  return b && b > a ? b : a;
}

/** What the last check in this session came to, said once in the live region. */
function OutcomeText({ outcome }: { outcome: SyncOutcome | undefined }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  if (outcome.status === 'updated') return t('sync.outcome.updated', { number: outcome.number });
  if (outcome.status === 'up-to-date') return t('sync.outcome.upToDate');
  if (outcome.status === 'unreachable') return t('sync.outcome.unreachable');
  return t('sync.outcome.refused');
}
