import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../../core/case/model';
import { useReferrals } from '../../../cases/hooks';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useDateTime, useStepTitle } from '../hooks/useSlip';
import './referrals.css';

type StatusFilter = ReferralStatus | 'all';

/** `referrals`: the worker's referrals in this jurisdiction, newest first, filtered by status. */
export function ReferralsScreen() {
  const { t } = useTranslation('referrals');
  const localize = useLocalize();
  const { jurisdiction } = useCurrentHandbook();
  const referrals = useReferrals(jurisdiction.id);
  const formatDate = useDateTime();
  const stepTitle = useStepTitle();
  const [filter, setFilter] = useState<StatusFilter>('all');
  const shown = referrals?.filter((r) => filter === 'all' || r.status === filter);

  return (
    <section className="screen" aria-labelledby="referrals-title">
      <p className="eyebrow">{localize(jurisdiction.name)}</p>
      <h1 id="referrals-title">{t('list.title')}</h1>
      <p className="hint">{t('list.intro')}</p>
      {referrals === undefined ? (
        <p className="loading">{t('list.loading')}</p>
      ) : referrals.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <>
          <label className="referral-filter" htmlFor="referral-filter">
            {t('list.filter')}
          </label>
          <select
            id="referral-filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value as StatusFilter)}
          >
            <option value="all">{t('list.all')}</option>
            {REFERRAL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
          <p className="result-count" role="status">
            {t('list.count', { count: shown?.length ?? 0 })}
          </p>
          {shown?.length === 0 ? (
            <p>{t('list.noneWithStatus')}</p>
          ) : (
            <ul className="card-list">
              {shown?.map((referral) => (
                <li key={referral.id}>
                  <Link className="card-link" to={`/j/${jurisdiction.id}/referrals/${referral.id}`}>
                    <span className="card-title">{localize(referral.provider.name)}</span>
                    <span className="card-meta">
                      {t('list.meta', { code: referral.caseCode, step: stepTitle(referral) })}
                    </span>
                    <span className="card-meta">
                      <span className={`chip referral-status-${referral.status}`}>
                        {t(`status.${referral.status}`)}
                      </span>{' '}
                      {formatDate(referral.createdAt)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="actions">
        <Link className="action" to={`/j/${jurisdiction.id}/cases`}>
          {t('list.cases')}
        </Link>
      </div>
    </section>
  );
}
