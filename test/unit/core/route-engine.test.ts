import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADULT_WHO_CONSENTS, type CaseAnswers } from '../../../src/core/case/model';
import type { ActionRoute, Handbook } from '../../../src/core/handbook/schema';
import { adaptRoute, MAX_SUGGESTED_PROVIDERS } from '../../../src/core/route-engine/adapt-route';
import type { AdaptedRoute, RouteCase } from '../../../src/core/route-engine/types';
import { loadHandbookFolder } from '../../../src/server/handbooks/folder';
import { sampleHandbook } from '../support/handbook-fixture';

const SAMPLES = ['hn-ocotepeque', 'mx-tapachula', 'bz-benque-viejo'] as const;
type Sample = (typeof SAMPLES)[number];

/** Each sample's own step for immediate danger, for sexual violence and for child protection. */
const SAMPLE_STEPS: Record<Sample, { danger: string; sexualViolence: string; childProtection: string }> = {
  'hn-ocotepeque': {
    danger: 'peligro-inmediato',
    sexualViolence: 'salud-violencia-sexual',
    childProtection: 'proteccion-nna',
  },
  'mx-tapachula': {
    danger: 'emergencia-911',
    sexualViolence: 'nom-046-violencia-sexual',
    childProtection: 'medidas-proteccion-nna',
  },
  'bz-benque-viejo': {
    danger: 'immediate-danger',
    sexualViolence: 'sexual-violence-care',
    childProtection: 'child-protection',
  },
};

/** Wednesday 11 March 2026, 10:00 in Honduras (UTC−6). */
const WEDNESDAY_MORNING = new Date('2026-03-11T16:00:00Z');
/** The same Wednesday, 23:00 in Honduras. */
const WEDNESDAY_NIGHT = new Date('2026-03-12T05:00:00Z');
const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

const ADULT: CaseAnswers = { ...ADULT_WHO_CONSENTS };

const handbooks = new Map<Sample, Handbook>();
beforeAll(async () => {
  for (const id of SAMPLES) {
    const result = await loadHandbookFolder(fileURLToPath(new URL(`../../../routes-data/${id}`, import.meta.url)));
    if (!result.ok) throw new Error(`routes-data/${id} does not validate`);
    handbooks.set(id, result.handbook);
  }
});

function adapt(
  sample: Sample | Handbook,
  answers: Partial<CaseAnswers>,
  more: Partial<Omit<RouteCase, 'answers'>> = {},
): AdaptedRoute {
  const handbook = typeof sample === 'string' ? (handbooks.get(sample) as Handbook) : sample;
  return adaptRoute({
    route: handbook.routes[0] as ActionRoute,
    providers: handbook.providers,
    answers: { ...ADULT, ...answers },
    now: WEDNESDAY_MORNING,
    timeZone: handbook.jurisdiction.timeZone,
    ...more,
  });
}

const stepIds = (route: AdaptedRoute) => route.steps.map((s) => s.stepId);
const stepOf = (route: AdaptedRoute, id: string) => {
  const found = route.steps.find((s) => s.stepId === id);
  if (!found) throw new Error(`${id} is not in the adapted route: ${stepIds(route).join(', ')}`);
  return found;
};

