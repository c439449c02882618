import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocalize } from '../../../components/useLocalize';
import { useInstalledReleases, useJurisdictions } from '../../../handbook/hooks';
import { chooseLanguage } from '../../../i18n/i18n';
import { APP_LANGUAGES } from '../../../i18n/resolve-language';

interface StorageState {
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const localize = useLocalize();
  const releases = useInstalledReleases();
  const jurisdictions = useJurisdictions();
  const [storage, setStorage] = useState<StorageState>({});

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

  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>

      <fieldset className="choices">
        <legend>{t('settings.language')}</legend>
        {APP_LANGUAGES.map((language) => (
          <label key={language} className="toggle">
            <input
              type="radio"
              name="language"
              value={language}
              checked={i18n.language === language}
              onChange={() => void chooseLanguage(language)}
            />
            <span lang={language}>{new Intl.DisplayNames([language], { type: 'language' }).of(language)}</span>
          </label>
        ))}
      </fieldset>

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
              </li>
            );
          })}
        </ul>
      </section>

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
