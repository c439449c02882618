/**
 * Failed sign-ins per client address, in memory: a sliding window of the last
 * `windowMs`, and at `limit` failures the address waits until the oldest one leaves the
 * window. It slows someone trying many accounts from one place, which the per-account lock
 * alone does not. It is per server process and forgets on restart; the per-account lock,
 * kept in the store, is what holds across processes. Behind a reverse proxy every client
 * shares the proxy's address until the server is told to trust X-Forwarded-For.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly limit = 20,
    readonly windowMs = 15 * 60_000,
    /** Addresses remembered at most, so a flood of addresses cannot fill the memory. */
    private readonly maxAddresses = 10_000,
  ) {}

  private recent(address: string, now: number): number[] {
    const times = (this.failures.get(address) ?? []).filter((time) => time > now - this.windowMs);
    if (times.length === 0) this.failures.delete(address);
    else this.failures.set(address, times);
    return times;
  }

  /** Seconds the address must wait before trying again; 0 when it may try now. */
  retryAfterSeconds(address: string, now: Date): number {
    const times = this.recent(address, now.getTime());
    if (times.length < this.limit) return 0;
    const oldest = times[times.length - this.limit] as number;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now.getTime()) / 1000));
  }

  recordFailure(address: string, now: Date): void {
    const times = this.recent(address, now.getTime());
    if (times.length === 0 && this.failures.size >= this.maxAddresses) {
      // The map keeps insertion order: forget the address that failed first.
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
    this.failures.set(address, [...times, now.getTime()]);
  }
}
