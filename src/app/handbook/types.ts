import type { ActionRoute, Checklist } from '../../core/handbook/schema';
import type { JurisdictionBody, ProviderBody } from '../../core/release/records';
import type { InstalledRelease } from '../db/database';

/** Everything the field screens show for one jurisdiction, as its release delivered it. */
export interface JurisdictionHandbook {
  jurisdiction: JurisdictionBody;
  providers: ProviderBody[];
  routes: ActionRoute[];
  checklists: Checklist[];
  release: InstalledRelease;
}

/** Where the field screens read handbooks from: the device database, or memory when it fails. */
export interface HandbookStore {
  jurisdictions(): Promise<JurisdictionBody[]>;
  /** null when the device holds no such jurisdiction. */
  handbook(jurisdictionId: string): Promise<JurisdictionHandbook | null>;
  releases(): Promise<InstalledRelease[]>;
  setting<T>(key: SettingKey): Promise<T | undefined>;
  saveSetting(key: SettingKey, value: unknown): Promise<void>;
}

export type SettingKey = 'lastJurisdictionId' | 'persistenceRequested' | 'deviceId';

/** Why the device database could not be used. */
export type StorageProblem = 'unavailable' | 'quota';
