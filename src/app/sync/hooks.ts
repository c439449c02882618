import { useLiveQuery } from 'dexie-react-hooks';
import type { Enrolment, OutboxEntry, SyncState } from '../db/database';
import { useHandbookStore } from '../handbook/hooks';

/**
 * How the device last synced a jurisdiction; undefined while loading or when there is no
 * device database (the in-memory fallback never syncs).
 */
export function useSyncState(jurisdictionId: string): SyncState | undefined {
  const { db } = useHandbookStore();
  return useLiveQuery(() => db?.syncStates.get(jurisdictionId), [db, jurisdictionId]);
}

export function useEnrolments(): Enrolment[] | undefined {
  const { db } = useHandbookStore();
  return useLiveQuery(async () => (db ? db.enrolments.toArray() : undefined), [db]);
}

/** Field reports not delivered yet (waiting or refused), oldest first; those of one jurisdiction when given. */
export function useOutbox(jurisdictionId?: string): OutboxEntry[] | undefined {
  const { db } = useHandbookStore();
  return useLiveQuery(async () => {
    const entries = await db?.outbox.orderBy('queuedAt').toArray();
    return jurisdictionId ? entries?.filter((e) => e.report.jurisdictionId === jurisdictionId) : entries;
  }, [db, jurisdictionId]);
}