describe('the route adapted to a case (Ocotepeque, Tapachula, Benque Viejo)', () => {
  it('an adult who consents, with nothing else to note, follows the route in its own order without the special steps', () => {
    const route = adapt('hn-ocotepeque', {});
    expect(stepIds(route)).toEqual([
      'espacio-seguro',
      'aplicar-indicadores',
      'necesidades-basicas',
      'activar-eri',
      'primeros-auxilios-psicologicos',
      'evaluar-riesgo',
      'alojamiento-seguro',
      'no-sancion',
      'derivar-con-consentimiento',
      'servicios-especializados',
      'sin-denuncia',
      'una-sola-declaracion',
      'plan-reintegracion',
      'hondurena-retornada',
      'medios-de-vida',
      'verificar-atencion',
      'seguimiento-periodico',
      'reportar-datos-erroneos',
    ]);
    expect(route.steps.every((s) => s.safeguard === null && s.deadlines.length === 0)).toBe(true);
    expect(route.assumptions).toEqual([]);
  });

  for (const sample of SAMPLES) {
    it(`${sample}: a person of unknown age is treated as a child — the route's child protection step, no adult-only referral — and the app says so`, () => {
      const route = adapt(sample, { child: 'unknown' });
      expect(route.assumptions).toContain('age_unknown_treated_as_child');
      expect(route.facts).toContain('child');
      expect(stepIds(route)).toContain(SAMPLE_STEPS[sample].childProtection);
      expect(route.steps.some((s) => s.safeguard !== null)).toBe(false);
      expect(route.steps.some((s) => s.step?.conditions?.none.includes('child'))).toBe(false);
    });

    it(`${sample}: immediate danger puts the emergency step first, led by an emergency service`, () => {
      const first = adapt(sample, { immediateDanger: 'yes' }).steps[0];
      expect(first?.stepId).toBe(SAMPLE_STEPS[sample].danger);
      expect(first?.providers[0]).toMatchObject({ responsible: true, specialised: true });
    });

    it(`${sample}: sexual violence at an unknown time puts health care first, with the 72 h and 120 h countdowns`, () => {
      const route = adapt(sample, { sexualViolence: 'yes' });
      expect(route.assumptions).toContain('incident_time_unknown_treated_as_recent');
      expect(route.steps[0]?.stepId).toBe(SAMPLE_STEPS[sample].sexualViolence);
      expect(route.steps[0]?.deadlines).toEqual(['hiv_pep', 'emergency_contraception']);
    });

    it(`${sample}: in danger after sexual violence, the emergency first and health care right after`, () => {
      const route = adapt(sample, { sexualViolence: 'yes', immediateDanger: 'yes', child: 'unknown' });
      expect(stepIds(route).slice(0, 2)).toEqual([SAMPLE_STEPS[sample].danger, SAMPLE_STEPS[sample].sexualViolence]);
    });
  }

  it('sexual violence 100 hours ago: the 72-hour clinical step is gone, but care for emergency contraception still comes first', () => {
    const route = adapt('hn-ocotepeque', {
      sexualViolence: 'yes',
      incidentAt: hoursBefore(WEDNESDAY_MORNING, 100),
    });
    expect(stepIds(route)).not.toContain('salud-violencia-sexual');
    const first = route.steps[0];
    expect(first).toMatchObject({
      stepId: 'safeguard-sexual_violence_care',
      step: null,
      safeguard: 'sexual_violence_care',
      stageKind: 'immediate_assistance',
      deadlines: ['hiv_pep', 'emergency_contraception'],
    });
    // The hospital is specialised in care after sexual violence; the others offer health care
    // and, all open and none nearer (no position given), come in a fixed order.
    expect(first?.providers.map((p) => [p.providerId, p.specialised, p.service])).toEqual([
      ['hospital-ocotepeque', true, true],
      ['cesamo-agua-caliente', false, true],
      ['cruz-roja-ocotepeque', false, true],
    ]);
    expect(route.deadlines.map((d) => [d.kind, d.expired])).toEqual([
      ['hiv_pep', true],
      ['emergency_contraception', false],
    ]);
  });

  it('sexual violence a week ago: no care step is put first any more', () => {
    const route = adapt('hn-ocotepeque', {
      sexualViolence: 'yes',
      incidentAt: hoursBefore(WEDNESDAY_MORNING, 24 * 7),
    });
    expect(route.steps[0]?.stepId).toBe('espacio-seguro');
    expect(route.steps.some((s) => s.deadlines.length > 0)).toBe(false);
    expect(route.deadlines.every((d) => d.expired)).toBe(true);
  });

  it('a foreign national gets the consular and asylum steps; a Honduran returnee gets the returnee step instead', () => {
    const foreign = stepIds(adapt('hn-ocotepeque', { foreignNational: 'yes' }));
    expect(foreign).toContain('persona-extranjera');
    expect(foreign).toContain('retorno-voluntario');
    expect(foreign).not.toContain('hondurena-retornada');
    expect(stepIds(adapt('hn-ocotepeque', { foreignNational: 'unknown' }))).not.toContain('persona-extranjera');
  });

  it('consent not yet asked: the referral without consent, never the one that assumes it', () => {
    const route = adapt('hn-ocotepeque', { consent: 'unknown' });
    expect(route.assumptions).toEqual(['consent_unknown_not_assumed']);
    expect(stepIds(route)).toContain('sin-consentimiento');
    expect(stepIds(route)).not.toContain('derivar-con-consentimiento');
  });
});

