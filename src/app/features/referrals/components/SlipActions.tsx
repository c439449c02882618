import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Referral } from '../../../../core/case/model';
import { whatsappSlipLink } from '../../../../core/referral/slip';
import { useLocalize } from '../../../components/useLocalize';
import { SlipQrCode } from './SlipQrCode';

interface Props {
  referral: Referral;
  text: string;
  slipPath: string;
  /** Called once the slip has left the worker's hands (shared or sent): a draft becomes "sent". */
  onHandedOver: () => Promise<void>;
}

/** The ways a slip reaches the receiving service: printed, shared, sent by WhatsApp or scanned. */
export function SlipActions({ referral, text, slipPath, onHandedOver }: Props) {
  const { t } = useTranslation('referrals');
  const localize = useLocalize();
  const [showQr, setShowQr] = useState(false);
  const [shared, setShared] = useState(false);
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const name = localize(referral.provider.name);

  const share = async () => {
    const wasDraft = referral.status === 'draft';
    try {
      await navigator.share({ title: t('share.title'), text });
    } catch (error) {
      // The worker closed the share sheet (or the browser refused): nothing was shared, nothing changes.
      if (!(error instanceof DOMException && error.name === 'AbortError'))
        console.error('The slip was not shared', error);
      return;
    }
    await onHandedOver();
    setShared(wasDraft);
  };

  return (
    <>
      <div className="actions">
        <Link className="action" to={slipPath}>
          {t('share.print')}
        </Link>
        {canShare && (
          <button type="button" className="action action-primary" onClick={() => void share()}>
            {t('share.share')}
          </button>
        )}
        <a
          className="action"
          href={whatsappSlipLink(text, referral.provider.whatsapp)}
          target="_blank"
          rel="noreferrer"
          onClick={() => void onHandedOver()}
          aria-label={referral.provider.whatsapp ? t('share.whatsappNamed', { name }) : t('share.whatsappChoose')}
        >
          {t('share.whatsapp')}
        </a>
        <button type="button" className="action" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
          {showQr ? t('share.qrHide') : t('share.qrShow')}
        </button>
      </div>
      {!canShare && <p className="hint">{t('share.shareUnavailable')}</p>}
      {shared && (
        <p className="hint" role="status">
          {t('share.shared')}
        </p>
      )}
      {showQr && <SlipQrCode text={text} caseCode={referral.caseCode} />}
    </>
  );
}
