import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Referral } from '../../../../core/case/model';
import { referralSlip, slipText } from '../../../../core/referral/slip';
import { useReferral } from '../../../cases/hooks';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useMoveReferral } from '../hooks/useMoveReferral';
import { useDateTime, useSlipOptions, useStepTitle } from '../hooks/useSlip';
import { SlipActions } from './SlipActions';
import { SlipFields } from './SlipFields';
import { StatusPanel } from './StatusPanel';
import './referrals.css';

/** `referrals/:referralId`: a referral, its status and history, and the slip to hand over. */
export function ReferralScreen() {
  const { t } = useTranslation('referrals');
  const { referralId = '' } = useParams();
  const { jurisdiction } = useCurrentHandbook();
  const referral = useReferral(referralId);
  if (referral === undefined) return <p className="loading">{t('detail.loading')}</p>;
  if (referral === null || referral.jurisdictionId !== jurisdiction.id) {
    return (
      <section className="screen" aria-labelledby="referral-title">
        <h1 id="referral-title">{t('detail.notFound')}</h1>
        <Link className="action" to={`/j/${jurisdiction.id}/referrals`}>
          {t('detail.all')}
        </Link>
      </section>
    );
  }
  return <ReferralDetail referral={referral} />;
}

function ReferralDetail({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const localize = useLocalize();
  const { providers } = useCurrentHandbook();
  const formatDate = useDateTime();
  const stepTitle = useStepTitle();
  const move = useMoveReferral();
  const options = useSlipOptions(referral);
  const base = `/j/${referral.jurisdictionId}`;
  const removed = !providers.some((p) => p.id === referral.provider.id);
  const { provider } = referral;

  const handOver = async () => {
    if (referral.status === 'draft') await move(referral, 'sent');
  };

  return (
    <article className="screen" aria-labelledby="referral-title">
      <p className="eyebrow">{localize(provider.name)}</p>
      <h1 id="referral-title">{t('detail.title', { code: referral.caseCode })}</h1>

      <StatusPanel referral={referral} formatDate={formatDate} move={(to) => move(referral, to)} />

      <section aria-labelledby="referral-slip-title">
        <h2 id="referral-slip-title">{t('share.title')}</h2>
        {options ? (
          <>
            <SlipActions
              referral={referral}
              text={slipText(referral, options)}
              slipPath={`${base}/referrals/${referral.id}/slip`}
              onHandedOver={handOver}
            />
            <h3>{t('share.preview')}</h3>
            <div className="slip-preview">
              <SlipFields slip={referralSlip(referral, options)} headingLevel="p" />
            </div>
          </>
        ) : (
          <p className="loading">{t('slip.loading')}</p>
        )}
      </section>

      <section aria-labelledby="referral-details-title">
        <h2 id="referral-details-title">{t('detail.details')}</h2>
        {removed && <p className="notice">{t('detail.removedProvider')}</p>}
        <dl>
          <dt>{t('detail.provider')}</dt>
          <dd>{localize(provider.name)}</dd>
          {provider.phones.length > 0 && (
            <>
              <dt>{t('detail.phones')}</dt>
              {provider.phones.map((phone) => (
                <dd key={phone.number}>
                  <a
                    className="referral-phone"
                    href={`tel:${phone.number}`}
                    aria-label={t('detail.call', { number: phone.display })}
                  >
                    {phone.display}
                  </a>
                </dd>
              ))}
            </>
          )}
          {provider.address && (
            <>
              <dt>{t('detail.address')}</dt>
              <dd>{provider.address}</dd>
            </>
          )}
          <dt>{t('detail.step')}</dt>
          <dd>{stepTitle(referral)}</dd>
          <dt>{t('detail.urgency')}</dt>
          <dd>{t(`urgency.${referral.urgency}`)}</dd>
          <dt>{t('detail.consent')}</dt>
          <dd>{t(referral.consent === 'given' ? 'detail.consentGiven' : 'detail.consentChild')}</dd>
          <dt>{t('detail.created')}</dt>
          <dd>{formatDate(referral.createdAt)}</dd>
          {referral.notes && (
            <>
              <dt>{t('detail.notes')}</dt>
              <dd className="referral-notes-text">{referral.notes}</dd>
            </>
          )}
        </dl>
      </section>

      <div className="actions">
        <Link className="action" to={`${base}/cases/${referral.caseId}`}>
          {t('detail.openCase')}
        </Link>
        <Link className="action" to={`${base}/referrals`}>
          {t('detail.all')}
        </Link>
      </div>
    </article>
  );
}
