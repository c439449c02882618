import { useCallback } from 'react';
import type { Referral, ReferralStatus } from '../../../../core/case/model';
import { moveReferral } from '../../../../core/referral/status';
import { saveReferral } from '../../../cases/case-store';
import { useHandbookStore } from '../../../handbook/hooks';
import { useVault } from '../../../protection/ProtectionProvider';
import { countReferral } from '../../../sync/aggregates';

/**
 * Moves a referral to a new status and seals it again. Reaching "sent" is when a referral
 * counts in the anonymous aggregates (a draft never shared is not a referral made); the count
 * does nothing where the deployment has aggregates off.
 */
export function useMoveReferral(): (referral: Referral, to: ReferralStatus) => Promise<Referral> {
  const vault = useVault();
  const { db } = useHandbookStore();
  return useCallback(
    async (referral, to) => {
      const at = new Date();
      const moved = moveReferral(referral, to, at);
      await saveReferral(vault, moved);
      if (to === 'sent' && db) {
        // A count is a by-product: failing to count must never undo or hide the referral's move.
        await countReferral(db, { jurisdictionId: moved.jurisdictionId, stageKind: moved.stageKind, at }).catch(
          (error: unknown) => console.error('The referral could not be counted', error),
        );
      }
      return moved;
    },
    [vault, db],
  );
}
