import { handbookFromRecords } from '../../core/release/records';
import type { VerifiedRelease } from '../../core/sync/verify';
import type { HandbookStore, JurisdictionHandbook, SettingKey } from './types';

/** Handbooks held in memory: what the worker still reads when the device database fails. */
export class MemoryHandbookStore implements HandbookStore {
  private readonly byId: Map<string, JurisdictionHandbook>;
  private readonly settings = new Map<SettingKey, unknown>();

  /** Only verified snapshots: the in-memory fallback refuses tampered content like the database does. */
  constructor(snapshots: VerifiedRelease[], loadedAt = new Date()) {
    this.byId = new Map(
      snapshots.map(({ release, records, recordHashes }) => {
        const { header } = release;
        const handbook: JurisdictionHandbook = {
          ...handbookFromRecords(records),
          release: {
            jurisdictionId: header.jurisdictionId,
            number: header.number,
            variant: header.variant,
            stateHash: header.stateHash,
            publishedAt: header.publishedAt,
            installedAt: loadedAt.toISOString(),
            recordHashes,
            release,
          },
        };
        return [header.jurisdictionId, handbook];
      }),
    );
  }

  async jurisdictions() {
    return [...this.byId.values()].map((h) => h.jurisdiction);
  }

  async releases() {
    return [...this.byId.values()].map((h) => h.release);
  }

  async setting<T>(key: SettingKey): Promise<T | undefined> {
    return this.settings.get(key) as T | undefined;
  }

  async saveSetting(key: SettingKey, value: unknown): Promise<void> {
    this.settings.set(key, value);
  }

  async handbook(jurisdictionId: string) {
    return this.byId.get(jurisdictionId) ?? null;
  }
}