describe('safeguards where the route lacks a step the case needs', () => {
  it('a child in danger on a route whose only child step excludes danger: an emergency step first and a child-protection step after identification', () => {
    const route = adapt(sampleHandbook(), { child: 'yes', immediateDanger: 'yes' });
    expect(stepIds(route)).toEqual(['safeguard-emergency', 'apoyo-psicologico', 'safeguard-child_protection']);
    expect(stepOf(route, 'safeguard-child_protection')).toMatchObject({
      stageId: 'identificacion',
      step: null,
      safeguard: 'child_protection',
    });
    // The shelter offers child protection: it is suggested although no step names it here.
    expect(stepOf(route, 'safeguard-child_protection').providers.map((p) => p.providerId)).toEqual([
      'albergue-san-jose',
    ]);
  });

  it("a child out of danger: the route's own child step counts, nothing is added", () => {
    const route = adapt(sampleHandbook(), { child: 'yes' });
    expect(stepIds(route)).toEqual(['alojamiento-ninez', 'apoyo-psicologico']);
  });

  it('when the child protection authority is missing from the device, a child-protection step opens the protection stage', () => {
    const handbook = handbooks.get('hn-ocotepeque') as Handbook;
    const withoutDinaf = { ...handbook, providers: handbook.providers.filter((p) => p.id !== 'dinaf-occidente') };
    const route = adapt(withoutDinaf, { child: 'yes' });
    const ids = stepIds(route);
    const added = ids.indexOf('safeguard-child_protection');
    expect(route.steps[added]?.stageKind).toBe('protection');
    expect(ids[added + 1]).toBe('evaluar-riesgo');
    expect(route.steps.slice(0, added).every((s) => s.stageKind !== 'protection')).toBe(true);
  });
});

