import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/core/handbook/schema';
import { isAlwaysOpen, isOpenAt, localTimeIn } from '../../../src/core/schedule/open-now';

type Day = Schedule['byday'][number];
const DAYS_FROM_SUNDAY: Day[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const MON_FRI: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const EVERY_DAY: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const schedule = (byday: Day[], opens_at: string, closes_at: string): Schedule => ({ byday, opens_at, closes_at });

const HONDURAS = 'America/Tegucigalpa'; // UTC−6 all year
const officeHours = [schedule(MON_FRI, '08:00', '16:00')];

// Run on a machine whose clock is neither UTC nor the jurisdiction's: code reading the
// device's local time (getHours, getDay) would then answer for Tokyo, and fail.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("open now, on the jurisdiction's clock", () => {
  it('the test machine really runs on another clock', () => {
    expect(new Date('2026-11-23T15:00:00Z').getHours()).toBe(0); // midnight in Tokyo
  });

  it('an office open Monday–Friday 08:00–16:00 in Honduras is open at 15:00 UTC (09:00 local)', () => {
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T15:00:00Z'))).toBe(true);
  });

  it('…and closed at 23:00 UTC, which is 17:00 local', () => {
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T23:00:00Z'))).toBe(false);
  });

  it('…and closed at 13:30 UTC (07:30 local), when a UTC clock would call it open', () => {
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T13:30:00Z'))).toBe(false);
  });

  it('…and open at 21:30 UTC (15:30 local), when a UTC clock would call it closed', () => {
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T21:30:00Z'))).toBe(true);
  });

  it('Friday evening locally is still Friday, though it is already Saturday in UTC', () => {
    const fridayOnly = [schedule(['FR'], '18:00', '23:00')];
    const saturdayOnly = [schedule(['SA'], '00:00', '24:00')];
    const instant = new Date('2026-11-28T03:00:00Z'); // Saturday 03:00 UTC = Friday 21:00 in Honduras
    expect(isOpenAt(fridayOnly, HONDURAS, instant)).toBe(true);
    expect(isOpenAt(saturdayOnly, HONDURAS, instant)).toBe(false);
  });

  it('opening time is inclusive and closing time exclusive', () => {
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T14:00:00Z'))).toBe(true); // 08:00
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T13:59:00Z'))).toBe(false); // 07:59
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T21:59:00Z'))).toBe(true); // 15:59
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-23T22:00:00Z'))).toBe(false); // 16:00
  });

  it('is closed at weekends and when no hours are given', () => {
    expect(isOpenAt(officeHours, HONDURAS, new Date('2026-11-28T16:00:00Z'))).toBe(false); // Saturday 10:00
    expect(isOpenAt([], HONDURAS, new Date('2026-11-23T16:00:00Z'))).toBe(false);
  });

  it("reads the weekday and time on the zone's wall clock", () => {
    expect(localTimeIn(HONDURAS, new Date('2026-11-28T03:00:00Z'))).toEqual({ weekday: 'FR', minutes: 21 * 60 });
    expect(localTimeIn('Asia/Kolkata', new Date('2026-11-23T18:45:00Z'))).toEqual({ weekday: 'TU', minutes: 15 });
    expect(localTimeIn('UTC', new Date('2026-11-23T00:00:00Z'))).toEqual({ weekday: 'MO', minutes: 0 });
  });
});

