import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../../src/server/accounts/login-throttle';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 9, minutes));

describe('the per-address sign-in limit', () => {
  it('stops an address at the limit until its oldest failure leaves the window', () => {
    const throttle = new LoginThrottle(3, 15 * 60_000);
    for (const minute of [0, 5, 10]) {
      expect(throttle.retryAfterSeconds('10.0.0.1', at(minute))).toBe(0);
      throttle.recordFailure('10.0.0.1', at(minute));
    }
    expect(throttle.retryAfterSeconds('10.0.0.1', at(10))).toBe(5 * 60);
    expect(throttle.retryAfterSeconds('10.0.0.2', at(10))).toBe(0);
    expect(throttle.retryAfterSeconds('10.0.0.1', at(15))).toBe(0);
  });

  it('forgets the first address failing when it holds as many as it may', () => {
    const throttle = new LoginThrottle(1, 15 * 60_000, 2);
    for (const address of ['a', 'b', 'c']) throttle.recordFailure(address, at(0));
    expect(throttle.retryAfterSeconds('a', at(1))).toBe(0);
    expect(throttle.retryAfterSeconds('b', at(1))).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('c', at(1))).toBeGreaterThan(0);
  });
});
