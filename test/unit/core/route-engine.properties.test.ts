import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaseAnswers, FACT_ANSWERS } from '../../../src/core/case/model';
import { distanceKm } from '../../../src/core/geo/distance';
import type { ActionRoute, CaseFact, RouteStep, Schedule, ServiceType } from '../../../src/core/handbook/schema';
import { CASE_FACTS, POPULATIONS, ROUTE_STAGE_KINDS, SERVICE_TYPES } from '../../../src/core/handbook/taxonomy';
import { adaptRoute, MAX_SUGGESTED_PROVIDERS } from '../../../src/core/route-engine/adapt-route';
import type { AdaptedRoute, AdaptedStep, RoutableProvider, RouteCase } from '../../../src/core/route-engine/types';
import { isOpenAt } from '../../../src/core/schedule/open-now';

const HOUR = 3_600_000;
const PROVIDER_IDS = Array.from({ length: 40 }, (_, i) => `p${String(i).padStart(2, '0')}`);
const LANGUAGES = ['es', 'en', 'fr', 'ht', 'miq'];
const WEEKDAYS: Schedule['byday'] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const text = (es: string) => ({ es, en: es });
/** Any value, the decision points' own (child, danger, sexual violence and their services) more often. */
const oftenDecisionPoint = <T>(all: readonly T[], decisive: readonly NoInfer<T>[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constantFrom(...all), weight: 2 }, { arbitrary: fc.constantFrom(...decisive), weight: 1 });

// ---- Arbitraries: routes with random conditions, providers, cases -------------------------

const time = fc
  .integer({ min: 0, max: 95 })
  .map(
    (quarter) => `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`,
  );
const schedule: fc.Arbitrary<Schedule> = fc
  .record({
    byday: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }),
    opens_at: time,
    closes_at: fc.oneof(time, fc.constant('24:00')),
  })
  .filter((s) => s.opens_at !== s.closes_at);

