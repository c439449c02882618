import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIsoWeeks, isoWeekMonday, isoWeekOf, parseIsoWeek, weeksInIsoYear } from '../../../src/core/aggregates/week';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

// The machine's own clock must play no part: run on one that is neither UTC nor a jurisdiction's.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Instants from 1971 to 2099, where every clock used here is well defined. */
const instant = fc.date({ min: at('1971-01-01T00:00:00Z'), max: at('2099-12-31T00:00:00Z'), noInvalidDate: true });

describe('the ISO week of an instant', () => {
  it.each([
    ['2026-11-24T12:00:00Z', '2026-W48'],
    ['2026-01-01T00:00:00Z', '2026-W01'], // a Thursday: week 1 of its own year
    ['2026-12-31T23:59:59Z', '2026-W53'], // 2026 has 53 weeks…
    ['2027-01-03T12:00:00Z', '2026-W53'], // …and its last one reaches into 2027
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2020-12-31T12:00:00Z', '2020-W53'],
    ['2021-01-03T23:59:59Z', '2020-W53'], // a Sunday in January still in the previous year's week
    ['2021-01-04T00:00:00Z', '2021-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'], // a Monday in December already in next year's week 1
    ['2008-12-29T12:00:00Z', '2009-W01'],
    ['2010-01-03T12:00:00Z', '2009-W53'],
    ['2024-02-29T12:00:00Z', '2024-W09'],
  ])('%s is in %s (UTC)', (iso, week) => {
    expect(isoWeekOf(at(iso))).toBe(week);
  });

  it("is read on the jurisdiction's wall clock: Sunday evening in Honduras is Monday in UTC", () => {
    const sundayEvening = at('2026-01-05T03:00:00Z'); // 21:00 on Sunday 4 January in Tegucigalpa
    expect(isoWeekOf(sundayEvening, 'America/Tegucigalpa')).toBe('2026-W01');
    expect(isoWeekOf(sundayEvening)).toBe('2026-W02');
  });

  it('…and across a year boundary in a zone ahead of UTC', () => {
    const newYear = at('2024-12-29T16:00:00Z'); // 01:00 on Monday 30 December in Tokyo
    expect(isoWeekOf(newYear, 'Asia/Tokyo')).toBe('2025-W01');
    expect(isoWeekOf(newYear)).toBe('2024-W52');
    expect(isoWeekOf(at('2026-11-22T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-W48'); // UTC+14: Monday already
  });

  it('in a fixed-offset zone is the UTC week of the instant shifted by the offset', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -12, max: 14 }), (date, offset) => {
        // Etc/GMT-5 is UTC+5: POSIX signs are the other way round.
        const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
        expect(isoWeekOf(date, zone)).toBe(isoWeekOf(new Date(date.getTime() + offset * HOUR)));
      }),
    );
  });

  it('starts on the Monday it names and lasts seven days', () => {
    fc.assert(
      fc.property(instant, (date) => {
        const week = isoWeekOf(date);
        const monday = isoWeekMonday(week).getTime();
        expect(new Date(monday).getUTCDay()).toBe(1);
        expect(date.getTime()).toBeGreaterThanOrEqual(monday);
        expect(date.getTime()).toBeLessThan(monday + 7 * DAY);
        expect(parseIsoWeek(week)).toBeDefined();
      }),
    );
  });

  it('sorts as text in the order of time', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(isoWeekOf(earlier) <= isoWeekOf(later)).toBe(true);
      }),
    );
  });
});

describe('weeks of a year', () => {
  it('53 exactly in the years that begin on a Thursday, or leap years beginning on a Wednesday', () => {
    const long = [];
    for (let year = 2000; year <= 2040; year++) if (weeksInIsoYear(year) === 53) long.push(year);
    expect(long).toEqual([2004, 2009, 2015, 2020, 2026, 2032, 2037]);
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), (year) => {
        const first = new Date(0);
        first.setUTCFullYear(year, 0, 1);
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        const thursday = first.getUTCDay() === 4;
        const wednesday = first.getUTCDay() === 3;
        expect(weeksInIsoYear(year)).toBe(thursday || (leap && wednesday) ? 53 : 52);
      }),
    );
  });

  it('counting on one week at a time walks every week, through 52- and 53-week years', () => {
    let week = '2019-W50';
    const seen = [week];
    while (week < '2027-W02') {
      week = addIsoWeeks(week, 1);
      seen.push(week);
    }
    expect(seen).toContain('2020-W53');
    expect(seen).toContain('2026-W53');
    expect(seen).not.toContain('2021-W53');
    expect(seen).toHaveLength(1 + (52 - 50) + weeksInIsoYear(2020) + 52 + 52 + 52 + 52 + 52 + weeksInIsoYear(2026) + 2);
    fc.assert(
      fc.property(instant, fc.integer({ min: -600, max: 600 }), (date, count) => {
        const start = isoWeekOf(date);
        expect(addIsoWeeks(addIsoWeeks(start, count), -count)).toBe(start);
      }),
    );
  });
});

describe('reading a week', () => {
  it.each([
    '2021-W53', // 2021 has 52 weeks
    '2026-W00',
    '2026-W54',
    '2026-w01',
    '2026-W1',
    '26-W01',
    '2026W01',
    '2026-01',
    ' 2026-W01',
    '2026-W01 ',
    '0999-W01',
    '',
  ])('refuses "%s"', (text) => {
    expect(parseIsoWeek(text)).toBeUndefined();
    expect(() => isoWeekMonday(text)).toThrow(RangeError);
  });

  it('reads 2020-W53 and 2026-W48', () => {
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekMonday('2026-W48').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(isoWeekMonday('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
  });
});
