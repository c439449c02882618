import type { RutasDatabase } from '../db/database';
import type { HandbookStore, JurisdictionHandbook, SettingKey } from './types';

export class DexieHandbookStore implements HandbookStore {
  constructor(private readonly db: RutasDatabase) {}

  async jurisdictions() {
    return this.db.jurisdictions.toArray();
  }

  async releases() {
    return this.db.releases.toArray();
  }

  async setting<T>(key: SettingKey): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async saveSetting(key: SettingKey, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }

  async handbook(jurisdictionId: string): Promise<JurisdictionHandbook | null> {
    const db = this.db;
    return db.transaction('r', [db.jurisdictions, db.providers, db.routes, db.checklists, db.releases], async () => {
      const [jurisdiction, release] = await Promise.all([
        db.jurisdictions.get(jurisdictionId),
        db.releases.get(jurisdictionId),
      ]);
      if (!jurisdiction || !release) return null;
      const [providers, routes, checklists] = await Promise.all([
        db.providers.where('jurisdictionId').equals(jurisdictionId).toArray(),
        db.routes.where('jurisdictionId').equals(jurisdictionId).toArray(),
        db.checklists.where('jurisdictionId').equals(jurisdictionId).toArray(),
      ]);
      return { jurisdiction, providers, routes, checklists, release };
    });
  }
}
