import type { LocalizedText } from '../handbook/schema';
import { canonicalJson } from './hashing';
import { type HandbookRecord, parseRecordKey, type RecordKind, recordName } from './records';

/** One line of a release's changelog: "Casa Refugio: phones changed". */
export interface RecordChange {
  key: string;
  kind: RecordKind;
  change: 'added' | 'removed' | 'changed';
  name?: LocalizedText;
  /** For a changed record, the top-level fields that differ, e.g. `phones`, `schedules`. */
  fields: string[];
}

/** Formatting derived from other fields: a changed phone is reported once, as `phones`. */
const DERIVED_FIELDS = new Set(['phoneDisplay']);

function changedFields(before: object, after: object): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((field) => !DERIVED_FIELDS.has(field))
    .filter(
      (field) =>
        canonicalJson((before as Record<string, unknown>)[field]) !==
        canonicalJson((after as Record<string, unknown>)[field]),
    )
    .sort();
}

/** What differs between two sets of records: added, removed, and which fields changed, in key order. */
export function describeChanges(
  before: ReadonlyMap<string, HandbookRecord>,
  after: ReadonlyMap<string, HandbookRecord>,
): RecordChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: RecordChange[] = [];
  for (const key of keys) {
    const old = before.get(key);
    const now = after.get(key);
    const { kind } = parseRecordKey(key);
    const record = (now ?? old) as HandbookRecord;
    const name = recordName(record);
    if (!old) changes.push({ key, kind, change: 'added', ...(name && { name }), fields: [] });
    else if (!now) changes.push({ key, kind, change: 'removed', ...(name && { name }), fields: [] });
    else {
      const fields = changedFields(old.body, now.body);
      if (fields.length > 0) changes.push({ key, kind, change: 'changed', ...(name && { name }), fields });
    }
  }
  return changes;
}

export function recordsByKey(records: readonly HandbookRecord[]): Map<string, HandbookRecord> {
  return new Map(records.map((record) => [record.key, record]));
}