const provider: fc.Arbitrary<RoutableProvider> = fc
  .record({
    id: fc.constantFrom(...PROVIDER_IDS),
    services: fc.uniqueArray(
      oftenDecisionPoint(SERVICE_TYPES, ['emergency', 'sexual_violence_care', 'child_protection']),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    populations: fc.uniqueArray(fc.constantFrom(...POPULATIONS), { minLength: 1, maxLength: 3 }),
    languages: fc.uniqueArray(fc.constantFrom(...LANGUAGES), { minLength: 1, maxLength: 2 }),
    schedules: fc.array(schedule, { maxLength: 2 }),
    place: fc.option(
      fc.record({
        latitude: fc.double({ min: 14, max: 15, noNaN: true }),
        longitude: fc.double({ min: -90, max: -89, noNaN: true }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ place, ...rest }) => ({ ...rest, ...place }));
const providers = fc.uniqueArray(provider, { selector: (p) => p.id, maxLength: PROVIDER_IDS.length, size: 'medium' });

const fact = oftenDecisionPoint(CASE_FACTS, ['child', 'immediate_danger', 'sexual_violence_72h']);
const step = fc.record({
  // "gone": a provider the route names but the device does not know.
  responsible: fc.uniqueArray(fc.constantFrom(...PROVIDER_IDS, 'gone'), { maxLength: 3 }),
  conditions: fc.option(
    fc.record({ all: fc.uniqueArray(fact, { maxLength: 2 }), none: fc.uniqueArray(fact, { maxLength: 2 }) }),
    { nil: undefined, freq: 3 },
  ),
});
const route: fc.Arbitrary<ActionRoute> = fc
  .array(
    fc.record({ kind: fc.constantFrom(...ROUTE_STAGE_KINDS), steps: fc.array(step, { minLength: 1, maxLength: 5 }) }),
    { minLength: 1, maxLength: 7 },
  )
  .map((stages) => ({
    id: 'ruta',
    title: text('Ruta'),
    summary: text('Ruta generada'),
    principles: [],
    stages: stages.map((stage, i) => ({
      id: `etapa-${i}`,
      kind: stage.kind,
      title: text(`Etapa ${i}`),
      steps: stage.steps.map(
        (s, j): RouteStep => ({
          id: `paso-${i}-${j}`,
          title: text(`Paso ${i}.${j}`),
          action: text('Actúe'),
          responsible: s.responsible,
          conditions: s.conditions,
        }),
      ),
    })),
  }));

const answer = fc.constantFrom(...FACT_ANSWERS);
const routeCase: fc.Arbitrary<RouteCase> = fc
  .record({
    route,
    providers,
    answers: fc.record({
      child: answer,
      foreignNational: answer,
      sexualViolence: answer,
      immediateDanger: answer,
      lgbtiq: answer,
      disability: answer,
      consent: answer,
      wishesToReport: answer,
    }),
    // Hours before now; negative: a contradictory time in the future.
    incident: fc.oneof(
      fc.constant(null),
      fc.constant('unreadable'),
      fc.integer({ min: -24, max: 24 * 8 }),
      fc.constantFrom(72, 120),
    ),
    now: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
    timeZone: fc.constantFrom('America/Tegucigalpa', 'America/Mexico_City', 'America/Belize', 'UTC'),
    position: fc.option(fc.record({ latitude: fc.constant(14.43), longitude: fc.constant(-89.18) }), {
      nil: undefined,
    }),
    personLanguage: fc.option(fc.constantFrom(...LANGUAGES, 'fr-HT'), { nil: undefined }),
  })
  .map(({ answers, incident, now, ...rest }) => ({
    ...rest,
    now,
    answers: {
      ...answers,
      incidentAt:
        incident === null || incident === 'unreadable'
          ? incident
          : new Date(now.getTime() - incident * HOUR).toISOString(),
    } satisfies CaseAnswers,
  }));

// ---- Oracles: the rules of PRODUCT.md written out plainly ---------------------------------

function expectedFacts({ answers, now }: RouteCase) {
  const facts = new Set<CaseFact>();
  if (answers.child !== 'no') facts.add('child');
  if (answers.foreignNational === 'yes') facts.add('foreign_national');
  if (answers.immediateDanger === 'yes') facts.add('immediate_danger');
  if (answers.lgbtiq === 'yes') facts.add('lgbtiq');
  if (answers.disability === 'yes') facts.add('disability');
  if (answers.consent === 'yes') facts.add('consent');
  if (answers.wishesToReport === 'yes') facts.add('wishes_to_report');
  const incident = answers.incidentAt === null ? Number.NaN : Date.parse(answers.incidentAt);
  const timeKnown = Number.isFinite(incident) && incident <= now.getTime();
  const hoursAgo = (now.getTime() - incident) / HOUR;
  const sexualViolence = answers.sexualViolence === 'yes';
  if (sexualViolence && (!timeKnown || hoursAgo <= 72)) facts.add('sexual_violence_72h');
  return { facts, timeKnown, careWindowOpen: sexualViolence && (!timeKnown || hoursAgo <= 120) };
}

const holds = (s: RouteStep, facts: ReadonlySet<CaseFact>) =>
  (s.conditions?.all ?? []).every((f) => facts.has(f)) && !(s.conditions?.none ?? []).some((f) => facts.has(f));
const requires = (s: RouteStep | null, f: CaseFact) => s?.conditions?.all.includes(f) ?? false;
const isEmergency = (s: AdaptedStep) => s.safeguard === 'emergency' || requires(s.step, 'immediate_danger');
const isHealthCare = (s: AdaptedStep) =>
  s.safeguard === 'sexual_violence_care' || requires(s.step, 'sexual_violence_72h');
const routeSteps = (r: ActionRoute) => r.stages.flatMap((stage) => stage.steps);
const knownResponsible = (s: RouteStep, input: RouteCase) =>
  s.responsible.filter((id) => input.providers.some((p) => p.id === id));
const offers = (input: RouteCase, id: string, service: ServiceType) =>
  input.providers.find((p) => p.id === id)?.services.includes(service) ?? false;

/** A step that protects children: the added safeguard, or a step for children whose responsible provider offers child protection. */
const protectsChildren = (s: AdaptedStep, input: RouteCase) =>
  s.safeguard === 'child_protection' ||
  (requires(s.step, 'child') &&
    knownResponsible(s.step as RouteStep, input).some((id) => offers(input, id, 'child_protection')));

/** The best others for a step, by brute force over every provider. */
function expectedSuggestions(s: AdaptedStep, input: RouteCase): string[] {
  const responsible = s.step ? knownResponsible(s.step, input) : [];
  const care: ServiceType[][] = [];
  if (s.safeguard === 'emergency' || requires(s.step, 'immediate_danger')) care.push(['emergency']);
  if (s.safeguard === 'sexual_violence_care' || requires(s.step, 'sexual_violence_72h')) {
    care.push(['sexual_violence_care', 'health']);
  }
  if (protectsChildren(s, input)) care.push(['child_protection']);
  const needed = new Set([
    ...responsible.flatMap((id) => input.providers.find((p) => p.id === id)?.services ?? []),
    ...care.flat(),
  ]);
  const specialised = new Set(care.map((services) => services[0]));
  const { facts } = expectedFacts(input);
  const wanted = new Set(
    [...facts].map(
      (f) =>
        ({ child: 'children', foreign_national: 'migrants', lgbtiq: 'lgbtiq', disability: 'disability' })[f as string],
    ),
  );
  const language = input.personLanguage?.split('-')[0];
  const key = (p: RoutableProvider) => {
    const open = p.schedules.length === 0 ? 1 : isOpenAt(p.schedules, input.timeZone, input.now) ? 0 : 2;
    const distance =
      input.position && p.latitude !== undefined && p.longitude !== undefined
        ? distanceKm(input.position, { latitude: p.latitude, longitude: p.longitude })
        : Number.POSITIVE_INFINITY;
    return [
      p.services.some((x) => specialised.has(x)) ? 0 : 1,
      p.populations.some((x) => wanted.has(x)) ? 0 : 1,
      !language || p.languages.includes(language) ? 0 : 1,
      open,
      distance,
    ];
  };
  return input.providers
    .filter((p) => !responsible.includes(p.id) && p.services.some((x) => needed.has(x)))
    .map((p) => ({ id: p.id, key: key(p) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const [x, y] = [a.key[i] as number, b.key[i] as number];
        if (x !== y) return x - y;
      }
      return a.id < b.id ? -1 : 1;
    })
    .slice(0, MAX_SUGGESTED_PROVIDERS)
    .map((p) => p.id);
}

const property = (check: (input: RouteCase, result: AdaptedRoute) => void) =>
  fc.assert(
    fc.property(routeCase, (input) => check(input, adaptRoute(input))),
    { numRuns: 200 },
  );

// ---- Properties --------------------------------------------------------------------------

describe('the route engine, over generated routes and cases', () => {
  it('a child case (under 18 or age unknown) always includes a child-protection step', () => {
    property((input, result) => {
      if (input.answers.child === 'no') return;
      const protecting = result.steps.filter((s) => protectsChildren(s, input));
      expect(protecting.length).toBeGreaterThan(0);
      // …and it offers a child protection service whenever the jurisdiction has one.
      if (input.providers.some((p) => p.services.includes('child_protection'))) {
        expect(
          protecting.some((s) => s.providers.some((fit) => offers(input, fit.providerId, 'child_protection'))),
        ).toBe(true);
      }
    });
  });

  it('recent sexual violence (or at an unknown time) always puts health care first — only an emergency step may come before it', () => {
    property((input, result) => {
      const { careWindowOpen, facts } = expectedFacts(input);
      if (!careWindowOpen) {
        expect(result.steps.some((s) => s.safeguard === 'sexual_violence_care')).toBe(false);
        return;
      }
      const firstHealthCare = result.steps.findIndex(isHealthCare);
      expect(firstHealthCare).toBeGreaterThanOrEqual(0);
      expect(result.steps.slice(0, firstHealthCare).every(isEmergency)).toBe(true);
      const firstOther = result.steps.findIndex((s) => !isEmergency(s) && !isHealthCare(s));
      if (firstOther >= 0) expect(result.steps.slice(firstOther).some(isHealthCare)).toBe(false);
      if (!facts.has('immediate_danger')) expect(isHealthCare(result.steps[0] as AdaptedStep)).toBe(true);
      for (const s of result.steps.filter(isHealthCare)) {
        expect(s.deadlines).toEqual(['hiv_pep', 'emergency_contraception']);
      }
    });
  });

  it('immediate danger always puts an emergency step first', () => {
    property((input, result) => {
      if (input.answers.immediateDanger !== 'yes') return;
      expect(isEmergency(result.steps[0] as AdaptedStep)).toBe(true);
      const firstOther = result.steps.findIndex((s) => !isEmergency(s));
      if (firstOther >= 0) expect(result.steps.slice(firstOther).some(isEmergency)).toBe(false);
    });
  });

  it('no step whose conditions are unmet ever appears', () => {
    property((input, result) => {
      const { facts } = expectedFacts(input);
      for (const s of result.steps) if (s.step) expect(holds(s.step, facts)).toBe(true);
    });
  });

  it('every step whose conditions hold appears exactly once, in its stage', () => {
    property((input, result) => {
      const { facts } = expectedFacts(input);
      const shown = result.steps.filter((s) => s.step).map((s) => s.stepId);
      const applying = routeSteps(input.route).filter((s) => holds(s, facts));
      expect([...shown].sort()).toEqual(applying.map((s) => s.id).sort());
      for (const s of result.steps.filter((x) => x.step)) {
        expect(input.route.stages.find((stage) => stage.id === s.stageId)?.steps).toContain(s.step);
      }
    });
  });

  it('apart from emergency and health care, steps keep the route’s order', () => {
    property((input, result) => {
      const position = new Map(routeSteps(input.route).map((s, i) => [s.id, i]));
      const rest = result.steps.filter((s) => s.step && !isEmergency(s) && !isHealthCare(s));
      const order = rest.map((s) => position.get(s.stepId) as number);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    });
  });

  it('the same input always gives the same result, whatever the order of the providers', () => {
    fc.assert(
      fc.property(routeCase, fc.nat(), (input, rotation) => {
        const first = adaptRoute(input);
        expect(adaptRoute(input)).toEqual(first);
        const at = input.providers.length === 0 ? 0 : rotation % input.providers.length;
        const reordered = [...input.providers.slice(at), ...input.providers.slice(0, at)].reverse();
        expect(adaptRoute({ ...input, providers: reordered })).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('the responsible providers lead each step, followed by the best few others that offer what it needs', () => {
    property((input, result) => {
      for (const s of result.steps) {
        const ids = s.providers.map((p) => p.providerId);
        expect(new Set(ids).size).toBe(ids.length);
        const responsibleCount = s.providers.filter((p) => p.responsible).length;
        expect(s.providers.slice(0, responsibleCount).every((p) => p.responsible)).toBe(true);
        expect([...ids.slice(0, responsibleCount)].sort()).toEqual(
          s.step ? [...new Set(knownResponsible(s.step, input))].sort() : [],
        );
        expect(ids.slice(responsibleCount)).toEqual(expectedSuggestions(s, input));
      }
    });
  });

  it('safe branches are said: unknown age → treated as a child; unknown incident time → within 72 h', () => {
    property((input, result) => {
      const { timeKnown } = expectedFacts(input);
      const ageUnknown = input.answers.child === 'unknown';
      expect(result.assumptions.includes('age_unknown_treated_as_child')).toBe(ageUnknown);
      if (ageUnknown) expect(result.facts).toContain('child');
      const timeUnknown = input.answers.sexualViolence === 'yes' && !timeKnown;
      expect(result.assumptions.includes('incident_time_unknown_treated_as_recent')).toBe(timeUnknown);
      if (timeUnknown) {
        expect(result.facts).toContain('sexual_violence_72h');
        expect(result.deadlines.every((d) => d.dueAt === null && !d.expired)).toBe(true);
      }
    });
  });

  it('a safeguard is added only where the route lacks the step, once, in a stage of the route', () => {
    property((input, result) => {
      const safeguards = result.steps.filter((s) => s.safeguard);
      expect(new Set(safeguards.map((s) => s.safeguard)).size).toBe(safeguards.length);
      for (const s of safeguards) {
        expect(s).toMatchObject({ step: null, stepId: `safeguard-${s.safeguard}` });
        expect(input.route.stages.some((stage) => stage.id === s.stageId && stage.kind === s.stageKind)).toBe(true);
      }
      const childSafeguard = safeguards.find((s) => s.safeguard === 'child_protection');
      if (childSafeguard) {
        expect(result.steps.filter((s) => protectsChildren(s, input))).toEqual([childSafeguard]);
        if (input.route.stages.some((stage) => stage.kind === 'protection')) {
          expect(childSafeguard.stageKind).toBe('protection');
        }
      }
    });
  });
});
