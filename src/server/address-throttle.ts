/**
 * Requests per client address, in memory: a sliding window of the last `windowMs`, and at
 * `limit` requests the address waits until the oldest one leaves the window. It bounds what
 * one place can do on the routes that need no account: failed sign-ins (which the per-account
 * lock alone does not stop across accounts), enrolment codes tried, anonymous counts sent.
 * It is per server process and forgets on restart. Behind a reverse proxy every client shares
 * the proxy's address until the server is told to trust X-Forwarded-For.
 */
export class AddressThrottle {
  private readonly requests = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Addresses remembered at most, so a flood of addresses cannot fill the memory. */
    private readonly maxAddresses = 10_000,
  ) {}

  private recent(address: string, now: number): number[] {
    const times = (this.requests.get(address) ?? []).filter((time) => time > now - this.windowMs);
    if (times.length === 0) this.requests.delete(address);
    else this.requests.set(address, times);
    return times;
  }

  /** Seconds the address must wait before trying again; 0 when it may try now. */
  retryAfterSeconds(address: string, now: Date): number {
    const times = this.recent(address, now.getTime());
    if (times.length < this.limit) return 0;
    const oldest = times[times.length - this.limit] as number;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now.getTime()) / 1000));
  }

  /** Counts one request of the address (for sign-in and enrolment: one that failed). */
  record(address: string, now: Date): void {
    const times = this.recent(address, now.getTime());
    if (times.length === 0 && this.requests.size >= this.maxAddresses) {
      // The map keeps insertion order: forget the address that came first.
      const first = this.requests.keys().next().value;
      if (first !== undefined) this.requests.delete(first);
    }
    this.requests.set(address, [...times, now.getTime()]);
  }
}

/** The limits of a running server, one throttle per route that needs no account. */
export interface AddressThrottles {
  /** Failed sign-ins: 20 in 15 minutes. */
  signIn: AddressThrottle;
  /** Enrolment codes that do not exist: 20 in 15 minutes; a worker mistypes, a script guesses. */
  enrolment: AddressThrottle;
  /** Anonymous count batches: a workshop's 40 phones behind one router, each back after weeks offline, stay well under. */
  aggregates: AddressThrottle;
}

export function addressThrottles(): AddressThrottles {
  return {
    signIn: new AddressThrottle(20, 15 * 60_000),
    enrolment: new AddressThrottle(20, 15 * 60_000),
    aggregates: new AddressThrottle(1_000, 60 * 60_000),
  };
}
