import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { PendingReports } from '../../../components/PendingReports';
import { useLocalize } from '../../../components/useLocalize';
import { useHandbookStore, useInstalledReleases, useJurisdictions } from '../../../handbook/hooks';
import { chooseLanguage } from '../../../i18n/i18n';
import { APP_LANGUAGES, type AppLanguage } from '../../../i18n/resolve-language';
import { ProtectionSettings } from '../../../protection/components/ProtectionSettings';
import { useEnrolments } from '../../../sync/hooks';
import { useSyncEngine } from '../../../sync/registry';
import { forgetEnrolment } from '../../../sync/sync-jurisdiction';

interface StorageState {
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const [chosenLanguage, setChosenLanguage] = useState<AppLanguage>();
  const localize = useLocalize();
  const releases = useInstalledReleases();
  const jurisdictions = useJurisdictions();
  const [storage, setStorage] = useState<StorageState>({});
  const { db } = useHandbookStore();
  const enrolments = useEnrolments();
  const engine = useSyncEngine();
  const [left, setLeft] = useState<string>();
  const nameOf = (id: string) => {
    const jurisdiction = jurisdictions?.find((j) => j.id === id);
    return jurisdiction ? localize(jurisdiction.name) : id;
  };

  /** Forgets the token; the next sync (now, when online) swaps the enrolled handbook for the public one. */
  const leave = async (jurisdictionId: string) => {
    if (!db) return;
    await forgetEnrolment(db, jurisdictionId);
    setLeft(jurisdictionId);
    await engine?.syncJurisdiction(jurisdictionId);
  };

  useEffect(() => {
    if (!navigator.storage) return;
    void Promise.all([navigator.storage.estimate?.(), navigator.storage.persisted?.()]).then(([estimate, persisted]) =>
      setStorage({ usage: estimate?.usage, quota: estimate?.quota, persisted }),
    );
  }, []);

  const bytes = (value: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
      value / 1_000_000,
    );
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  // The other language's strings load first; the choice shows at once.
  const shownLanguage = chosenLanguage ?? i18n.language;
  const choose = (language: AppLanguage) => {
    setChosenLanguage(language);
    void chooseLanguage(language).finally(() => setChosenLanguage(undefined));
  };

  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>

      <ChoiceGroup
        legend={t('settings.language')}
        name="language"
        options={APP_LANGUAGES}
        chosen={APP_LANGUAGES.find((language) => language === shownLanguage)}
        onChoose={choose}
        label={(language) => (
          <span lang={language}>{new Intl.DisplayNames([language], { type: 'language' }).of(language)}</span>
        )}
      />

      <section aria-labelledby="storage-title">
        <h2 id="storage-title">{t('settings.storage')}</h2>
        <dl>
          <dt>{t('settings.storageUsed')}</dt>
          <dd>
            {storage.usage !== undefined && storage.quota !== undefined
              ? t('settings.storageOf', { used: bytes(storage.usage), quota: bytes(storage.quota) })
              : t('settings.unknown')}
          </dd>
          <dt>{t('settings.persistent')}</dt>
          <dd>
            {storage.persisted === undefined
              ? t('settings.unknown')
              : t(storage.persisted ? 'settings.persistentYes' : 'settings.persistentNo')}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="handbooks-title">
        <h2 id="handbooks-title">{t('settings.handbooks')}</h2>
        <ul className="link-list">
          {releases?.map((release) => {
            const jurisdiction = jurisdictions?.find((j) => j.id === release.jurisdictionId);
            return (
              <li key={release.jurisdictionId}>
                <Link to={`/j/${release.jurisdictionId}`}>
                  {jurisdiction ? localize(jurisdiction.name) : release.jurisdictionId}
                </Link>
                {' · '}
                {t('settings.release', {
                  number: release.number,
                  date: date.format(new Date(release.publishedAt)),
                })}
                {release.variant === 'enrolled' && ` · ${t('settings.withConfidential')}`}
              </li>
            );
          })}
        </ul>
      </section>

      {db && (
        <section aria-labelledby="enrolment-title">
          <h2 id="enrolment-title">{t('settings.enrolment')}</h2>
          <p>{t('settings.enrolmentExplain')}</p>
          {enrolments && enrolments.length > 0 && (
            <ul className="link-list">
              {enrolments.map((enrolment) => (
                <li key={enrolment.jurisdictionId}>
                  <span>
                    {t('settings.enrolledIn', {
                      jurisdiction: nameOf(enrolment.jurisdictionId),
                      date: date.format(new Date(enrolment.enrolledAt)),
                    })}
                  </span>
                  <button
                    type="button"
                    className="action"
                    onClick={() => void leave(enrolment.jurisdictionId)}
                    aria-label={t('settings.leaveNamed', { jurisdiction: nameOf(enrolment.jurisdictionId) })}
                  >
                    {t('settings.leave')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p role="status" aria-live="polite">
            {left ? t('settings.left', { jurisdiction: nameOf(left) }) : ''}
          </p>
          <Link to="/enrol" className="action">
            {t('settings.enrol')}
          </Link>
        </section>
      )}

      <ProtectionSettings />

      <PendingReports />

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t('settings.about')}</h2>
        <dl>
          <dt>{t('settings.version')}</dt>
          <dd>{__APP_VERSION__}</dd>
        </dl>
      </section>
    </section>
  );
}
