import { useTranslation } from 'react-i18next';
import { useHandbookStore } from '../handbook/hooks';

export function StorageProblemBanner() {
  const { t } = useTranslation();
  const { problem } = useHandbookStore();
  if (!problem) return null;
  return (
    <section className="banner banner-warning" role="alert">
      <p>{t(problem === 'quota' ? 'storage.quotaFull' : 'storage.unavailable')}</p>
      <p>{t('storage.readingBundled')}</p>
    </section>
  );
}
