import { useMemo } from 'react';
import { useCurrentHandbook } from '../handbook/hooks';

/** How a number is written in the jurisdiction's country, as formatted when the release was made. */
export function usePhoneDisplay(): (number: string) => string {
  const { jurisdiction, providers } = useCurrentHandbook();
  const display = useMemo(
    () =>
      Object.assign({}, jurisdiction.phoneDisplay, ...providers.map((p) => p.phoneDisplay)) as Record<string, string>,
    [jurisdiction, providers],
  );
  return (number) => display[number] ?? number;
}
