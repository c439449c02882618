import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verificationAge } from '../../../src/core/handbook/provenance';

const verifiedOn = (verifiedAt: string | null) => ({
  source: 'comisión municipal',
  verifiedAt,
  verifiedBy: 'Comisión',
});
const age = (verifiedAt: string | null, now: string) => verificationAge(verifiedOn(verifiedAt), new Date(now));

describe('how long ago a provider was verified', () => {
  it('never verified: no age at all, so the app can say "unverified"', () => {
    expect(age(null, '2026-11-24T12:00:00Z')).toBeNull();
  });

  it('verified today is 0 days ago, and fresh', () => {
    expect(age('2026-11-24', '2026-11-24T18:00:00Z')).toEqual({ value: 0, unit: 'day', stale: false });
  });

  it('counts days up to 44 days', () => {
    expect(age('2026-11-23', '2026-11-24T08:00:00Z')).toEqual({ value: 1, unit: 'day', stale: false });
    expect(age('2026-10-11', '2026-11-24T08:00:00Z')).toEqual({ value: 44, unit: 'day', stale: false });
  });

  it('from 45 days it counts months, never "0 months"', () => {
    expect(age('2026-10-10', '2026-11-24T08:00:00Z')).toEqual({ value: 1, unit: 'month', stale: false });
    // 45 days after 31 January is 17 March: one whole month has passed.
    expect(age('2026-01-31', '2026-03-17T08:00:00Z')).toEqual({ value: 1, unit: 'month', stale: false });
  });

  it('counts whole calendar months: a month is not complete until the same day of the month', () => {
    expect(age('2026-03-15', '2026-06-14T08:00:00Z')).toEqual({ value: 2, unit: 'month', stale: false });
    expect(age('2026-03-15', '2026-06-15T08:00:00Z')).toEqual({ value: 3, unit: 'month', stale: false });
  });

  it('"verified 14 months ago" is stale: workers should double-check', () => {
    expect(age('2025-09-10', '2026-11-24T08:00:00Z')).toEqual({ value: 14, unit: 'month', stale: true });
  });

  it('becomes stale exactly 12 months after verification, not a day before', () => {
    expect(age('2025-11-24', '2026-11-23T23:59:00Z')).toEqual({ value: 11, unit: 'month', stale: false });
    expect(age('2025-11-24', '2026-11-24T00:00:00Z')).toEqual({ value: 12, unit: 'month', stale: true });
  });

  it('says months up to 23, then years', () => {
    expect(age('2024-11-25', '2026-11-24T08:00:00Z')).toEqual({ value: 23, unit: 'month', stale: true });
    expect(age('2024-11-24', '2026-11-24T08:00:00Z')).toEqual({ value: 2, unit: 'year', stale: true });
    expect(age('2021-06-01', '2026-11-24T08:00:00Z')).toEqual({ value: 5, unit: 'year', stale: true });
  });

  it('a date in the future (a clock set wrong) reads as today, not as a negative age', () => {
    expect(age('2026-12-01', '2026-11-24T08:00:00Z')).toEqual({ value: 0, unit: 'day', stale: false });
  });

  it('for any verification date and later instant, the age is positive, in one unit, and stale only after a year', () => {
    const days = fc.integer({ min: 0, max: 40_000 });
    fc.assert(
      fc.property(
        days,
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        (d, elapsed, ms) => {
          const verified = new Date(Date.UTC(1990, 0, 1) + d * 86_400_000);
          const verifiedAt = verified.toISOString().slice(0, 10);
          const now = new Date(verified.getTime() + elapsed * 86_400_000 + ms);
          const result = verificationAge(verifiedOn(verifiedAt), now);
          expect(result).not.toBeNull();
          if (!result) return;
          expect(Number.isInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThanOrEqual(result.unit === 'day' ? 0 : 1);
          if (result.unit === 'day') expect(result.value).toBe(elapsed);
          if (elapsed < 365) expect(result.stale).toBe(false);
          if (elapsed > 366) expect(result.stale).toBe(true);
          if (result.unit === 'year') expect(result.value).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
