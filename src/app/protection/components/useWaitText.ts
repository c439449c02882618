import { useTranslation } from 'react-i18next';

/** A wait as the worker reads it: seconds under a minute, whole minutes (rounded up) above. */
export function useWaitText(waitMs: number): string {
  const { t } = useTranslation('protection');
  const seconds = Math.ceil(waitMs / 1_000);
  return seconds < 60 ? t('time.seconds', { count: seconds }) : t('time.minutes', { count: Math.ceil(seconds / 60) });
}
