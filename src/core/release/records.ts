import type { ActionRoute, Checklist, Jurisdiction, LocalizedText, Provider } from '../handbook/schema';
import { canonicalJson, sha256Hex } from './hashing';

/**
 * Which devices a release is for: every device gets the public variant; devices enrolled in
 * the jurisdiction get the enrolled one, which also holds restricted providers (shelters,
 * safe houses) and the route steps' references to them.
 */
export type ReleaseVariant = 'public' | 'enrolled';
export const RELEASE_VARIANTS: readonly ReleaseVariant[] = ['public', 'enrolled'];

/** E.164 → how a worker in the jurisdiction's country dials it, formatted when the release is made. */
export type PhoneDisplay = Record<string, string>;

export type JurisdictionBody = Jurisdiction & { phoneDisplay: PhoneDisplay };
export type ProviderBody = Provider & { phoneDisplay: PhoneDisplay };

/**
 * One record of a release, the unit that is hashed, compared and transferred: a provider
 * whose phone changed travels alone. Keys are `jurisdiction`, `provider/<id>`,
 * `route/<id>` and `checklist/<id>`.
 */
export type HandbookRecord =
  | { key: 'jurisdiction'; body: JurisdictionBody }
  | { key: `provider/${string}`; body: ProviderBody }
  | { key: `route/${string}`; body: ActionRoute }
  | { key: `checklist/${string}`; body: Checklist };

export type RecordKind = 'jurisdiction' | 'provider' | 'route' | 'checklist';
export const RECORD_KEY_PATTERN = /^(jurisdiction|(provider|route|checklist)\/[a-z0-9][a-z0-9-]*)$/;

export function parseRecordKey(key: string): { kind: RecordKind; id?: string } {
  const [kind, id] = key.split('/', 2) as [RecordKind, string | undefined];
  return id === undefined ? { kind } : { kind, id };
}

/** The handbook a set of records makes up, each list in key order. */
export interface RecordHandbook {
  jurisdiction: JurisdictionBody;
  providers: ProviderBody[];
  routes: ActionRoute[];
  checklists: Checklist[];
}

export function handbookFromRecords(records: readonly HandbookRecord[]): RecordHandbook {
  const sorted = [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const jurisdiction = sorted.find((r) => r.key === 'jurisdiction')?.body as JurisdictionBody | undefined;
  if (!jurisdiction) throw new Error('A release without its jurisdiction record');
  const ofKind = <T>(kind: RecordKind) =>
    sorted.filter((r) => parseRecordKey(r.key).kind === kind).map((r) => r.body as T);
  return {
    jurisdiction,
    providers: ofKind<ProviderBody>('provider'),
    routes: ofKind<ActionRoute>('route'),
    checklists: ofKind<Checklist>('checklist'),
  };
}

export function recordHash(body: unknown): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

/** key → record hash, for every record of a release. */
export type RecordHashes = Record<string, string>;

export async function recordHashes(records: readonly HandbookRecord[]): Promise<RecordHashes> {
  const hashes = await Promise.all(records.map((r) => recordHash(r.body)));
  return Object.fromEntries(records.map((r, i) => [r.key, hashes[i] as string]));
}

/**
 * One hash over a whole jurisdiction: what a release's signature covers, and what a device
 * recomputes after applying changes to prove it holds exactly the published content.
 */
export function stateHash(hashes: RecordHashes): Promise<string> {
  const lines = Object.keys(hashes)
    .sort()
    .map((key) => `${key} ${hashes[key]}\n`)
    .join('');
  return sha256Hex(lines);
}

/** The name a person recognises a record by, where it has one. */
export function recordName(record: HandbookRecord): LocalizedText | undefined {
  const body = record.body as { name?: LocalizedText; title?: LocalizedText };
  return body.name ?? body.title;
}
