import { useCallback, useEffect, useState } from 'react';
import {
  consolePaths,
  type Draft,
  DraftConflictSchema,
  type DraftKind,
  type DraftRecord,
  DraftRecordSchema,
  DraftSchema,
} from '../../core/console/protocol';
import { ConsoleApiError, consoleRequest } from './api';

export type SaveOutcome =
  | { status: 'saved'; record: DraftRecord }
  /** Someone saved the record since this edit started: both versions, nothing overwritten. */
  | { status: 'conflict'; yours: Record<string, unknown>; theirs: DraftRecord | null };

export type DraftRecordTarget = { kind: DraftKind; id: string } | { kind: 'jurisdiction' };

export function draftRecordPath(jurisdictionId: string, target: DraftRecordTarget): string {
  const paths = consolePaths.jurisdiction(jurisdictionId);
  return target.kind === 'jurisdiction' ? paths.draftJurisdiction : paths.draftRecord(target.kind, target.id);
}

/** Saves one record of a draft from the revision the edit started at. */
export async function saveDraftRecord(
  jurisdictionId: string,
  target: DraftRecordTarget,
  edit: { body: Record<string, unknown>; baseRevision: number | null; archived?: boolean },
): Promise<SaveOutcome> {
  try {
    const record = await consoleRequest('PUT', draftRecordPath(jurisdictionId, target), DraftRecordSchema, edit);
    return { status: 'saved', record };
  } catch (error) {
    if (error instanceof ConsoleApiError && error.status === 409) {
      const conflict = DraftConflictSchema.safeParse(error.body);
      if (conflict.success) return { status: 'conflict', yours: conflict.data.yours, theirs: conflict.data.theirs };
    }
    throw error;
  }
}

export interface DraftState {
  draft: Draft | undefined;
  /** The refusal or connection problem of the last load. */
  error: Error | undefined;
  reload(): Promise<void>;
}

/** A jurisdiction's draft as the server holds it; screens reload it after saving. */
export function useDraft(jurisdictionId: string): DraftState {
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<Error>();
  const reload = useCallback(async () => {
    try {
      setDraft(await consoleRequest('GET', consolePaths.jurisdiction(jurisdictionId).draft, DraftSchema));
      setError(undefined);
    } catch (problem) {
      setError(problem as Error);
    }
  }, [jurisdictionId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { draft, error, reload };
}

/** The records of one kind in a draft, by id, e.g. every provider. */
export function draftRecordsOf(draft: Draft, kind: 'provider' | 'route' | 'checklist'): DraftRecord[] {
  return draft.records.filter((record) => record.key.startsWith(`${kind}/`));
}
