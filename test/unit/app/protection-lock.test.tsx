// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Dexie from 'dexie';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import protectionEn from '../../../locales/en/protection.json';
import en from '../../../locales/en/translation.json';
import { AppShell } from '../../../src/app/components/AppShell';
import { RutasDatabase } from '../../../src/app/db/database';
import { DexieHandbookStore } from '../../../src/app/handbook/dexie-store';
import { HandbookStoreProvider } from '../../../src/app/handbook/hooks';
import { DEFAULT_IDLE_MINUTES, IDLE_SETTING, watchIdle } from '../../../src/app/protection/idle-lock';
import { ProtectedArea, useProtection, useVault } from '../../../src/app/protection/ProtectionProvider';
import { createPin, type Vault, VaultLockedError } from '../../../src/app/protection/vault';
import { uninstallJsdom } from '../support/install-jsdom';

// The service worker is tested end to end; here no update ever waits.
vi.mock('virtual:pwa-register/react', () => ({
  useRegisterSW: () => ({ needRefresh: [false, () => {}], updateServiceWorker: async () => {} }),
}));

const PIN = '482916';
const MINUTE = 60_000;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en, protection: protectionEn } },
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});
afterAll(() => uninstallJsdom());

let databases: RutasDatabase[] = [];
let counter = 0;
function freshDatabase(): RutasDatabase {
  const db = new RutasDatabase(`rutas-lock-${Date.now()}-${counter++}`);
  databases.push(db);
  return db;
}
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  for (const db of databases) db.close();
  for (const name of new Set(databases.map((db) => db.name))) await Dexie.delete(name);
  databases = [];
});

const ui = (key: string) => i18next.t(key);
const strings = (key: string, values?: Record<string, unknown>) => i18next.t(`protection:${key}`, values);

/** The vault a protected screen was given, so a test can check it was closed by the lock. */
let handedOut: Vault | undefined;
function CaseScreen() {
  handedOut = useVault();
  return <h1>Case K7-XQ2P</h1>;
}
function Status() {
  return <p data-testid="status">{useProtection().status}</p>;
}

function renderApp(db: RutasDatabase, path = '/cases') {
  return render(
    <HandbookStoreProvider value={{ store: new DexieHandbookStore(db), db }}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route element={<AppShell />}>
            <Route path="route" element={<h1>Route of the municipality</h1>} />
            <Route
              path="cases"
              element={
                <>
                  <Status />
                  <ProtectedArea>
                    <CaseScreen />
                  </ProtectedArea>
                </>
              }
            />
          </Route>
        </Routes>
      </MemoryRouter>
    </HandbookStoreProvider>,
  );
}

async function enterPin(pin: string) {
  const field = (await screen.findByLabelText(strings('unlock.pin'))) as HTMLInputElement;
  // The field is disabled while the previous PIN is being checked.
  await waitFor(() => expect(field.disabled).toBe(false));
  fireEvent.change(field, { target: { value: pin } });
  fireEvent.click(screen.getByRole('button', { name: strings('unlock.submit') }));
}

