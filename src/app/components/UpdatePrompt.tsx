import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';

/**
 * Tells the worker a new version is ready. It never reloads by itself: a reload under a
 * half-filled form would lose what the worker typed.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <section className="update-prompt" role="status" aria-live="polite">
      <p>{t('update.ready')}</p>
      <div className="actions">
        <button type="button" className="action action-primary" onClick={() => updateServiceWorker(true)}>
          {t('update.reload')}
        </button>
        <button type="button" className="action" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </button>
      </div>
    </section>
  );
}
