import { describe, expect, it } from 'vitest';
import { AddressThrottle } from '../../../src/server/address-throttle';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 9, minutes));

describe('the per-address limit of the routes that need no account', () => {
  it('stops an address at the limit until its oldest failure leaves the window', () => {
    const throttle = new AddressThrottle(3, 15 * 60_000);
    for (const minute of [0, 5, 10]) {
      expect(throttle.retryAfterSeconds('10.0.0.1', at(minute))).toBe(0);
      throttle.record('10.0.0.1', at(minute));
    }
    expect(throttle.retryAfterSeconds('10.0.0.1', at(10))).toBe(5 * 60);
    expect(throttle.retryAfterSeconds('10.0.0.2', at(10))).toBe(0);
    expect(throttle.retryAfterSeconds('10.0.0.1', at(15))).toBe(0);
  });

  it('forgets the first address failing when it holds as many as it may', () => {
    const throttle = new AddressThrottle(1, 15 * 60_000, 2);
    for (const address of ['a', 'b', 'c']) throttle.record(address, at(0));
    expect(throttle.retryAfterSeconds('a', at(1))).toBe(0);
    expect(throttle.retryAfterSeconds('b', at(1))).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('c', at(1))).toBeGreaterThan(0);
  });
});
