import type { Referral, ReferralStatus } from '../case/model';

/**
 * Where a referral may go from each status. It only moves forward (draft → sent → received →
 * attended | not attended), and a worker who learns the outcome before the provider confirmed
 * receipt may record it straight from "sent". The two outcomes may be corrected into each other:
 * a person not attended may come back the next day, and a wrong tap must not be final. Every
 * move stays in the history, so a correction never hides what was recorded before.
 */
const MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  draft: ['sent'],
  sent: ['received', 'attended', 'not_attended'],
  received: ['attended', 'not_attended'],
  attended: ['not_attended'],
  not_attended: ['attended'],
};

export function allowedMoves(status: ReferralStatus): readonly ReferralStatus[] {
  return MOVES[status];
}

export function canMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return MOVES[from].includes(to);
}

/** The referral in its new status, the move added to its history; refuses a move the rules above forbid. */
export function moveReferral(referral: Referral, to: ReferralStatus, at: Date): Referral {
  if (!canMove(referral.status, to)) {
    throw new Error(`A referral cannot move from "${referral.status}" to "${to}"`);
  }
  const moved = { status: to, at: at.toISOString() };
  return { ...referral, status: to, statusHistory: [...referral.statusHistory, moved] };
}
