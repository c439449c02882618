import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isAlwaysOpen, isOpenAt } from '../../../../core/schedule/open-now';
import { ContactActions } from '../../../components/ContactActions';
import { NotFound } from '../../../components/NotFound';
import { PendingReports } from '../../../components/PendingReports';
import { useLocalize } from '../../../components/useLocalize';
import { usePhoneDisplay } from '../../../components/usePhoneDisplay';
import { VerificationStatus } from '../../../components/VerificationStatus';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { ReportProblem } from './ReportProblem';

export function ProviderDetailScreen() {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const phoneDisplay = usePhoneDisplay();
  const { providerId } = useParams();
  const { jurisdiction, providers, release } = useCurrentHandbook();
  const provider = providers.find((p) => p.id === providerId);
  if (!provider) return <NotFound kind="provider" jurisdictionId={jurisdiction.id} />;

  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
  const open = isOpenAt(provider.schedules, jurisdiction.timeZone, new Date());

  return (
    <article className="screen" aria-labelledby="provider-title">
      <p className="eyebrow">{localize(jurisdiction.name)}</p>
      <h1 id="provider-title">{localize(provider.name)}</h1>
      <VerificationStatus provenance={provider.provenance} />
      <p>{localize(provider.description)}</p>
      <ContactActions provider={provider} />

      {provider.phones.length > 0 && (
        <section aria-labelledby="phones-title">
          <h2 id="phones-title">{t('provider.phones')}</h2>
          <ul className="link-list">
            {provider.phones.map((phone) => (
              <li key={phone.number}>
                <a href={`tel:${phone.number}`}>{phoneDisplay(phone.number)}</a>
                {' · '}
                {t(`phoneType.${phone.type}`)}
                {phone.description && ` · ${localize(phone.description)}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="hours-title">
        <h2 id="hours-title">{t('provider.hours')}</h2>
        <p className={open ? 'status-open' : 'status-closed'}>
          {t(open ? 'providers.openNow' : 'providers.closedNow')}
        </p>
        {provider.schedules.length === 0 ? (
          <p>{t('provider.noHours')}</p>
        ) : isAlwaysOpen(provider.schedules) ? (
          <p>{t('provider.alwaysOpen')}</p>
        ) : (
          <ul>
            {provider.schedules.map((schedule) => (
              <li key={`${schedule.byday.join()}-${schedule.opens_at}`}>
                {schedule.byday.map((d) => t(`weekday.${d}`)).join(', ')}:{' '}
                {t('provider.timeRange', { opens: schedule.opens_at, closes: schedule.closes_at })}
                {schedule.description && ` · ${localize(schedule.description)}`}
              </li>
            ))}
          </ul>
        )}
        <p className="hint">{t('provider.timeZone', { zone: jurisdiction.timeZone })}</p>
      </section>

      <section aria-labelledby="serves-title">
        <h2 id="serves-title">{t('provider.services')}</h2>
        <ul className="chips">
          {provider.services.map((s) => (
            <li key={s} className="chip">
              {t(`serviceType.${s}`)}
            </li>
          ))}
        </ul>
        <h2>{t('provider.populations')}</h2>
        <ul className="chips">
          {provider.populations.map((p) => (
            <li key={p} className="chip">
              {t(`population.${p}`)}
            </li>
          ))}
        </ul>
        <h2>{t('provider.languages')}</h2>
        <p>{provider.languages.map((code) => languageNames.of(code)).join(', ')}</p>
      </section>

      {provider.address && (
        <section aria-labelledby="address-title">
          <h2 id="address-title">{t('provider.address')}</h2>
          <address>
            {[
              provider.address.address_1,
              provider.address.address_2,
              provider.address.city,
              provider.address.state_province,
            ]
              .filter(Boolean)
              .join(', ')}
          </address>
        </section>
      )}

      <section aria-labelledby="provenance-title">
        <h2 id="provenance-title">{t('provider.provenance')}</h2>
        <dl>
          <dt>{t('provider.source')}</dt>
          <dd>{provider.provenance.source}</dd>
          <dt>{t('provider.verifiedAt')}</dt>
          <dd>
            {provider.provenance.verifiedAt
              ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
                  new Date(`${provider.provenance.verifiedAt}T00:00:00Z`),
                )
              : t('provenance.never')}
          </dd>
        </dl>
      </section>

      <ReportProblem jurisdictionId={jurisdiction.id} provider={provider} releaseNumber={release.number} />
      <PendingReports jurisdictionId={jurisdiction.id} />
    </article>
  );
}
