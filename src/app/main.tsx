import i18next from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { markFirstScreenShown } from './handbook/first-screen';
import { HandbookStoreProvider } from './handbook/hooks';
import { startingStore } from './handbook/start';
import { initI18n } from './i18n/i18n';
import { AppRoutes } from './routes';
import './styles.css';

/** Asks the browser not to evict the handbook under storage pressure: workers go weeks offline. */
function requestPersistentStorage() {
  void navigator.storage?.persist?.().catch(() => undefined);
}

async function boot() {
  const [, opened] = await Promise.all([initI18n(), startingStore]);
  requestPersistentStorage();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <HandbookStoreProvider value={opened}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </HandbookStoreProvider>
    </StrictMode>,
  );
  startSyncAfterFirstScreen(opened);
}

/**
 * The sync engine and the background install of bundled releases (verification, zod schemas)
 * load once the browser is idle after the first screen has rendered: they never compete with it.
 */
function startSyncAfterFirstScreen({ db, bundledInstalled }: Awaited<typeof startingStore>) {
  const start = () => {
    markFirstScreenShown();
    if (!db) return; // the in-memory fallback has nowhere to keep an update
    import('./sync/start')
      .then(({ startSync }) => startSync(db, bundledInstalled))
      .catch((error) => console.error('Sync could not start', error));
  };
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 3_000 });
  else setTimeout(start, 500);
}

boot().catch((error) => {
  console.error('Rutas could not start', error);
  const root = document.getElementById('root');
  if (root) root.textContent = i18next.t('app.bootFailed');
});
