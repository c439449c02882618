import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseFile, ReferralStatus } from '../../../src/core/case/model';
import { REFERRAL_STATUSES } from '../../../src/core/case/model';
import type { ActionRoute, CaseFact, RouteStep } from '../../../src/core/handbook/schema';
import { consentRule, routeMakesChildReferralMandatory } from '../../../src/core/referral/consent';
import { ConsentMissingError, referralFor } from '../../../src/core/referral/referral';
import { allowedMoves, canMove, moveReferral } from '../../../src/core/referral/status';
import { suggestedUrgency } from '../../../src/core/referral/urgency';
import type { RecordHandbook } from '../../../src/core/release/records';
import { adaptRoute } from '../../../src/core/route-engine/adapt-route';
import type { AdaptedStep } from '../../../src/core/route-engine/types';
import { ADULT_ANSWERS, SAMPLE_JURISDICTIONS, sampleRelease, UNKNOWN_ANSWERS } from './referral-support';

const NOW = new Date('2026-11-23T15:00:00Z');
const releases = new Map<string, RecordHandbook>(
  await Promise.all(SAMPLE_JURISDICTIONS.map(async (id) => [id, await sampleRelease(id)] as const)),
);
const honduras = releases.get('hn-ocotepeque') as RecordHandbook;
const hondurasRoute = honduras.routes[0] as ActionRoute;

function caseFile(overrides: Partial<CaseFile> = {}): CaseFile {
  return {
    id: 'case-1',
    caseCode: 'RT-7KQ2-9F4M',
    jurisdictionId: honduras.jurisdiction.id,
    routeId: hondurasRoute.id,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    answers: ADULT_ANSWERS,
    screenings: [],
    notes: '',
    ...overrides,
  };
}

function adapt(file: CaseFile, release = honduras) {
  return adaptRoute({
    route: release.routes[0] as ActionRoute,
    providers: release.providers,
    answers: file.answers,
    now: NOW,
    timeZone: release.jurisdiction.timeZone,
  });
}

function stepWithProvider(steps: AdaptedStep[], stepId?: string): AdaptedStep {
  const step = steps.find((s) => (stepId ? s.stepId === stepId : s.providers.length > 0));
  if (!step) throw new Error(`no step ${stepId ?? 'with a provider'}`);
  return step;
}

function refer(file: CaseFile, options: { stepId?: string; personAgreed?: boolean; release?: RecordHandbook } = {}) {
  const release = options.release ?? honduras;
  const adapted = adapt(file, release);
  const step = stepWithProvider(adapted.steps, options.stepId);
  const providerId = step.providers[0]?.providerId;
  const provider = release.providers.find((p) => p.id === providerId);
  if (!provider) throw new Error('the step has no provider');
  return referralFor({
    id: 'referral-1',
    caseFile: file,
    route: release.routes[0] as ActionRoute,
    adapted,
    step,
    provider,
    personAgreed: options.personAgreed ?? false,
    urgency: suggestedUrgency(step).urgency,
    notes: '',
    now: NOW,
  });
}

describe('consent before a referral', () => {
  it.each(SAMPLE_JURISDICTIONS)('%s: the route makes referral of a child mandatory', (id) => {
    const route = releases.get(id)?.routes[0] as ActionRoute;
    expect(routeMakesChildReferralMandatory(route)).toBe(true);
    expect(consentRule(route, ['child'])).toBe('mandatory_child');
    expect(consentRule(route, ['consent'])).toBe('person_must_agree');
  });

  it('a person whose age is not known is presumed a child: the notice replaces the question', () => {
    const file = caseFile({ answers: UNKNOWN_ANSWERS });
    expect(consentRule(hondurasRoute, adapt(file).facts)).toBe('mandatory_child');
    expect(refer(file, { personAgreed: false }).consent).toBe('mandatory_child');
  });

  it('a route that does not make it mandatory asks a child for consent too', () => {
    const withoutDuty: ActionRoute = {
      ...hondurasRoute,
      stages: hondurasRoute.stages.map((stage) => ({
        ...stage,
        steps: stage.steps.filter((step) => !(stage.kind === 'referral' && step.conditions?.all.includes('child'))),
      })),
    };
    expect(routeMakesChildReferralMandatory(withoutDuty)).toBe(false);
    expect(consentRule(withoutDuty, ['child'])).toBe('person_must_agree');
  });

  it('a child step that itself waits for consent does not make referral mandatory', () => {
    const route: ActionRoute = {
      ...hondurasRoute,
      stages: [
        {
          id: 'referral',
          kind: 'referral',
          title: { es: 'Derivación', en: 'Referral' },
          steps: [
            {
              id: 'child-with-consent',
              title: { es: 'Niñez', en: 'Children' },
              action: { es: 'Derive', en: 'Refer' },
              responsible: [],
              conditions: { all: ['child', 'consent'], none: [] },
            },
          ],
        },
      ],
    };
    expect(routeMakesChildReferralMandatory(route)).toBe(false);
  });

  it('no consent, no referral: an adult who has not agreed cannot be referred', () => {
    expect(() => refer(caseFile(), { personAgreed: false })).toThrow(ConsentMissingError);
    expect(refer(caseFile(), { personAgreed: true }).consent).toBe('given');
  });
});

