/**
 * How long a worker must wait after wrong PINs. The first two wrong PINs in a row are typing
 * mistakes and cost nothing; from the third each wait doubles, so guessing by hand takes longer
 * than anyone holding a lost phone can afford, while the worker is never locked out for good:
 * after WIPE_OFFERED_AFTER failures the unlock screen offers to wipe the device instead.
 */
export const FIRST_WAIT_AFTER = 3;
export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 15 * 60_000;
export const WIPE_OFFERED_AFTER = 10;

/** The wait that follows `failedAttempts` consecutive wrong PINs, in milliseconds. */
export function waitAfter(failedAttempts: number): number {
  if (failedAttempts < FIRST_WAIT_AFTER) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failedAttempts - FIRST_WAIT_AFTER), LONGEST_WAIT_MS);
}

/**
 * Milliseconds left before the next attempt. A phone whose clock was set back could otherwise
 * lock its worker out for days: no wait is ever longer than the longest one.
 */
export function waitLeft(retryAfter: string | undefined, now: Date): number {
  if (!retryAfter) return 0;
  return Math.min(Math.max(0, Date.parse(retryAfter) - now.getTime()), LONGEST_WAIT_MS);
}
