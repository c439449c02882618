import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseAnswers,
  type CaseFile,
  FACT_ANSWERS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  type Referral,
  SCREENING_ANSWERS,
} from '../../../src/core/case/model';
import type { ActionRoute } from '../../../src/core/handbook/schema';
import { ROUTE_STAGE_KINDS } from '../../../src/core/handbook/taxonomy';
import { consentRule } from '../../../src/core/referral/consent';
import { referralFor } from '../../../src/core/referral/referral';
import { referralSlip, slipText } from '../../../src/core/referral/slip';
import { adaptRoute } from '../../../src/core/route-engine/adapt-route';
import { SAMPLE_JURISDICTIONS, sampleRelease, slipOptions } from './referral-support';

const NOW = new Date('2026-11-23T15:00:00Z'); // 09:00 in Honduras

const referral: Referral = {
  id: 'r-1',
  caseId: 'c-1',
  caseCode: 'RT-7KQ2-9F4M',
  jurisdictionId: 'hn-ocotepeque',
  routeId: 'ruta-atencion',
  stepId: 'atencion-salud',
  stepTitle: { es: 'Atención en salud primero', en: 'Health care first' },
  safeguard: null,
  stageKind: 'immediate_assistance',
  provider: {
    id: 'hospital',
    name: { es: 'Hospital de Occidente', en: 'Western Hospital' },
    phones: [{ number: '+50426620000', display: '2662-0000' }],
    address: 'Barrio El Centro, Ocotepeque',
  },
  consent: 'given',
  urgency: 'immediate',
  deadlines: [
    { kind: 'hiv_pep', dueAt: '2026-11-25T23:00:00.000Z' },
    { kind: 'emergency_contraception', dueAt: null },
  ],
  status: 'draft',
  statusHistory: [{ status: 'draft', at: NOW.toISOString() }],
  createdAt: NOW.toISOString(),
  notes: 'La conocí en la terminal; su tío la trajo',
};

describe('the referral slip', () => {
  it('tells the receiving provider what it needs, in English', () => {
    const text = slipText(referral, slipOptions('en', { personLanguage: 'ht' }));
    // Some ICU versions put a narrow no-break space before "AM".
    expect(text.replace(/[^\S\n]/gu, ' ').split('\n')).toEqual([
      'Referral slip (confidential)',
      'Case code: RT-7KQ2-9F4M',
      'Date: Nov 23, 2026, 9:00 AM',
      'To: Western Hospital',
      'Urgency: Immediate',
      'Route step: Health care first',
      'Time limits: HIV post-exposure prophylaxis before Nov 25, 2026, 5:00 PM; Emergency contraception: time of the incident not known, act as if within 120 hours',
      'Consent: The person gave informed consent to this referral.',
      'Language of the person: Haitian Creole (an interpreter may be needed)',
      'Share only with the receiving service. The case code is the only reference: no names.',
    ]);
  });

  it('in Spanish, for a child, says referral is mandatory and titles a step the engine added', () => {
    const child: Referral = { ...referral, consent: 'mandatory_child', stepTitle: null, safeguard: 'child_protection' };
    const text = slipText(child, slipOptions('es'));
    expect(text).toContain('Código del caso: RT-7KQ2-9F4M');
    expect(text).toContain('Para: Hospital de Occidente');
    expect(text).toContain('Derivación obligatoria de una niña o un niño');
    expect(text).toContain('Paso de la ruta: Inform');
    expect(text).not.toContain('Idioma de la persona');
    expect(text).not.toMatch(/slip\.|urgency\.|deadline\./);
  });

  it('the printable slip and the shared text hold the same fields', () => {
    const options = slipOptions('en', { personLanguage: 'fr' });
    const slip = referralSlip(referral, options);
    const text = slipText(referral, options);
    for (const field of slip.fields) for (const value of field.values) expect(text).toContain(value);
    expect(slip.fields.map((f) => f.key)).toEqual([
      'caseCode',
      'date',
      'provider',
      'urgency',
      'step',
      'deadlines',
      'consent',
      'language',
    ]);
  });
});

// ----- Never the notes, never an answer ---------------------------------------------------------