describe('a new referral', () => {
  it('starts as a draft, identified by the case code only', () => {
    const referral = refer(caseFile({ notes: 'met at the bus station', personLanguage: 'ht' }), { personAgreed: true });
    expect(referral.status).toBe('draft');
    expect(referral.statusHistory).toEqual([{ status: 'draft', at: NOW.toISOString() }]);
    expect(referral.caseCode).toBe('RT-7KQ2-9F4M');
    expect(referral.createdAt).toBe(NOW.toISOString());
    expect(referral.notes).toBe('');
    expect(JSON.stringify(referral)).not.toContain('bus station');
  });

  it.each(SAMPLE_JURISDICTIONS)(
    '%s: keeps a copy of the provider as shown: name, dialable phones, one-line address',
    (id) => {
      const release = releases.get(id) as RecordHandbook;
      const withPhone = release.providers.find((p) => p.phones.length > 0 && p.address);
      if (!withPhone) throw new Error('a sample provider with phones and an address');
      const adapted = adapt(caseFile({ jurisdictionId: id }), release);
      const step = adapted.steps[0] as AdaptedStep;
      const referral = referralFor({
        id: 'r',
        caseFile: caseFile({ jurisdictionId: id }),
        route: release.routes[0] as ActionRoute,
        adapted,
        step,
        provider: withPhone,
        personAgreed: true,
        urgency: 'within_24h',
        notes: '',
        now: NOW,
      });
      expect(referral.provider.name).toEqual(withPhone.name);
      expect(referral.provider.phones).toEqual(
        withPhone.phones.map((p) => ({ number: p.number, display: withPhone.phoneDisplay[p.number] })),
      );
      expect(referral.provider.address).toContain(withPhone.address?.address_1);
      expect(referral.provider.address).toContain(withPhone.address?.city);
      expect(referral.provider.address).not.toContain('\n');
      expect(referral.provider.whatsapp).toBe(withPhone.whatsapp);
    },
  );

  it('after recent sexual violence, health care carries its deadlines; other steps do not', () => {
    const incidentAt = new Date(NOW.getTime() - 10 * 3_600_000).toISOString();
    const file = caseFile({ answers: { ...ADULT_ANSWERS, sexualViolence: 'yes', incidentAt } });
    const adapted = adapt(file);
    const health = adapted.steps.find((s) => s.deadlines.length > 0 && s.providers.length > 0) as AdaptedStep;
    const healthReferral = refer(file, { stepId: health.stepId, personAgreed: true });
    expect(healthReferral.deadlines).toEqual([
      { kind: 'hiv_pep', dueAt: new Date(Date.parse(incidentAt) + 72 * 3_600_000).toISOString() },
      { kind: 'emergency_contraception', dueAt: new Date(Date.parse(incidentAt) + 120 * 3_600_000).toISOString() },
    ]);
    expect(healthReferral.urgency).toBe('immediate');
    const other = adapted.steps.find((s) => s.deadlines.length === 0 && s.providers.length > 0) as AdaptedStep;
    expect(refer(file, { stepId: other.stepId, personAgreed: true }).deadlines).toEqual([]);
  });
});

