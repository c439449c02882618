import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_COUNT_MAX,
  AggregateBatchSchema,
  oldestAcceptedWeek,
  weekStatus,
} from '../../../src/core/aggregates/protocol';
import { ROUTE_STAGE_KINDS } from '../../../src/core/handbook/taxonomy';

const valid = {
  id: '5b0c7a3e-9d1f-4c2a-8e6b-1f2a3b4c5d6e',
  jurisdictionId: 'hn-ocotepeque',
  week: '2026-W47',
  counts: { identification: 3, referral: 1 },
};
const accepts = (value: unknown) => AggregateBatchSchema.safeParse(value).success;

describe('an anonymous batch', () => {
  it('is a batch id, a jurisdiction, a week and counts by route stage', () => {
    expect(AggregateBatchSchema.parse(valid)).toEqual(valid);
    expect(accepts({ ...valid, counts: Object.fromEntries(ROUTE_STAGE_KINDS.map((kind) => [kind, 0])) })).toBe(true);
  });

  it.each([
    ['a device id', { deviceId: '0d3f5e7a-1b2c-4d5e-8f9a-0b1c2d3e4f5a' }],
    ['a device token', { deviceToken: 'x'.repeat(43) }],
    ['a case code', { caseCode: 'K7P-2QM' }],
    ['notes', { notes: 'She is 15 and afraid of her employer' }],
    ['a date', { reportedAt: '2026-11-24T10:00:00.000Z' }],
  ])('refuses %s alongside', (_, extra) => {
    expect(accepts({ ...valid, ...extra })).toBe(false);
  });

  it.each([
    ['a stage that does not exist', { nationality: 1 }],
    ['text inside the counts', { referral: 1, note: 'Ana' }],
    ['no stage at all', {}],
    ['a negative count', { referral: -1 }],
    ['a fraction', { referral: 1.5 }],
    ['a count over the cap', { referral: AGGREGATE_COUNT_MAX + 1 }],
    ['a count as text', { referral: '2' }],
  ])('refuses counts with %s', (_, counts) => {
    expect(accepts({ ...valid, counts })).toBe(false);
  });

  it.each([
    ['a date instead of a week', { week: '2026-11-24' }],
    ['a week with a day', { week: '2026-W47-2' }],
    ['a week 53 in a 52-week year', { week: '2025-W53' }],
    ['an id that is not a UUID', { id: 'device-7' }],
    ['a jurisdiction id with spaces', { jurisdictionId: 'hn ocotepeque' }],
  ])('refuses %s', (_, change) => {
    expect(accepts({ ...valid, ...change })).toBe(false);
  });

  it('refuses any field beyond the four, whatever its name and value', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((key) => !(key in valid) && key !== '__proto__'),
        fc.jsonValue(),
        (key, value) => {
          expect(accepts({ ...valid, [key]: value })).toBe(false);
          expect(accepts({ ...valid, counts: { ...valid.counts, [key]: value } })).toBe(
            (ROUTE_STAGE_KINDS as readonly string[]).includes(key) &&
              Number.isInteger(value) &&
              (value as number) >= 0 &&
              (value as number) <= AGGREGATE_COUNT_MAX,
          );
        },
      ),
    );
  });
});

describe('which weeks the server takes', () => {
  const tuesday = new Date('2026-11-24T12:00:00Z'); // in 2026-W48

  it('a week once it is over, never the current or a later one', () => {
    expect(weekStatus('2026-W47', tuesday)).toBe('accepted');
    expect(weekStatus('2026-W48', tuesday)).toBe('not-over');
    expect(weekStatus('2026-W49', tuesday)).toBe('not-over');
    expect(weekStatus('2027-W01', tuesday)).toBe('not-over');
  });

  it('as soon as the week is over anywhere: in Kiribati (UTC+14), ten hours before Monday in UTC', () => {
    expect(weekStatus('2026-W47', new Date('2026-11-22T09:59:59Z'))).toBe('not-over');
    expect(weekStatus('2026-W47', new Date('2026-11-22T10:00:00Z'))).toBe('accepted');
  });

  it('back to 52 weeks, not older', () => {
    expect(oldestAcceptedWeek(tuesday)).toBe('2025-W48');
    expect(weekStatus('2025-W48', tuesday)).toBe('accepted');
    expect(weekStatus('2025-W47', tuesday)).toBe('too-old');
    expect(weekStatus('2020-W53', tuesday)).toBe('too-old');
  });

  it('across New Year of a 53-week year', () => {
    const newYear = new Date('2027-01-05T12:00:00Z'); // in 2027-W01
    expect(weekStatus('2026-W53', newYear)).toBe('accepted');
    expect(weekStatus('2027-W01', newYear)).toBe('not-over');
    expect(oldestAcceptedWeek(newYear)).toBe('2026-W02');
  });
});
