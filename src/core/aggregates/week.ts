/**
 * ISO 8601 weeks ("2026-W48"): the finest time an anonymous count ever carries. A week runs
 * from Monday to Sunday; week 1 of a year is the week with that year's first Thursday, so the
 * days around New Year may belong to the previous or the next year's weeks, and some years
 * have 53 weeks. The zero-padded form sorts as text in time order.
 */

import { wallClockIn } from '../time/wall-clock';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const WEEK_PATTERN = /^([1-9][0-9]{3})-W(0[1-9]|[1-4][0-9]|5[0-3])$/;

interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The date an instant falls on, on the wall clock of a time zone. */
function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockIn(timeZone, instant);
  return { year, month, day };
}

/** Milliseconds of midnight UTC of a date; setUTCFullYear keeps years below 100 as they are. */
function utcMidnight({ year, month, day }: CalendarDate): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function format(year: number, week: number): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of a calendar date, from the Thursday of its week (which decides the year). */
function weekOfDate(date: CalendarDate): string {
  const midnight = utcMidnight(date);
  const mondayBased = (new Date(midnight).getUTCDay() + 6) % 7;
  const thursday = new Date(midnight + (3 - mondayBased) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstOfYear = utcMidnight({ year, month: 1, day: 1 });
  return format(year, 1 + Math.floor((thursday.getTime() - firstOfYear) / WEEK_MS));
}

/**
 * The ISO week an instant falls in, on the wall clock of a time zone (an IANA name such as
 * "America/Tegucigalpa"; UTC by default).
 */
export function isoWeekOf(instant: Date, timeZone = 'UTC'): string {
  return weekOfDate(calendarDateIn(instant, timeZone));
}

/** 53 when the year has a week 53 (its 28 December, always in the last week, says so), else 52. */
export function weeksInIsoYear(year: number): 52 | 53 {
  return weekOfDate({ year, month: 12, day: 28 }).endsWith('W53') ? 53 : 52;
}

/** The year and number of a week written "2026-W48"; undefined when it is not a week that exists. */
export function parseIsoWeek(text: string): { year: number; week: number } | undefined {
  const match = WEEK_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  return week <= weeksInIsoYear(year) ? { year, week } : undefined;
}

/** Monday of the week, as midnight UTC of that date. */
export function isoWeekMonday(week: string): Date {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`"${week}" is not an ISO week such as 2026-W48`);
  // 4 January is always in week 1.
  const fourth = utcMidnight({ year: parsed.year, month: 1, day: 4 });
  const mondayOfWeekOne = fourth - ((new Date(fourth).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(mondayOfWeekOne + (parsed.week - 1) * WEEK_MS);
}

/** The week `count` weeks after (or, negative, before) the given one. */
export function addIsoWeeks(week: string, count: number): string {
  return isoWeekOf(new Date(isoWeekMonday(week).getTime() + count * WEEK_MS));
}
