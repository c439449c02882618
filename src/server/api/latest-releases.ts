import type { JurisdictionBody, ReleaseVariant } from '../../core/release/records';
import type { JurisdictionSummary, ReleaseManifest } from '../../core/sync/protocol';
import type { Storage } from '../storage/types';

/**
 * How stale a running server's view of the latest releases may be. A release that
 * `rutas publish` (another process, same store) commits is served at the latest this long
 * after the commit; in exchange, the no-change checks of a whole fleet of devices cost one
 * query per jurisdiction per second instead of one per request.
 */
export const LATEST_RELEASE_TTL_MS = 1000;

/** Keeps answers for a while; concurrent callers share one load; failures are never kept. */
class Expiring<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    /** Unknown jurisdiction ids are remembered too, so a flood of made-up ids must not grow memory without end. */
    private readonly maxEntries: number,
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    // Measured from before the load starts, so an answer is never older than ttlMs.
    const now = performance.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    const fresh = { value, expiresAt: now + this.ttlMs };
    this.entries.set(key, fresh);
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/** A manifest as sent: its JSON serialised once, and the validator a device sends back. */
export interface CachedManifest {
  number: number;
  stateHash: string;
  etag: string;
  json: string;
}

/**
 * A strong validator for one release of one variant (and, for changes, its base). The
 * number alone would do until a store is recreated and numbering starts again; the state
 * hash tells those releases apart.
 */
export function releaseEtag(variant: ReleaseVariant, number: number, stateHash: string, from?: number): string {
  return `"${variant}-${number}-${stateHash.slice(0, 16)}${from === undefined ? '' : `-from-${from}`}"`;
}

/** The latest release of every jurisdiction, as the API serves it, at most LATEST_RELEASE_TTL_MS old. */
export class LatestReleases {
  private readonly manifests: Expiring<string, CachedManifest | undefined>;
  private readonly summaries: Expiring<'all', JurisdictionSummary[]>;

  constructor(
    private readonly storage: Storage,
    ttlMs = LATEST_RELEASE_TTL_MS,
  ) {
    this.manifests = new Expiring(ttlMs, 10_000);
    this.summaries = new Expiring(ttlMs, 1);
  }

  manifest(jurisdictionId: string, variant: ReleaseVariant): Promise<CachedManifest | undefined> {
    return this.manifests.get(`${variant} ${jurisdictionId}`, async () => {
      const latest = await this.storage.latestRelease(jurisdictionId, variant);
      if (!latest) return undefined;
      const manifest: ReleaseManifest = { jurisdictionId, variant, release: latest.release };
      return {
        number: latest.number,
        stateHash: latest.stateHash,
        etag: releaseEtag(variant, latest.number, latest.stateHash),
        json: JSON.stringify(manifest),
      };
    });
  }

  /** Drops what is kept of a jurisdiction: this server just published it, so devices get the release at once. */
  forget(jurisdictionId: string): void {
    for (const variant of ['public', 'enrolled'] as const) this.manifests.delete(`${variant} ${jurisdictionId}`);
    this.summaries.delete('all');
  }

  /** Every jurisdiction with a public release, by id. */
  jurisdictions(): Promise<JurisdictionSummary[]> {
    return this.summaries.get('all', async () => {
      const ids = await this.storage.jurisdictionIds();
      const summaries = await Promise.all(ids.map((id) => this.summary(id)));
      return summaries.filter((summary): summary is JurisdictionSummary => summary !== undefined);
    });
  }

  private async summary(jurisdictionId: string): Promise<JurisdictionSummary | undefined> {
    const latest = await this.storage.latestRelease(jurisdictionId, 'public');
    if (!latest) return undefined;
    const hashes = await this.storage.recordHashes(jurisdictionId, latest.number, 'public');
    const hash = hashes.jurisdiction;
    const record = hash === undefined ? undefined : (await this.storage.records([hash])).get(hash);
    if (!record) throw new Error(`Release ${latest.number} of ${jurisdictionId} lacks its jurisdiction record`);
    const body = record.body as JurisdictionBody;
    return {
      id: jurisdictionId,
      name: body.name,
      country: body.country,
      latestRelease: latest.number,
      publishedAt: latest.publishedAt,
    };
  }
}