describe('overnight hours', () => {
  const nightShift = [schedule(['FR', 'SA'], '22:00', '06:00')];

  it('a night shift 22:00–06:00 is open before and after midnight', () => {
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-28T05:00:00Z'))).toBe(true); // Fri 23:00
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-28T10:00:00Z'))).toBe(true); // Sat 04:00
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-29T11:59:00Z'))).toBe(true); // Sun 05:59 (Saturday's shift)
  });

  it('…and closed at 06:00, during the day, and on the morning after a day without a shift', () => {
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-28T12:00:00Z'))).toBe(false); // Sat 06:00
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-28T18:00:00Z'))).toBe(false); // Sat 12:00
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-27T10:00:00Z'))).toBe(false); // Fri 04:00 (no Thursday shift)
    expect(isOpenAt(nightShift, HONDURAS, new Date('2026-11-28T03:59:00Z'))).toBe(false); // Fri 21:59
  });

  it('a Sunday night shift carries over into Monday morning across the week boundary', () => {
    const sundayNight = [schedule(['SU'], '22:00', '06:00')];
    expect(isOpenAt(sundayNight, HONDURAS, new Date('2026-11-30T05:00:00Z'))).toBe(true); // Sun 23:00
    expect(isOpenAt(sundayNight, HONDURAS, new Date('2026-11-30T09:00:00Z'))).toBe(true); // Mon 03:00
    expect(isOpenAt(sundayNight, HONDURAS, new Date('2026-11-30T12:30:00Z'))).toBe(false); // Mon 06:30
    expect(isOpenAt(sundayNight, HONDURAS, new Date('2026-11-29T09:00:00Z'))).toBe(false); // Sun 03:00 (no Saturday shift)
  });

  it('a shift that closes at "00:00" ends at midnight', () => {
    const evening = [schedule(['MO'], '18:00', '00:00')];
    expect(isOpenAt(evening, HONDURAS, new Date('2026-11-24T05:59:00Z'))).toBe(true); // Mon 23:59
    expect(isOpenAt(evening, HONDURAS, new Date('2026-11-24T06:00:00Z'))).toBe(false); // Tue 00:00
  });

  it('"24:00" closes at the end of the day, and not a minute before', () => {
    const lateDay = [schedule(['MO'], '12:00', '24:00')];
    expect(isOpenAt(lateDay, HONDURAS, new Date('2026-11-24T05:59:00Z'))).toBe(true); // Mon 23:59
    expect(isOpenAt(lateDay, HONDURAS, new Date('2026-11-24T06:00:00Z'))).toBe(false); // Tue 00:00
    expect(isOpenAt(lateDay, HONDURAS, new Date('2026-11-23T18:00:00Z'))).toBe(true); // Mon 12:00
  });
});

