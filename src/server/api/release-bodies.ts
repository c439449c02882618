/**
 * Serialised snapshots and changes, kept because releases never change: when a release is
 * published every device asks for the same changes within seconds, and computing them from
 * the store once instead of once per device keeps those requests fast. Concurrent requests
 * share one load; failures are not kept; the least recently used bodies go first once
 * `maxBytes` is reached.
 */
export class ReleaseBodies {
  private readonly bodies = new Map<string, Promise<string | undefined>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** `key` must name the content exactly: variant, jurisdiction, number, base and state hash. */
  get(key: string, load: () => Promise<unknown>): Promise<string | undefined> {
    const kept = this.bodies.get(key);
    if (kept) {
      this.bodies.delete(key);
      this.bodies.set(key, kept);
      return kept;
    }
    const body = load().then((value) => (value === undefined ? undefined : JSON.stringify(value)));
    this.bodies.set(key, body);
    body.then(
      (json) => {
        if (json === undefined) return this.forget(key);
        this.sizes.set(key, json.length);
        this.bytes += json.length;
        this.evict();
      },
      () => this.forget(key),
    );
    return body;
  }

  private forget(key: string): void {
    this.bodies.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private evict(): void {
    for (const key of this.bodies.keys()) {
      if (this.bytes <= this.maxBytes) return;
      if (this.sizes.has(key)) this.forget(key);
    }
  }
}
