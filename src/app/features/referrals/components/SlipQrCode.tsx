import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type QrState = { status: 'loading' } | { status: 'ready'; source: string } | { status: 'failed' };

/**
 * The slip as a QR code the receiving service scans. The encoder loads only when a worker asks
 * for a code (it stays out of start-up), and draws SVG: sharp when printed, no canvas needed.
 */
export function SlipQrCode({ text, caseCode }: { text: string; caseCode: string }) {
  const { t } = useTranslation('referrals');
  const [state, setState] = useState<QrState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    import('qrcode')
      .then((qrcode) => qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then(
        (svg) =>
          current &&
          setState({ status: 'ready', source: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
        (error: unknown) => {
          console.error('The QR code could not be made', error);
          if (current) setState({ status: 'failed' });
        },
      );
    return () => {
      current = false;
    };
  }, [text]);

  if (state.status === 'loading')
    return (
      <p className="hint" role="status">
        {t('share.qrLoading')}
      </p>
    );
  if (state.status === 'failed')
    return (
      <p className="notice" role="alert">
        {t('share.qrFailed')}
      </p>
    );
  return (
    <figure className="slip-qr">
      <img src={state.source} alt={t('share.qrAlt', { code: caseCode })} width={256} height={256} />
      <figcaption className="hint">{t('share.qrHint')}</figcaption>
    </figure>
  );
}