describe('suggested urgency', () => {
  const base: AdaptedStep = {
    stageId: 's',
    stageKind: 'referral',
    stageTitle: { es: 'Derivación', en: 'Referral' },
    stepId: 'x',
    step: null,
    safeguard: null,
    deadlines: [],
    providers: [],
  };
  const routeStep = (all: CaseFact[]): RouteStep => ({
    id: 'x',
    title: { es: 'Paso', en: 'Step' },
    action: { es: 'Haga', en: 'Do' },
    responsible: [],
    conditions: { all, none: [] },
  });

  it('is immediate for danger, health care with a time limit and a child’s protection', () => {
    expect(suggestedUrgency({ ...base, safeguard: 'emergency' })).toEqual({ urgency: 'immediate', reason: 'danger' });
    expect(suggestedUrgency({ ...base, step: routeStep(['immediate_danger']) }).urgency).toBe('immediate');
    expect(suggestedUrgency({ ...base, safeguard: 'sexual_violence_care' }).reason).toBe('health_deadline');
    expect(suggestedUrgency({ ...base, deadlines: ['hiv_pep'] }).reason).toBe('health_deadline');
    expect(suggestedUrgency({ ...base, safeguard: 'child_protection' }).reason).toBe('child');
    expect(suggestedUrgency({ ...base, step: routeStep(['child']) }).reason).toBe('child');
  });

  it('is within 24 hours up to the referral stage, routine after it', () => {
    expect(suggestedUrgency({ ...base, stageKind: 'immediate_assistance' }).urgency).toBe('within_24h');
    expect(suggestedUrgency({ ...base, stageKind: 'referral' }).urgency).toBe('within_24h');
    expect(suggestedUrgency({ ...base, stageKind: 'follow_up' }).urgency).toBe('routine');
    // A child's family reunification is not a same-hour matter.
    expect(suggestedUrgency({ ...base, stageKind: 'reintegration', step: routeStep(['child']) }).urgency).toBe(
      'routine',
    );
  });

  it('is immediate for every step with a deadline, whatever its stage', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(['identification', 'protection', 'investigation', 'follow_up'] as const)),
        fc.subarray(['hiv_pep', 'emergency_contraception'] as const, { minLength: 1 }),
        (stageKind, deadlines) => {
          expect(suggestedUrgency({ ...base, stageKind, deadlines: [...deadlines] }).urgency).toBe('immediate');
        },
      ),
    );
  });
});

describe('referral status', () => {
  const draft = refer(caseFile(), { personAgreed: true });

  it('goes draft → sent → received → attended, each move in the history', () => {
    const sent = moveReferral(draft, 'sent', new Date('2026-11-23T15:05:00Z'));
    const received = moveReferral(sent, 'received', new Date('2026-11-23T16:00:00Z'));
    const attended = moveReferral(received, 'attended', new Date('2026-11-24T10:00:00Z'));
    expect(attended.status).toBe('attended');
    expect(attended.statusHistory.map((h) => h.status)).toEqual(['draft', 'sent', 'received', 'attended']);
    expect(attended.statusHistory.at(-1)?.at).toBe('2026-11-24T10:00:00.000Z');
    expect(draft.status).toBe('draft');
  });

  it('refuses to skip sending, to go back, or to reopen a draft', () => {
    expect(() => moveReferral(draft, 'received', NOW)).toThrow();
    expect(() => moveReferral(draft, 'attended', NOW)).toThrow();
    const sent = moveReferral(draft, 'sent', NOW);
    expect(() => moveReferral(sent, 'draft', NOW)).toThrow();
    expect(() => moveReferral(sent, 'sent', NOW)).toThrow();
    expect(canMove('received', 'sent')).toBe(false);
  });

  it('lets an outcome be corrected: a person not attended may come back the next day', () => {
    const notAttended = moveReferral(moveReferral(draft, 'sent', NOW), 'not_attended', NOW);
    expect(moveReferral(notAttended, 'attended', NOW).statusHistory.map((h) => h.status)).toEqual([
      'draft',
      'sent',
      'not_attended',
      'attended',
    ]);
  });

  it('for any sequence of moves: the status is the last in the history, and it never goes back to draft or sent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<ReferralStatus>(...REFERRAL_STATUSES), { maxLength: 12 }), (attempts) => {
        let referral = draft;
        for (const to of attempts) {
          const before = referral;
          if (allowedMoves(referral.status).includes(to)) referral = moveReferral(referral, to, NOW);
          else expect(() => moveReferral(referral, to, NOW)).toThrow();
          expect(referral.statusHistory.length - before.statusHistory.length).toBe(before === referral ? 0 : 1);
        }
        expect(referral.status).toBe(referral.statusHistory.at(-1)?.status);
        const statuses = referral.statusHistory.map((h) => h.status);
        expect(statuses.filter((s) => s === 'draft')).toHaveLength(1);
        expect(statuses.filter((s) => s === 'sent').length).toBeLessThanOrEqual(1);
        expect(statuses[0]).toBe('draft');
      }),
    );
  });
});