describe('daylight saving time', () => {
  const newYorkOffice = [schedule(MON_FRI, '09:00', '17:00')];

  it('in New York, 13:30 UTC on a Monday is 09:30 in summer (open) but 08:30 in winter (closed)', () => {
    expect(isOpenAt(newYorkOffice, 'America/New_York', new Date('2026-07-06T13:30:00Z'))).toBe(true);
    expect(isOpenAt(newYorkOffice, 'America/New_York', new Date('2026-01-05T13:30:00Z'))).toBe(false);
  });

  it('in Madrid, the night the clocks go forward, a 02:00–06:00 shift opens at 03:00 local (01:00 UTC)', () => {
    const madridNight = [schedule(['SU'], '02:00', '06:00')];
    expect(isOpenAt(madridNight, 'Europe/Madrid', new Date('2026-03-29T00:30:00Z'))).toBe(false); // 01:30 CET
    expect(isOpenAt(madridNight, 'Europe/Madrid', new Date('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(isOpenAt(madridNight, 'Europe/Madrid', new Date('2026-03-29T03:59:00Z'))).toBe(true); // 05:59 CEST
    expect(isOpenAt(madridNight, 'Europe/Madrid', new Date('2026-03-29T04:00:00Z'))).toBe(false); // 06:00 CEST
  });
});

describe('always open', () => {
  it('every day 00:00–24:00 is always open, in one schedule or several', () => {
    expect(isAlwaysOpen([schedule(EVERY_DAY, '00:00', '24:00')])).toBe(true);
    expect(isAlwaysOpen([schedule(MON_FRI, '00:00', '24:00'), schedule(['SA', 'SU'], '00:00', '24:00')])).toBe(true);
  });

  it('a missing day, a short day or no hours at all is not always open', () => {
    expect(isAlwaysOpen([schedule(['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '00:00', '24:00')])).toBe(false);
    expect(isAlwaysOpen([schedule(EVERY_DAY, '00:00', '23:59')])).toBe(false);
    expect(isAlwaysOpen([schedule(EVERY_DAY, '06:00', '24:00')])).toBe(false);
    expect(isAlwaysOpen([])).toBe(false);
  });

  it('for any instant and any time zone, a schedule of all seven days 00:00–24:00 is open', () => {
    const always = [schedule(EVERY_DAY, '00:00', '24:00')];
    fc.assert(
      fc.property(instants, zones, (instant, zone) => {
        expect(isOpenAt(always, zone, instant)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('a week split into any groups of whole days, plus any other hours, is always open at every instant', () => {
    const groupOfEachDay = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(
        groupOfEachDay,
        fc.array(schedules, { maxLength: 2 }),
        instants,
        zones,
        (groups, extra, instant, zone) => {
          const wholeDays = [0, 1, 2, 3]
            .map((g) => EVERY_DAY.filter((_, d) => groups[d] === g))
            .filter((days) => days.length > 0)
            .map((days) => schedule(days, '00:00', '24:00'));
          const list = [...extra, ...wholeDays];
          expect(isAlwaysOpen(list)).toBe(true);
          expect(isOpenAt(list, zone, instant)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('two shifts that meet at noon every day are always open', () => {
    expect(isAlwaysOpen([schedule(EVERY_DAY, '00:00', '12:00'), schedule(EVERY_DAY, '12:00', '24:00')])).toBe(true);
  });
});

// ----- An independent reference, for the property test -------------------------------------

/**
 * Minute of the week (0 = Sunday 00:00) on the zone's wall clock, from the calendar date and
 * the hour (not from a weekday name), with hour12:false, which some engines write as "24" at
 * midnight.
 */
function minuteOfWeek(zone: string, instant: Date): number {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hour12: false,
  });
  const part = (type: string) => Number(format.formatToParts(instant).find((p) => p.type === type)?.value);
  const dayOfWeek = new Date(Date.UTC(part('year'), part('month') - 1, part('day'))).getUTCDay();
  return dayOfWeek * 1440 + (part('hour') % 24) * 60 + part('minute');
}

/** Each schedule as intervals of minutes of the week; an interval may run past the week's end. */
function referenceIsOpen(list: readonly Schedule[], zone: string, instant: Date): boolean {
  const week = 7 * 1440;
  const now = minuteOfWeek(zone, instant);
  const hhmm = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return list.some((s) =>
    s.byday.some((day) => {
      const start = DAYS_FROM_SUNDAY.indexOf(day) * 1440 + hhmm(s.opens_at);
      const length = (hhmm(s.closes_at) - hhmm(s.opens_at) + 1440) % 1440 || 1440;
      const end = start + length;
      return (now >= start && now < end) || (now + week >= start && now + week < end);
    }),
  );
}

const instants = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2060-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const zones = fc.constantFrom(...Intl.supportedValuesOf('timeZone'));
const times = fc
  .tuple(fc.integer({ min: 0, max: 24 }), fc.constantFrom(0, 1, 15, 30, 59))
  .map(([h, m]) => (h === 24 ? '24:00' : `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`));
const schedules = fc
  .record({
    byday: fc.uniqueArray(fc.constantFrom(...EVERY_DAY), { minLength: 1, maxLength: 7 }),
    opens_at: times,
    closes_at: times,
  })
  .filter((s) => s.opens_at !== s.closes_at && !(s.opens_at === '24:00' && s.closes_at === '00:00'));

describe('agreement with an independent reference', () => {
  it('the reference itself agrees with the worked examples', () => {
    expect(referenceIsOpen(officeHours, HONDURAS, new Date('2026-11-23T15:00:00Z'))).toBe(true);
    expect(referenceIsOpen(officeHours, HONDURAS, new Date('2026-11-23T23:00:00Z'))).toBe(false);
    const sundayNight = [schedule(['SU'], '22:00', '06:00')];
    expect(referenceIsOpen(sundayNight, HONDURAS, new Date('2026-11-30T09:00:00Z'))).toBe(true);
  });

  it('for any schedules, instant and time zone, isOpenAt agrees with the reference', () => {
    fc.assert(
      fc.property(fc.array(schedules, { minLength: 1, maxLength: 3 }), instants, zones, (list, instant, zone) => {
        expect(isOpenAt(list, zone, instant)).toBe(referenceIsOpen(list, zone, instant));
      }),
      { numRuns: 3000 },
    );
  });
});
