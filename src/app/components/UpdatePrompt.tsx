import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';
import { type SyncControls, useSyncEngine } from '../sync/registry';

/**
 * Chromium gives up activating the new version when a request reaches the old service worker
 * while it is being stopped, and activates it at the next navigation instead: past this delay
 * the page reloads by itself, which is what the worker asked for.
 */
const PARKED_VERSION_RELOAD_MS = 5_000;

async function reloadIntoNewVersion(engine: SyncControls | undefined, activate: () => Promise<void>) {
  await engine?.pause();
  window.setTimeout(() => window.location.reload(), PARKED_VERSION_RELOAD_MS);
  await activate();
}

/**
 * Tells the worker a new version is ready. It never reloads by itself: a reload under a
 * half-filled form would lose what the worker typed.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const engine = useSyncEngine();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <section className="update-prompt" role="status" aria-live="polite">
      <p>{t('update.ready')}</p>
      <div className="actions">
        <button
          type="button"
          className="action action-primary"
          onClick={() => void reloadIntoNewVersion(engine, () => updateServiceWorker(true)).catch(console.error)}
        >
          {t('update.reload')}
        </button>
        <button type="button" className="action" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </button>
      </div>
    </section>
  );
}
