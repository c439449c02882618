import type { ReferralUrgency } from '../case/model';
import type { AdaptedStep } from '../route-engine/types';

/** Why a step suggests its urgency; the form explains the suggestion with it. */
export type UrgencyReason = 'danger' | 'health_deadline' | 'child' | 'early_stage' | 'later_stage';

/** Stages that come after a person is safe and referred: nothing there is a same-day matter by default. */
const LATER_STAGES = new Set(['investigation', 'reintegration', 'follow_up']);

/**
 * The urgency a referral from this step starts with (the worker can change it):
 * - immediate for danger (an emergency step, or one for immediate danger), for health care with
 *   a deadline (post-exposure prophylaxis, emergency contraception: hours count), and for a
 *   child's protection before the investigation (the routes say "immediately" for these);
 * - within 24 hours for the other steps up to the referral stage (the routes say "the same day");
 * - routine for investigation, reintegration and follow-up.
 */
export function suggestedUrgency(step: AdaptedStep): { urgency: ReferralUrgency; reason: UrgencyReason } {
  const required = step.step?.conditions?.all ?? [];
  if (step.safeguard === 'emergency' || required.includes('immediate_danger')) {
    return { urgency: 'immediate', reason: 'danger' };
  }
  if (
    step.safeguard === 'sexual_violence_care' ||
    step.deadlines.length > 0 ||
    required.includes('sexual_violence_72h')
  ) {
    return { urgency: 'immediate', reason: 'health_deadline' };
  }
  const later = LATER_STAGES.has(step.stageKind);
  if (step.safeguard === 'child_protection' || (required.includes('child') && !later)) {
    return { urgency: 'immediate', reason: 'child' };
  }
  return later ? { urgency: 'routine', reason: 'later_stage' } : { urgency: 'within_24h', reason: 'early_stage' };
}