/** Text marked so it cannot come out of anything else the generators make (which is ASCII only). */
const secret = fc.string({ minLength: 1, maxLength: 40 }).map((s) => `⟦${s}⟧`);
const ascii = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
const localized = fc.record({ es: ascii, en: ascii });
const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const referralArbitrary: fc.Arbitrary<Referral> = fc.record({
  id: fc.uuid(),
  caseId: fc.uuid(),
  caseCode: fc.stringMatching(/^RT-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
  jurisdictionId: fc.constantFrom(...SAMPLE_JURISDICTIONS),
  routeId: ascii,
  stepId: ascii,
  stepTitle: fc.option(localized, { nil: null }),
  safeguard: fc.constantFrom('child_protection', 'sexual_violence_care', 'emergency', null),
  stageKind: fc.constantFrom(...ROUTE_STAGE_KINDS),
  provider: fc.record(
    {
      id: ascii,
      name: localized,
      phones: fc.array(fc.record({ number: fc.stringMatching(/^\+[1-9]\d{7,12}$/), display: ascii }), {
        maxLength: 3,
      }),
      whatsapp: fc.stringMatching(/^\+[1-9]\d{7,12}$/),
      address: ascii,
    },
    { requiredKeys: ['id', 'name', 'phones'] },
  ),
  consent: fc.constantFrom('given', 'mandatory_child'),
  urgency: fc.constantFrom(...REFERRAL_URGENCIES),
  deadlines: fc.array(
    fc.record({
      kind: fc.constantFrom('hiv_pep', 'emergency_contraception'),
      dueAt: fc.option(isoDate, { nil: null }),
    }),
    { maxLength: 2 },
  ),
  status: fc.constantFrom(...REFERRAL_STATUSES),
  statusHistory: fc.array(fc.record({ status: fc.constantFrom(...REFERRAL_STATUSES), at: isoDate }), { maxLength: 4 }),
  createdAt: isoDate,
  notes: secret,
}) as fc.Arbitrary<Referral>;

const slipSettings = fc.record({
  language: fc.constantFrom<'es' | 'en'>('es', 'en'),
  personLanguage: fc.option(fc.constantFrom('es', 'en', 'fr', 'ht', 'pt', 'mam', 'k’iche’'), { nil: undefined }),
});

describe('whatever the referral', async () => {
  it('the slip never holds its notes, and changing the notes never changes the slip', () => {
    fc.assert(
      fc.property(referralArbitrary, secret, slipSettings, (generated, otherNotes, { language, personLanguage }) => {
        const options = slipOptions(language, { personLanguage });
        const text = slipText(generated, options);
        expect(text).not.toContain(generated.notes);
        expect(text).not.toContain('⟦');
        expect(slipText({ ...generated, notes: otherNotes }, options)).toBe(text);
        expect(text).toContain(generated.caseCode);
      }),
    );
  });

  const releases = await Promise.all(SAMPLE_JURISDICTIONS.map(sampleRelease));
  const fact = fc.constantFrom(...FACT_ANSWERS);
  const answersArbitrary: fc.Arbitrary<CaseAnswers> = fc.record({
    child: fact,
    foreignNational: fact,
    sexualViolence: fact,
    incidentAt: fc.option(isoDate, { nil: null }),
    immediateDanger: fact,
    lgbtiq: fact,
    disability: fact,
    consent: fact,
    wishesToReport: fact,
  });
  const screeningArbitrary = fc.record({
    checklistId: ascii,
    answers: fc.dictionary(secret, fc.constantFrom(...SCREENING_ANSWERS)),
    personLanguage: fc.constantFrom('fr', 'ht'),
  });

  it('a referral made from a case carries none of its notes, screening answers or other facts, nor does its slip', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...releases),
        answersArbitrary,
        fc.array(screeningArbitrary, { maxLength: 3 }),
        secret,
        secret,
        fc.nat(),
        fc.nat(),
        slipSettings,
        (release, answers, screenings, caseNotes, referralNotes, stepPick, providerPick, settings) => {
          const route = release.routes[0] as ActionRoute;
          const file: CaseFile = {
            id: 'case',
            caseCode: 'RT-2345-6789',
            jurisdictionId: release.jurisdiction.id,
            routeId: route.id,
            createdAt: NOW.toISOString(),
            updatedAt: NOW.toISOString(),
            answers,
            screenings,
            notes: caseNotes,
          };
          const adapted = adaptRoute({
            route,
            providers: release.providers,
            answers,
            now: NOW,
            timeZone: release.jurisdiction.timeZone,
          });
          const step = adapted.steps[stepPick % adapted.steps.length];
          const provider = release.providers[providerPick % release.providers.length];
          if (!step || !provider) return;
          const made = referralFor({
            id: 'r',
            caseFile: file,
            route,
            adapted,
            step,
            provider,
            personAgreed: true,
            urgency: 'routine',
            notes: referralNotes,
            now: NOW,
          });
          expect(made.consent).toBe(
            consentRule(route, adapted.facts) === 'mandatory_child' ? 'mandatory_child' : 'given',
          );
          const stored = JSON.stringify({ ...made, notes: '' });
          expect(stored).not.toContain('⟦');
          expect(stored).not.toContain('"answers"');
          expect(stored).not.toContain('"screenings"');
          const text = slipText(made, slipOptions(settings.language, { personLanguage: settings.personLanguage }));
          expect(text).not.toContain('⟦');
          for (const answer of SCREENING_ANSWERS) expect(text).not.toContain(`"${answer}"`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
