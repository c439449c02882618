import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { CaseFile, Referral } from '../../core/case/model';
import type { SealedKind, SealedRecord } from '../db/database';
import { useHandbookStore } from '../handbook/hooks';
import { useVault } from '../protection/ProtectionProvider';

/**
 * Sealed rows are watched live (Dexie), then opened outside the query: decryption is not a
 * Dexie operation and must not run inside a live query's zone. While changed rows are opened
 * again, the values opened before stay on screen: a save never flashes "loading".
 */
function useOpenedRows<T>(rows: SealedRecord[] | undefined): T[] | undefined {
  const vault = useVault();
  const [opened, setOpened] = useState<T[]>();
  useEffect(() => {
    if (!rows) return;
    let current = true;
    Promise.all(rows.map((row) => vault.openRow<T>(row))).then(
      (values) => current && setOpened(values),
      (error) => console.error('A sealed record could not be opened', error),
    );
    return () => {
      current = false;
    };
  }, [rows, vault]);
  return opened;
}

function useSealedRows(kind: SealedKind, id?: string): SealedRecord[] | undefined {
  const { db } = useHandbookStore();
  return useLiveQuery(async () => {
    if (!db) return [];
    if (id === undefined) return db.sealed.where('kind').equals(kind).toArray();
    const row = await db.sealed.get([kind, id]);
    return row ? [row] : [];
  }, [db, kind, id]);
}

function useOne<T extends { id: string }>(kind: SealedKind, id: string): T | null | undefined {
  const rows = useSealedRows(kind, id);
  const values = useOpenedRows<T>(rows);
  if (rows === undefined || values === undefined) return undefined;
  if (rows.length === 0) return null;
  return values[0]?.id === id ? values[0] : undefined;
}

/** A case on this device; undefined while loading, null when there is none with that id. */
export function useCaseFile(id: string): CaseFile | null | undefined {
  return useOne<CaseFile>('case', id);
}

/** This jurisdiction's cases, most recently changed first. */
export function useCaseFiles(jurisdictionId: string): CaseFile[] | undefined {
  return useOpenedRows<CaseFile>(useSealedRows('case'))
    ?.filter((file) => file.jurisdictionId === jurisdictionId)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function useReferral(id: string): Referral | null | undefined {
  return useOne<Referral>('referral', id);
}

/** This jurisdiction's referrals, newest first. */
export function useReferrals(jurisdictionId: string): Referral[] | undefined {
  return useOpenedRows<Referral>(useSealedRows('referral'))
    ?.filter((referral) => referral.jurisdictionId === jurisdictionId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
