import { useLiveQuery } from 'dexie-react-hooks';
import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { flushSync } from 'react-dom';
import { useHandbookStore } from '../handbook/hooks';
import { IDLE_SETTING, idleMinutesOf, watchIdle } from './idle-lock';
import { finishLeaving, isLeaving, leave } from './quick-exit';
import type { Vault } from './vault';

// The PIN screens and the cryptography load when first needed: start-up carries only the lock's state.
const PinSetupScreen = lazy(() => import('./components/PinSetupScreen'));
export const UnlockScreen = lazy(() => import('./components/UnlockScreen'));

export type ProtectionStatus = 'loading' | 'no-pin' | 'locked' | 'unlocked';

export interface Protection {
  status: ProtectionStatus;
  /** The open vault while unlocked; null otherwise. */
  vault: Vault | null;
  /** Drops the data key from memory: the unlock screen replaces every screen. */
  lockNow(): void;
  /** For the PIN screens: the PIN was set or entered and this vault is open. */
  unlocked(vault: Vault): void;
  /** Stops speech, drops the data key, blanks the screen and leaves for the neutral page. */
  quickExit(): void;
}

const ProtectionContext = createContext<Protection | null>(null);

/**
 * The state of the worker's lock: whether a PIN is set, and the vault while unlocked. The data
 * key lives only here, in memory. With a PIN set the app locks after the chosen idle time.
 */
export function ProtectionProvider({ children }: { children: ReactNode }) {
  const { db, pinSet } = useHandbookStore();
  // A page that quick exit went back to must not show anything: it only finishes the exit.
  const [leaving, setLeaving] = useState(isLeaving);
  // Read at start-up with the first handbook when the app boots; otherwise read here.
  const [status, setStatus] = useState<ProtectionStatus>(() => {
    if (!db) return 'no-pin';
    if (pinSet === undefined) return 'loading';
    return pinSet ? 'locked' : 'no-pin';
  });
  const [vault, setVault] = useState<Vault | null>(null);
  const vaultRef = useRef<Vault | null>(null);
  // Read from the start, so the idle lock is armed the moment the vault opens.
  const idleMinutes = useLiveQuery(async () => idleMinutesOf((await db?.settings.get(IDLE_SETTING))?.value), [db]);

  useEffect(() => {
    if (leaving) finishLeaving();
  }, [leaving]);

  useEffect(() => {
    if (!db || pinSet !== undefined) return;
    let current = true;
    db.vaultKeys.get('pin').then(
      (record) => current && setStatus((now) => (now === 'loading' ? (record ? 'locked' : 'no-pin') : now)),
      (error) => {
        console.error('Whether a PIN is set could not be read', error);
        if (current) setStatus((now) => (now === 'loading' ? 'no-pin' : now));
      },
    );
    return () => {
      current = false;
    };
  }, [db, pinSet]);

  const lockNow = useCallback(() => {
    vaultRef.current?.close();
    vaultRef.current = null;
    setVault(null);
    setStatus((now) => (now === 'unlocked' ? 'locked' : now));
  }, []);

  const unlocked = useCallback((opened: Vault) => {
    vaultRef.current = opened;
    setVault(opened);
    setStatus('unlocked');
  }, []);

  const quickExit = useCallback(() => {
    // The screen goes blank before the browser starts moving through history.
    flushSync(() => {
      lockNow();
      setLeaving(true);
    });
    document.title = '';
    leave();
  }, [lockNow]);

  useEffect(() => {
    if (status !== 'unlocked' || idleMinutes === undefined) return;
    return watchIdle(idleMinutes * 60_000, lockNow);
  }, [status, idleMinutes, lockNow]);

  const value = useMemo(
    () => ({ status, vault, lockNow, unlocked, quickExit }),
    [status, vault, lockNow, unlocked, quickExit],
  );
  return <ProtectionContext.Provider value={value}>{leaving ? null : children}</ProtectionContext.Provider>;
}

export function useProtection(): Protection {
  const protection = useContext(ProtectionContext);
  if (!protection) throw new Error('useProtection needs a ProtectionProvider (mounted by AppShell)');
  return protection;
}

/** The open vault, for screens inside a ProtectedArea (they only render while it is open). */
export function useVault(): Vault {
  const { vault } = useProtection();
  if (!vault) throw new Error('useVault is only available inside a ProtectedArea');
  return vault;
}

/** Shows its children only while the vault is open; otherwise the PIN set-up or the unlock screen. */
export function ProtectedArea({ children }: { children: ReactNode }) {
  const { status } = useProtection();
  if (status === 'unlocked') return children;
  if (status === 'loading') return null;
  return <Suspense fallback={null}>{status === 'no-pin' ? <PinSetupScreen /> : <UnlockScreen />}</Suspense>;
}
