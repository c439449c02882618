import { type HsdsObject, text } from './reading';
import type { ImportedProvider } from './report';
import { hasValue, type UnitReport } from './unit-report';

/** Fields that narrow a weekly recurrence down: Rutas cannot keep them, so the report asks for a check. */
const LIMITS = [
  'valid_from',
  'valid_to',
  'dtstart',
  'until',
  'count',
  'byweekno',
  'bymonthday',
  'byyearday',
  'timezone',
];
const NOT_KEPT = ['notes', 'attending_type', 'schedule_link'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** The time of an HSDS schedule as HH:MM, or why it cannot be read. */
function clockTime(value: unknown): { time: string } | { problem: string } {
  const raw = text(value);
  if (!raw) return { problem: 'is missing' };
  const match = raw.match(/^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i);
  if (!match) return { problem: `"${raw}" is not a time of day` };
  const [, hours = '', minutes = '', zone] = match;
  // Converting would need the offset on each day of the year; a person enters the local time instead.
  if (zone) return { problem: `"${raw}" is given with a time zone` };
  const time = `${hours.padStart(2, '0')}:${minutes}`;
  return /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(time) ? { time } : { problem: `"${raw}" is not a time of day` };
}

/** Plain weekly opening hours; anything else is reported for the coordinator to enter by hand. */
export function mapSchedules(schedules: HsdsObject[], report: UnitReport): ImportedProvider['schedules'] {
  const result: ImportedProvider['schedules'] = [];
  const kept = new Set<string>();
  for (const schedule of schedules) {
    if (!report.firstTime('schedule', schedule)) continue;
    const notWeekly = (why: string) =>
      report.skip(
        'schedule_not_weekly',
        schedule,
        `${why}; Rutas keeps weekly opening hours only: enter them in the console`,
      );
    const freq = text(schedule.freq)?.toUpperCase();
    if (freq && freq !== 'WEEKLY') {
      notWeekly(`the schedule repeats ${freq.toLowerCase()}`);
      continue;
    }
    if (typeof schedule.interval === 'number' && schedule.interval !== 1) {
      notWeekly(`the schedule repeats every ${schedule.interval} weeks`);
      continue;
    }
    const byday = text(schedule.byday);
    const days = (byday ?? '').split(',').map((day) => day.trim().toUpperCase());
    if (!byday || days.some((day) => !(WEEKDAYS as readonly string[]).includes(day))) {
      notWeekly(byday ? `"${byday}" is not a list of weekdays` : 'the schedule names no weekdays');
      continue;
    }
    const opens = clockTime(schedule.opens_at);
    const closes = clockTime(schedule.closes_at);
    if ('problem' in opens) {
      notWeekly(`the opening time ${opens.problem}`);
      continue;
    }
    if ('problem' in closes) {
      notWeekly(`the closing time ${closes.problem}`);
      continue;
    }
    if (opens.time === closes.time) {
      notWeekly(`it opens and closes at ${opens.time}`);
      continue;
    }
    const weekdays = WEEKDAYS.filter((day) => days.includes(day));
    const limits = LIMITS.filter((field) => hasValue(schedule[field]));
    if (limits.length > 0) {
      report.skip(
        'schedule_limits_ignored',
        schedule,
        `kept as weekly hours (${weekdays.join(',')} ${opens.time}–${closes.time}) without ${limits.join(', ')}: check them in the console`,
      );
    }
    const others = NOT_KEPT.filter((field) => hasValue(schedule[field]));
    if (others.length > 0) report.skip('not_kept', schedule, `not kept by Rutas: ${others.join(', ')}`);
    const description = text(schedule.description);
    const entry = {
      byday: weekdays,
      opens_at: opens.time,
      closes_at: closes.time,
      ...(description ? { description: report.inLanguage(description) } : {}),
    };
    const key = JSON.stringify(entry);
    if (kept.has(key)) continue;
    kept.add(key);
    result.push(entry);
    report.from('schedules', schedule);
  }
  return result;
}
