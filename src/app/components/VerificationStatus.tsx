import { useTranslation } from 'react-i18next';
import { verificationAge } from '../../core/handbook/provenance';
import type { Provenance } from '../../core/handbook/schema';

/** "Verified 14 months ago by …" or a clear "Unverified" warning. */
export function VerificationStatus({ provenance, now = new Date() }: { provenance: Provenance; now?: Date }) {
  const { t, i18n } = useTranslation();
  const age = verificationAge(provenance, now);
  if (!age) {
    return <p className="badge badge-warning">{t('provenance.unverified')}</p>;
  }
  const when = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' }).format(-age.value, age.unit);
  return (
    <p className={age.stale ? 'badge badge-warning' : 'badge'}>
      {provenance.verifiedBy
        ? t('provenance.verifiedBy', { when, who: provenance.verifiedBy })
        : t('provenance.verified', { when })}
    </p>
  );
}