describe('the idle lock', () => {
  it('fires after the idle time without activity; a touch or a key postpones it', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const stop = watchIdle(5 * MINUTE, onIdle);
    vi.advanceTimersByTime(4 * MINUTE);
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(4 * MINUTE);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(4 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('fires as soon as a page comes back after being hidden longer than the idle time', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const stop = watchIdle(1 * MINUTE, onIdle);
    // A hidden page's timers are throttled: the timer has not run when the worker comes back.
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.setSystemTime(Date.now() + 2 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops watching when told to', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    watchIdle(1 * MINUTE, onIdle)();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
  });
});

describe('the app lock', () => {
  it('without a PIN, every screen shows as before; a protected screen asks to set a PIN first', async () => {
    const db = freshDatabase();
    renderApp(db, '/route');
    expect(await screen.findByRole('heading', { level: 1, name: 'Route of the municipality' })).toBeTruthy();
    expect(screen.getByRole('link', { name: ui('nav.settings') })).toBeTruthy();
    expect(screen.getByRole('button', { name: ui('app.quickExit') })).toBeTruthy();
    cleanup();

    renderApp(db, '/cases');
    expect(await screen.findByRole('heading', { level: 1, name: strings('setup.title') })).toBeTruthy();
    expect(screen.getByText(strings('setup.warning'))).toBeTruthy();
    expect(screen.queryByText('Case K7-XQ2P')).toBeNull();
  });

  it('setting a PIN opens the protected screen with a working vault', async () => {
    const db = freshDatabase();
    renderApp(db);
    fireEvent.change(await screen.findByLabelText(strings('setup.pin', { min: 6 })), { target: { value: PIN } });
    fireEvent.change(screen.getByLabelText(strings('setup.repeat')), { target: { value: PIN } });
    fireEvent.click(screen.getByRole('button', { name: strings('setup.submit') }));
    // Not until the worker confirms that a lost PIN cannot be recovered.
    expect(await screen.findByText(strings('problem.notUnderstood'))).toBeTruthy();
    expect(await db.vaultKeys.count()).toBe(0);
    fireEvent.click(screen.getByLabelText(strings('setup.understood')));
    fireEvent.click(screen.getByRole('button', { name: strings('setup.submit') }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Case K7-XQ2P' })).toBeTruthy();
    await handedOut?.seal('case', 'a', { notes: 'sealed' });
    expect(await handedOut?.open('case', 'a')).toEqual({ notes: 'sealed' });
  });

  it('with a PIN set, the unlock screen replaces every screen until the right PIN is entered', async () => {
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    renderApp(db, '/route');
    expect(await screen.findByRole('heading', { level: 1, name: strings('unlock.title') })).toBeTruthy();
    expect(screen.queryByText('Route of the municipality')).toBeNull();
    expect(screen.queryByRole('link', { name: ui('nav.settings') })).toBeNull();
    expect(screen.getByRole('button', { name: ui('app.quickExit') })).toBeTruthy();

    await enterPin('000001');
    expect(await screen.findByText(strings('unlock.wrong', { count: 1 }))).toBeTruthy();
    expect(screen.queryByText('Route of the municipality')).toBeNull();

    await enterPin(PIN);
    expect(await screen.findByRole('heading', { level: 1, name: 'Route of the municipality' })).toBeTruthy();
    expect((await db.vaultKeys.get('pin'))?.failedAttempts).toBe(0);
  });

  it(`locks after ${DEFAULT_IDLE_MINUTES} idle minutes by default, dropping the data key`, async () => {
    // Fake clocks that still move on their own, so the screen's own waits keep working.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    renderApp(db);
    await enterPin(PIN);
    await screen.findByRole('heading', { level: 1, name: 'Case K7-XQ2P' });
    const vault = handedOut as Vault;
    await vault.seal('case', 'a', { notes: 'sealed' });

    act(() => vi.advanceTimersByTime((DEFAULT_IDLE_MINUTES - 1) * MINUTE));
    expect(screen.queryByText('Case K7-XQ2P')).not.toBeNull();
    fireEvent.pointerDown(document.body);
    act(() => vi.advanceTimersByTime((DEFAULT_IDLE_MINUTES - 1) * MINUTE));
    expect(screen.queryByText('Case K7-XQ2P')).not.toBeNull();
    act(() => vi.advanceTimersByTime(1 * MINUTE));

    expect(screen.queryByText('Case K7-XQ2P')).toBeNull();
    expect(await screen.findByRole('heading', { level: 1, name: strings('unlock.title') })).toBeTruthy();
    await expect(vault.open('case', 'a')).rejects.toBeInstanceOf(VaultLockedError);
  });

  it('follows the idle time chosen in settings (1 minute), also for a page that was hidden', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    await db.settings.put({ key: IDLE_SETTING, value: 1 });
    renderApp(db);
    await enterPin(PIN);
    await screen.findByRole('heading', { level: 1, name: 'Case K7-XQ2P' });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('unlocked'));

    // Hidden for two minutes: a hidden page's timers may not have run when it shows again.
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
      vi.setSystemTime(Date.now() + 2 * MINUTE);
    });
    visibility.mockReturnValue('visible');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(screen.queryByText('Case K7-XQ2P')).toBeNull();
    expect(await screen.findByRole('heading', { level: 1, name: strings('unlock.title') })).toBeTruthy();
  });
});
