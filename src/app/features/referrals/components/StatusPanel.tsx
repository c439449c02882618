import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral, ReferralStatus } from '../../../../core/case/model';
import { allowedMoves } from '../../../../core/referral/status';

interface Props {
  referral: Referral;
  formatDate: (iso: string) => string;
  move: (to: ReferralStatus) => Promise<unknown>;
}

/** Where the referral stands, how it got there, and the moves it may make next. */
export function StatusPanel({ referral, formatDate, move }: Props) {
  const { t } = useTranslation('referrals');
  const [failed, setFailed] = useState(false);
  const [moving, setMoving] = useState(false);

  const moveTo = async (to: ReferralStatus) => {
    setMoving(true);
    setFailed(false);
    try {
      await move(to);
    } catch (error) {
      console.error('The referral status could not be saved', error);
      setFailed(true);
    } finally {
      setMoving(false);
    }
  };

  return (
    <section aria-labelledby="referral-status-title">
      <h2 id="referral-status-title">{t('detail.status')}</h2>
      <p className={`badge referral-status referral-status-${referral.status}`} role="status">
        {t('detail.current', { status: t(`status.${referral.status}`) })}
      </p>
      {referral.status === 'draft' && <p className="hint">{t('detail.draftHint')}</p>}
      <div className="actions">
        {allowedMoves(referral.status).map((to) => (
          <button key={to} type="button" className="action" disabled={moving} onClick={() => void moveTo(to)}>
            {t(`move.${to}`)}
          </button>
        ))}
      </div>
      {failed && (
        <p className="notice" role="alert">
          {t('move.failed')}
        </p>
      )}
      <h3>{t('detail.history')}</h3>
      <ol className="referral-history">
        {referral.statusHistory.map((entry) => (
          <li key={`${entry.status}-${entry.at}`}>
            {t('detail.historyItem', { status: t(`status.${entry.status}`), date: formatDate(entry.at) })}
          </li>
        ))}
      </ol>
    </section>
  );
}
