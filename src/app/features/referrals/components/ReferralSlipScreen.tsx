import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Referral } from '../../../../core/case/model';
import { referralSlip } from '../../../../core/referral/slip';
import { useReferral } from '../../../cases/hooks';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useMoveReferral } from '../hooks/useMoveReferral';
import { useSlipOptions } from '../hooks/useSlip';
import { SlipFields } from './SlipFields';
import './referrals.css';

/** `referrals/:referralId/slip`: the slip alone on a page, ready to print (print CSS shows only the slip). */
export function ReferralSlipScreen() {
  const { t } = useTranslation('referrals');
  const { referralId = '' } = useParams();
  const { jurisdiction } = useCurrentHandbook();
  const referral = useReferral(referralId);
  if (referral === undefined) return <p className="loading">{t('slip.loading')}</p>;
  if (referral === null || referral.jurisdictionId !== jurisdiction.id) {
    return (
      <section className="screen" aria-labelledby="slip-title">
        <h1 id="slip-title">{t('detail.notFound')}</h1>
        <Link className="action" to={`/j/${jurisdiction.id}/referrals`}>
          {t('detail.all')}
        </Link>
      </section>
    );
  }
  return <PrintableSlip referral={referral} />;
}

function PrintableSlip({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const move = useMoveReferral();
  const options = useSlipOptions(referral);

  const print = () => {
    window.print();
    // Printing is how a paper slip is handed over: a draft counts as sent from then on.
    if (referral.status === 'draft') void move(referral, 'sent');
  };

  if (!options) return <p className="loading">{t('slip.loading')}</p>;
  return (
    <div className="screen">
      <article className="referral-slip" aria-labelledby="slip-title">
        <SlipFields slip={referralSlip(referral, options)} headingLevel="h1" />
      </article>
      <div className="actions slip-controls">
        <button type="button" className="action action-primary" onClick={print}>
          {t('slip.print')}
        </button>
        <Link className="action" to={`/j/${referral.jurisdictionId}/referrals/${referral.id}`}>
          {t('slip.back')}
        </Link>
      </div>
    </div>
  );
}
