import { newCaseCode } from '../../core/case/case-code';
import { type CaseFile, NOTHING_KNOWN_YET, type Referral } from '../../core/case/model';
import type { Vault } from '../protection/vault';

/** A new case starts knowing nothing: every decision point unanswered, no name, no identifier. */
export async function createCase(
  vault: Vault,
  { jurisdictionId, routeId }: { jurisdictionId: string; routeId: string },
): Promise<CaseFile> {
  const now = new Date().toISOString();
  const file: CaseFile = {
    id: crypto.randomUUID(),
    caseCode: newCaseCode((size) => crypto.getRandomValues(new Uint8Array(size))),
    jurisdictionId,
    routeId,
    createdAt: now,
    updatedAt: now,
    answers: { ...NOTHING_KNOWN_YET },
    screenings: [],
    notes: '',
  };
  await vault.seal('case', file.id, file);
  return file;
}

export async function saveCase(vault: Vault, file: CaseFile): Promise<void> {
  await vault.seal('case', file.id, { ...file, updatedAt: new Date().toISOString() });
}

export async function saveReferral(vault: Vault, referral: Referral): Promise<void> {
  await vault.seal('referral', referral.id, referral);
}
