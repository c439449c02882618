import type { Schedule } from '../handbook/schema';
import { wallClockIn } from '../time/wall-clock';

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
type Weekday = (typeof WEEKDAYS)[number];

export interface LocalTime {
  weekday: Weekday;
  minutes: number;
}

/** Weekday and minutes since midnight of an instant, on the wall clock of a time zone. */
export function localTimeIn(timeZone: string, instant: Date): LocalTime {
  const clock = wallClockIn(timeZone, instant);
  return { weekday: clock.weekday.slice(0, 2).toUpperCase() as Weekday, minutes: clock.hour * 60 + clock.minute };
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function previousDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] as Weekday;
}

/**
 * Whether a provider is open at an instant, read on the jurisdiction's wall clock.
 * A schedule whose closing time is earlier than its opening time runs past midnight
 * into the next day; "24:00" closes at the end of the day.
 */
export function isOpenAt(schedules: readonly Schedule[], timeZone: string, instant: Date): boolean {
  return isOpenAtLocalTime(schedules, localTimeIn(timeZone, instant));
}

/** isOpenAt for a wall-clock time already read, when many providers are checked at once. */
export function isOpenAtLocalTime(schedules: readonly Schedule[], { weekday, minutes }: LocalTime): boolean {
  return schedules.some((schedule) => {
    const opens = toMinutes(schedule.opens_at);
    const closes = toMinutes(schedule.closes_at);
    if (closes > opens) return schedule.byday.includes(weekday) && minutes >= opens && minutes < closes;
    const openedToday = schedule.byday.includes(weekday) && minutes >= opens;
    const stillOpenFromYesterday = schedule.byday.includes(previousDay(weekday)) && minutes < closes;
    return openedToday || stillOpenFromYesterday;
  });
}

/** Whether the schedules, shifts and overnight spans included, cover every minute of the week. */
export function isAlwaysOpen(schedules: readonly Schedule[]): boolean {
  const DAY = 24 * 60;
  return WEEKDAYS.every((day) => {
    const intervals: [number, number][] = [];
    for (const schedule of schedules) {
      const opens = toMinutes(schedule.opens_at);
      const closes = toMinutes(schedule.closes_at);
      if (schedule.byday.includes(day)) intervals.push([opens, closes > opens ? closes : DAY]);
      if (closes < opens && schedule.byday.includes(previousDay(day))) intervals.push([0, closes]);
    }
    intervals.sort((a, b) => a[0] - b[0]);
    let coveredUntil = 0;
    for (const [start, end] of intervals) {
      if (start > coveredUntil) return false;
      coveredUntil = Math.max(coveredUntil, end);
    }
    return coveredUntil >= DAY;
  });
}
