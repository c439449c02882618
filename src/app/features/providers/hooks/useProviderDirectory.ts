import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provider } from '../../../../core/handbook/schema';
import { ProviderDirectory } from '../../../../core/search/provider-directory';

/** The search index of a jurisdiction's providers, built once per handbook. */
export function useProviderDirectory(providers: Provider[]): ProviderDirectory {
  const { i18n } = useTranslation();
  return useMemo(
    () =>
      new ProviderDirectory(providers, (type) =>
        ['es', 'en'].map((language) => i18n.getFixedT(language)(`serviceType.${type}`)),
      ),
    [providers, i18n],
  );
}
