import { useCurrentHandbook } from '../handbook/hooks';

/** How a number is written in the jurisdiction's country, as formatted when the release was made. */
export function usePhoneDisplay(): (number: string) => string {
  const { release } = useCurrentHandbook();
  return (number) => release.phoneDisplay[number] ?? number;
}
