import Dexie, { type EntityTable } from 'dexie';
import type { ActionRoute, Checklist, Jurisdiction, Provider } from '../../core/handbook/schema';

type OfJurisdiction<T> = T & { jurisdictionId: string };
export type ProviderRecord = OfJurisdiction<Provider>;
export type ActionRouteRecord = OfJurisdiction<ActionRoute>;
export type ChecklistRecord = OfJurisdiction<Checklist>;

/** The release a device holds for a jurisdiction. */
export interface InstalledRelease {
  jurisdictionId: string;
  number: number;
  contentHash: string;
  publishedAt: string;
  installedAt: string;
  /** E.164 → how the number is written in the jurisdiction's country. */
  phoneDisplay: Record<string, string>;
}

export interface Setting {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'rutas';

/**
 * The device database. Every schema change is a new `version()` with an upgrade
 * function where data must move; earlier versions stay declared so old devices upgrade.
 */
export class RutasDatabase extends Dexie {
  jurisdictions!: EntityTable<Jurisdiction, 'id'>;
  providers!: Dexie.Table<ProviderRecord, [string, string]>;
  routes!: Dexie.Table<ActionRouteRecord, [string, string]>;
  checklists!: Dexie.Table<ChecklistRecord, [string, string]>;
  releases!: EntityTable<InstalledRelease, 'jurisdictionId'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      jurisdictions: 'id',
      providers: '[jurisdictionId+id], jurisdictionId',
      routes: '[jurisdictionId+id], jurisdictionId',
      checklists: '[jurisdictionId+id], jurisdictionId',
      releases: 'jurisdictionId',
      settings: 'key',
    });
  }
}
