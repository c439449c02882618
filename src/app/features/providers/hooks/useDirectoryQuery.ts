import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigationType, useSearchParams } from 'react-router';
import type { Population, ServiceType } from '../../../../core/handbook/schema';
import { POPULATIONS, SERVICE_TYPES } from '../../../../core/handbook/taxonomy';

const TYPING_PAUSE_MS = 300;

export interface DirectoryUrlState {
  text: string;
  services: ServiceType[];
  populations: Population[];
  languages: string[];
  openNow: boolean;
}

const listParam = (params: URLSearchParams, name: string) =>
  params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter(Boolean);

function fromParams(params: URLSearchParams): DirectoryUrlState {
  return {
    text: params.get('q') ?? '',
    services: listParam(params, 'service').filter((s): s is ServiceType =>
      (SERVICE_TYPES as readonly string[]).includes(s),
    ),
    populations: listParam(params, 'population').filter((p): p is Population =>
      (POPULATIONS as readonly string[]).includes(p),
    ),
    languages: listParam(params, 'language'),
    openNow: params.get('open') === '1',
  };
}

function toParams(state: DirectoryUrlState, lng: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (lng) params.set('lng', lng);
  if (state.text) params.set('q', state.text);
  if (state.services.length) params.set('service', state.services.join(','));
  if (state.populations.length) params.set('population', state.populations.join(','));
  if (state.languages.length) params.set('language', state.languages.join(','));
  if (state.openNow) params.set('open', '1');
  return params;
}

/**
 * The directory's search and filters, mirrored in the URL (`?q=…&service=…`) so a deep link
 * opens the same search and the back button undoes a filter. The screen reads the local
 * state: the router applies URL changes in a transition, and an input fed from the URL
 * would drop the letters typed before it lands.
 */
export function useDirectoryQuery(): [DirectoryUrlState, (next: Partial<DirectoryUrlState>) => void] {
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState(() => fromParams(params));
  const location = useLocation();
  const navigationType = useNavigationType();

  const pendingText = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pendingText.current), []);

  // Back and forward restore the search the URL holds, and drop a typed search not yet written
  // (it would overwrite the restored entry); the screen's own writes need no echo.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per history entry, not per render
  useEffect(() => {
    if (navigationType !== 'POP') return;
    clearTimeout(pendingText.current);
    setState(fromParams(new URLSearchParams(location.search)));
  }, [location.key]);

  // Stable across renders, so the filters need not re-render on every keystroke.
  const latest = useRef({ state, lng: params.get('lng') });
  latest.current = { state, lng: params.get('lng') };

  const update = useCallback(
    (next: Partial<DirectoryUrlState>) => {
      const merged = { ...latest.current.state, ...next };
      latest.current.state = merged;
      setState(merged);
      clearTimeout(pendingText.current);
      const write = () => setParams(toParams(merged, latest.current.lng), { replace: next.text !== undefined });
      // Typing replaces the history entry once the worker pauses: a URL change re-renders the
      // whole app, too much for every keystroke. A filter is a step the back button can undo.
      if (next.text !== undefined) pendingText.current = setTimeout(write, TYPING_PAUSE_MS);
      else write();
    },
    [setParams],
  );
  return [state, update];
}
