import type { CaseFile, ProviderSnapshot, Referral, ReferralUrgency } from '../case/model';
import type { ActionRoute } from '../handbook/schema';
import type { ProviderBody } from '../release/records';
import type { AdaptedRoute, AdaptedStep } from '../route-engine/types';
import { consentRule } from './consent';

/** A copy of what the worker saw of the provider, so the referral survives a release that removes it. */
export function providerSnapshot(provider: ProviderBody): ProviderSnapshot {
  const display = (number: string) => provider.phoneDisplay[number] ?? number;
  const address = provider.address
    ? [provider.address.address_1, provider.address.address_2, provider.address.city, provider.address.state_province]
        .filter(Boolean)
        .join(', ')
    : undefined;
  return {
    id: provider.id,
    name: provider.name,
    phones: provider.phones.map((phone) => ({ number: phone.number, display: display(phone.number) })),
    ...(provider.whatsapp && { whatsapp: provider.whatsapp }),
    ...(address && { address }),
  };
}

export interface ReferralRequest {
  /** A fresh id (the caller draws it: core has no randomness of its own). */
  id: string;
  /** Only the case's code and keys are read: its answers, screenings and notes never reach a referral. */
  caseFile: Pick<CaseFile, 'id' | 'caseCode' | 'jurisdictionId' | 'routeId'>;
  route: ActionRoute;
  adapted: AdaptedRoute;
  step: AdaptedStep;
  provider: ProviderBody;
  /** True only when the worker recorded that the person agreed to this referral. */
  personAgreed: boolean;
  urgency: ReferralUrgency;
  notes: string;
  now: Date;
}

/** Thrown when a referral would be made without the consent the rules require. */
export class ConsentMissingError extends Error {
  constructor() {
    super('The person has not agreed to this referral: no consent, no referral');
    this.name = 'ConsentMissingError';
  }
}

/**
 * A new referral, as a draft: it becomes "sent" when the worker shares or hands over the slip.
 * No consent, no referral — unless the route makes referral of this child mandatory.
 */
export function referralFor(request: ReferralRequest): Referral {
  const { caseFile, route, adapted, step, now } = request;
  const rule = consentRule(route, adapted.facts);
  if (rule === 'person_must_agree' && !request.personAgreed) throw new ConsentMissingError();
  const at = now.toISOString();
  return {
    id: request.id,
    caseId: caseFile.id,
    caseCode: caseFile.caseCode,
    jurisdictionId: caseFile.jurisdictionId,
    routeId: caseFile.routeId,
    stepId: step.stepId,
    stepTitle: step.step ? step.step.title : null,
    safeguard: step.safeguard,
    stageKind: step.stageKind,
    provider: providerSnapshot(request.provider),
    consent: rule === 'mandatory_child' ? 'mandatory_child' : 'given',
    urgency: request.urgency,
    // The step's own deadlines only: the receiving provider needs the ones its service is for.
    deadlines: adapted.deadlines
      .filter((deadline) => step.deadlines.includes(deadline.kind))
      .map((deadline) => ({ kind: deadline.kind, dueAt: deadline.dueAt })),
    status: 'draft',
    statusHistory: [{ status: 'draft', at }],
    createdAt: at,
    notes: request.notes,
  };
}
