import { useMemo } from 'react';
import en from '../../../../../locales/en/translation.json';
import es from '../../../../../locales/es/translation.json';
import type { Provider } from '../../../../core/handbook/schema';
import { ProviderDirectory } from '../../../../core/search/provider-directory';

/**
 * Service types are found by their name in every language, whichever the interface shows
 * (only that one's strings are loaded at start-up), so the directory takes them from both.
 */
const SERVICE_TYPE_NAMES: Record<string, string>[] = [es.serviceType, en.serviceType];

/** The search index of a jurisdiction's providers, built once per handbook. */
export function useProviderDirectory(providers: Provider[]): ProviderDirectory {
  return useMemo(
    () =>
      new ProviderDirectory(providers, (type) =>
        SERVICE_TYPE_NAMES.map((names) => names[type]).filter((name): name is string => name !== undefined),
      ),
    [providers],
  );
}
