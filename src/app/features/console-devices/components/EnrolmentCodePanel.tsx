import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { consolePaths, EnrolmentCodeSchema } from '../../../../core/console/protocol';
import { consoleRequest } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { groupEnrolmentCode, svgImageSource } from './enrolment-code';

type EnrolmentCode = z.infer<typeof EnrolmentCodeSchema>;

/**
 * A new one-time enrolment code for a phone: the code in groups to read aloud or type, its
 * expiry, and the QR code the phone's camera opens the app's enrolment with, ready to print.
 */
export function EnrolmentCodePanel({
  jurisdictionId,
  jurisdictionName,
}: {
  jurisdictionId: string;
  jurisdictionName: string;
}) {
  const { t, i18n } = useTranslation('console-operations');
  const [code, setCode] = useState<EnrolmentCode>();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Error>();

  const create = async () => {
    setWorking(true);
    setError(undefined);
    try {
      setCode(
        await consoleRequest('POST', consolePaths.jurisdiction(jurisdictionId).enrolmentCodes, EnrolmentCodeSchema),
      );
    } catch (problem) {
      setError(problem as Error);
    } finally {
      setWorking(false);
    }
  };

  const expires = code && new Date(code.expiresAt);
  return (
    <section aria-labelledby="enrolment-code-title">
      <h2 id="enrolment-code-title">{t('devices.enrol.title')}</h2>
      <p>{t('devices.enrol.explain')}</p>
      <button type="button" className="action action-primary" disabled={working} onClick={() => void create()}>
        {t(code ? 'devices.enrol.another' : 'devices.enrol.create')}
      </button>
      {error && <ConsoleProblem error={error} />}
      <div role="status" aria-live="polite">
        {code && expires && (
          <div className="enrolment-print">
            <p className="enrolment-print-heading">
              {t('devices.enrol.printHeading', { jurisdiction: jurisdictionName })}
            </p>
            <dl>
              <dt>{t('devices.enrol.codeLabel')}</dt>
              <dd className="enrolment-code">{groupEnrolmentCode(code.code).join(' ')}</dd>
              <dt>{t('devices.enrol.expiresLabel')}</dt>
              <dd>
                {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(expires)}
              </dd>
            </dl>
            <p>{t('devices.enrol.once')}</p>
            <img className="enrolment-qr" src={svgImageSource(code.qrSvg)} alt={t('devices.enrol.qrAlt')} />
            <p className="hint">
              {t('devices.enrol.orOpen')} <span className="enrolment-url">{code.url}</span>
            </p>
          </div>
        )}
      </div>
      {code && (
        <button type="button" className="action" onClick={() => window.print()}>
          {t('devices.enrol.print')}
        </button>
      )}
    </section>
  );
}
