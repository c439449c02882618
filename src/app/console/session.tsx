import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { SESSION_PATH, SessionSchema } from '../../core/console/protocol';
import { ConsoleApiError, consoleRequest, onSessionEnded, rememberCsrfToken } from './api';

export type ConsoleSession = z.output<typeof SessionSchema>;
export type SignedInAccount = ConsoleSession['account'];

type SessionState =
  | { status: 'checking' }
  | { status: 'signed-in'; session: ConsoleSession }
  | { status: 'signed-out' }
  /** The session could not be checked (no connection, server error): not the same as signed out. */
  | { status: 'unknown'; error: Error };

interface SessionContextValue {
  state: SessionState;
  /** After a successful sign-in: keeps the session and its CSRF token. */
  signedIn(session: ConsoleSession): void;
  signOut(): Promise<void>;
  recheck(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Who is signed in to the console, asked of the server once on load (GET /session): the
 * session cookie is HttpOnly, so only the server can tell. The CSRF token it answers with
 * is kept in memory for every request that changes something.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  const keep = useCallback((session: ConsoleSession) => {
    rememberCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  const forget = useCallback(() => {
    rememberCsrfToken(undefined);
    setState({ status: 'signed-out' });
  }, []);

  const recheck = useCallback(async () => {
    try {
      keep(await consoleRequest('GET', SESSION_PATH, SessionSchema));
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 401) forget();
      else setState({ status: 'unknown', error: error as Error });
    }
  }, [keep, forget]);

  useEffect(() => {
    void recheck();
  }, [recheck]);

  useEffect(() => onSessionEnded(forget), [forget]);

  const signOut = useCallback(async () => {
    try {
      await consoleRequest('DELETE', SESSION_PATH, z.undefined());
    } catch (error) {
      // Already ended on the server: signed out either way.
      if (!(error instanceof ConsoleApiError && error.status === 401)) throw error;
    }
    forget();
  }, [forget]);

  const value = useMemo(() => ({ state, signedIn: keep, signOut, recheck }), [state, keep, signOut, recheck]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs the console SessionProvider');
  return value;
}

/** The signed-in person, for screens that only render once someone is signed in. */
export function useAccount(): SignedInAccount {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useAccount is only available once signed in');
  return state.session.account;
}
