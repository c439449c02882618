const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 days ago", "in a minute"… in the interface language, from the platform's Intl. */
export function formatAge(then: Date, now: Date, language: string): string {
  const elapsed = now.getTime() - then.getTime();
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (Math.abs(elapsed) < HOUR) return format.format(-Math.round(elapsed / MINUTE), 'minute');
  if (Math.abs(elapsed) < DAY) return format.format(-Math.round(elapsed / HOUR), 'hour');
  return format.format(-Math.floor(elapsed / DAY), 'day');
}

/** Whole days between two dates. */
export function daysBetween(then: Date, now: Date): number {
  return Math.floor((now.getTime() - then.getTime()) / DAY);
}
