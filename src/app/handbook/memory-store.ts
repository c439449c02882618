import type { Release } from '../../core/release/release';
import type { HandbookStore, JurisdictionHandbook, SettingKey } from './types';

/** Handbooks held in memory: what the worker still reads when the device database fails. */
export class MemoryHandbookStore implements HandbookStore {
  private readonly byId: Map<string, JurisdictionHandbook>;
  private readonly settings = new Map<SettingKey, unknown>();

  constructor(releases: Release[], loadedAt = new Date()) {
    this.byId = new Map(
      releases.map((release) => [
        release.jurisdictionId,
        {
          ...release.handbook,
          release: {
            jurisdictionId: release.jurisdictionId,
            number: release.number,
            contentHash: release.contentHash,
            publishedAt: release.publishedAt,
            phoneDisplay: release.phoneDisplay,
            installedAt: loadedAt.toISOString(),
          },
        },
      ]),
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
