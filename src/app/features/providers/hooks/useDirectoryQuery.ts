import { useSearchParams } from 'react-router';
import type { Population, ServiceType } from '../../../../core/handbook/schema';
import { POPULATIONS, SERVICE_TYPES } from '../../../../core/handbook/taxonomy';

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

/**
 * The directory's search and filters live in the URL (`?q=…&service=…`), so a deep link
 * opens the same search and the back button undoes a filter.
 */
export function useDirectoryQuery(): [DirectoryUrlState, (next: Partial<DirectoryUrlState>) => void] {
  const [params, setParams] = useSearchParams();
  const state: DirectoryUrlState = {
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
  const update = (next: Partial<DirectoryUrlState>) => {
    const merged = { ...state, ...next };
    const updated = new URLSearchParams();
    const lng = params.get('lng');
    if (lng) updated.set('lng', lng);
    if (merged.text) updated.set('q', merged.text);
    if (merged.services.length) updated.set('service', merged.services.join(','));
    if (merged.populations.length) updated.set('population', merged.populations.join(','));
    if (merged.languages.length) updated.set('language', merged.languages.join(','));
    if (merged.openNow) updated.set('open', '1');
    setParams(updated, { replace: next.text !== undefined });
  };
  return [state, update];
}
