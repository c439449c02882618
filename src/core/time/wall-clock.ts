/** What the clock on the wall of a time zone shows at an instant (Gregorian calendar, 24-hour clock). */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** "Mon" … "Sun" */
  weekday: string;
  hour: number;
  minute: number;
}

/** One formatter per time zone: building one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of a time zone (an IANA name such as "America/Tegucigalpa") at an instant. */
export function wallClockIn(timeZone: string, instant: Date): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: String(parts.weekday),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}