describe('providers for each step', () => {
  it('the responsible provider leads; then others offering the same care, open ones first, then the nearest', () => {
    const nearCesamo = { latitude: 14.4467, longitude: -89.2205 };
    const morning = stepOf(
      adapt('hn-ocotepeque', { sexualViolence: 'yes' }, { position: nearCesamo }),
      'salud-violencia-sexual',
    );
    expect(morning.providers.map((p) => [p.providerId, p.responsible, p.openNow])).toEqual([
      ['hospital-ocotepeque', true, true],
      ['cesamo-agua-caliente', false, true],
      ['cruz-roja-ocotepeque', false, true],
    ]);
    expect(morning.providers[1]?.distanceKm).toBe(0);

    const night = stepOf(
      adapt('hn-ocotepeque', { sexualViolence: 'yes' }, { position: nearCesamo, now: WEDNESDAY_NIGHT }),
      'salud-violencia-sexual',
    );
    expect(night.providers.map((p) => [p.providerId, p.openNow])).toEqual([
      ['hospital-ocotepeque', true],
      ['cruz-roja-ocotepeque', true],
      ['cesamo-agua-caliente', false],
    ]);
  });

  it('for a person who speaks Haitian Creole, the clinic that speaks it comes before the hospital that does not', () => {
    const route = adapt('mx-tapachula', { sexualViolence: 'yes' }, { personLanguage: 'ht' });
    const care = stepOf(route, 'nom-046-violencia-sexual');
    expect(care.providers.slice(0, 2).map((p) => [p.providerId, p.responsible, p.language])).toEqual([
      ['clinica-mujeres-frontera', true, true],
      ['hospital-general-tapachula', true, false],
    ]);
  });

  it('a language given with a region (fr-HT) matches providers listing the language (fr)', () => {
    const route = adapt('hn-ocotepeque', {}, { personLanguage: 'fr-HT' });
    const shelter = stepOf(route, 'alojamiento-seguro');
    expect(shelter.providers[0]).toMatchObject({ providerId: 'albergue-san-jose', language: true });
  });

  it('for a child, providers serving children come before those that do not', () => {
    const route = adapt('hn-ocotepeque', { child: 'yes' });
    const riskAssessment = stepOf(route, 'evaluar-riesgo');
    const population = riskAssessment.providers.filter((p) => p.responsible).map((p) => [p.providerId, p.population]);
    expect(population).toEqual([
      ['cicesct-eri', true],
      ['omm-ocotepeque', false],
    ]);
  });

  it('without the worker’s position no distance is shown; a provider without hours is neither open nor closed', () => {
    const fixture = sampleHandbook();
    const route = adapt(fixture, { child: 'yes' });
    for (const fit of route.steps.flatMap((s) => s.providers)) expect(fit.distanceKm).toBeNull();
    const noHours = { ...fixture, providers: fixture.providers.map((p) => ({ ...p, schedules: [] })) };
    const fits = adapt(noHours, { child: 'yes' }).steps.flatMap((s) => s.providers);
    expect(fits.length).toBeGreaterThan(0);
    for (const fit of fits) expect(fit.openNow).toBeNull();
  });

  it(`suggests at most ${MAX_SUGGESTED_PROVIDERS} providers besides the responsible ones`, () => {
    const route = adapt('hn-ocotepeque', { child: 'unknown', foreignNational: 'yes' });
    for (const step of route.steps) {
      expect(step.providers.filter((p) => !p.responsible).length).toBeLessThanOrEqual(MAX_SUGGESTED_PROVIDERS);
    }
    expect(stepOf(route, 'activar-eri').providers.filter((p) => !p.responsible)).toHaveLength(MAX_SUGGESTED_PROVIDERS);
  });

  it('a responsible provider the device does not know is left out; the care step still offers others that give that care', () => {
    const handbook = handbooks.get('hn-ocotepeque') as Handbook;
    const withoutHospital = {
      ...handbook,
      providers: handbook.providers.filter((p) => p.id !== 'hospital-ocotepeque'),
    };
    const route = adapt(withoutHospital, { sexualViolence: 'yes' });
    expect(route.steps[0]?.stepId).toBe('salud-violencia-sexual');
    expect(route.steps[0]?.providers.map((p) => [p.providerId, p.responsible])).toEqual([
      ['cesamo-agua-caliente', false],
      ['cruz-roja-ocotepeque', false],
    ]);
  });

  it('the same case gives the same route, whatever the order the providers were stored in', () => {
    const handbook = handbooks.get('bz-benque-viejo') as Handbook;
    const answers: Partial<CaseAnswers> = { child: 'unknown', sexualViolence: 'yes', foreignNational: 'yes' };
    const position = { latitude: 17.08, longitude: -89.14 };
    const first = adapt('bz-benque-viejo', answers, { position, personLanguage: 'es' });
    const reversed = adapt({ ...handbook, providers: [...handbook.providers].reverse() }, answers, {
      position,
      personLanguage: 'es',
    });
    expect(reversed).toEqual(first);
    expect(adapt('bz-benque-viejo', answers, { position, personLanguage: 'es' })).toEqual(first);
  });
});
