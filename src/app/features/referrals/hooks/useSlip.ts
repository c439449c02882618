import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../core/case/model';
import { referralStepTitle, type SlipOptions } from '../../../../core/referral/slip';
import { useCaseFile } from '../../../cases/hooks';
import { useCurrentHandbook } from '../../../handbook/hooks';

/**
 * How the slip is written here: in the interface language, dated in the jurisdiction's time,
 * with the person's language read from the case (for an interpreter) when the case still exists.
 * Undefined while the case is being opened, so no slip goes out without the language it knows.
 */
export function useSlipOptions(referral: Referral): SlipOptions | undefined {
  const { t, i18n } = useTranslation('referrals');
  const { jurisdiction } = useCurrentHandbook();
  const caseFile = useCaseFile(referral.caseId);
  if (caseFile === undefined) return undefined;
  return {
    language: i18n.language,
    timeZone: jurisdiction.timeZone,
    t: (key, values) => t(key, values),
    safeguardTitle: (kind) => t(`cases:safeguard.${kind}.title`),
    personLanguage: caseFile?.personLanguage,
  };
}

/** A referral's step title in the interface language. */
export function useStepTitle(): (referral: Referral) => string {
  const { t, i18n } = useTranslation('referrals');
  return (referral) => referralStepTitle(referral, i18n.language, (kind) => t(`cases:safeguard.${kind}.title`));
}

/** A date and time as the worker reads it: their language, the jurisdiction's clock. */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const { jurisdiction } = useCurrentHandbook();
  const format = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: jurisdiction.timeZone,
      }),
    [i18n.language, jurisdiction.timeZone],
  );
  return (iso) => format.format(new Date(iso));
}
