import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCaseFacts } from '../../../src/core/case/facts';
import { ADULT_WHO_CONSENTS, type CaseAnswers, FACT_ANSWERS } from '../../../src/core/case/model';

const NOW = new Date('2026-03-10T12:00:00Z');
const hoursBefore = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

const adult: CaseAnswers = { ...ADULT_WHO_CONSENTS };
const derive = (answers: Partial<CaseAnswers>) => deriveCaseFacts({ ...adult, ...answers }, NOW);

describe('case facts from the worker’s answers', () => {
  it('an adult who consents, with nothing else answered "yes", has only the consent fact', () => {
    expect(derive({})).toEqual({ facts: ['consent'], assumptions: [], deadlines: [] });
  });

  it('a person under 18 is a child', () => {
    expect(derive({ child: 'yes' }).facts).toContain('child');
    expect(derive({ child: 'yes' }).assumptions).toEqual([]);
  });

  it('when the age is unknown the person is treated as a child, and the app says so', () => {
    const result = derive({ child: 'unknown' });
    expect(result.facts).toContain('child');
    expect(result.assumptions).toEqual(['age_unknown_treated_as_child']);
  });

  it('only a plain "yes" makes someone a foreign national, in danger, LGBTIQ+, disabled or wishing to report', () => {
    const unknowns = derive({
      foreignNational: 'unknown',
      immediateDanger: 'unknown',
      lgbtiq: 'unknown',
      disability: 'unknown',
      wishesToReport: 'unknown',
    });
    expect(unknowns.facts).toEqual(['consent']);
    const yeses = derive({
      foreignNational: 'yes',
      immediateDanger: 'yes',
      lgbtiq: 'yes',
      disability: 'yes',
      wishesToReport: 'yes',
    });
    expect(yeses.facts).toEqual([
      'foreign_national',
      'immediate_danger',
      'lgbtiq',
      'disability',
      'consent',
      'wishes_to_report',
    ]);
  });

  it('consent that was not asked is not assumed, and the app says so', () => {
    const result = derive({ consent: 'unknown' });
    expect(result.facts).not.toContain('consent');
    expect(result.assumptions).toEqual(['consent_unknown_not_assumed']);
  });
});

describe('sexual violence and how long ago', () => {
  it('sexual violence 10 hours ago is within 72 h, with both countdowns running', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: hoursBefore(10) });
    expect(result.facts).toContain('sexual_violence_72h');
    expect(result.assumptions).toEqual([]);
    expect(result.deadlines).toEqual([
      { kind: 'hiv_pep', windowHours: 72, dueAt: '2026-03-13T02:00:00.000Z', expired: false },
      { kind: 'emergency_contraception', windowHours: 120, dueAt: '2026-03-15T02:00:00.000Z', expired: false },
    ]);
  });

  it('exactly 72 hours ago still counts as within 72 h', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: hoursBefore(72) });
    expect(result.facts).toContain('sexual_violence_72h');
    expect(result.deadlines.find((d) => d.kind === 'hiv_pep')?.expired).toBe(false);
  });

  it('100 hours ago: post-exposure prophylaxis is too late, emergency contraception is not', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: hoursBefore(100) });
    expect(result.facts).not.toContain('sexual_violence_72h');
    expect(result.deadlines.map((d) => [d.kind, d.expired])).toEqual([
      ['hiv_pep', true],
      ['emergency_contraception', false],
    ]);
  });

  it('a week ago: both windows have closed', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: hoursBefore(24 * 7) });
    expect(result.facts).not.toContain('sexual_violence_72h');
    expect(result.deadlines.every((d) => d.expired)).toBe(true);
  });

  it('when the time of the incident is unknown it is treated as within 72 h, and the app says so', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: null });
    expect(result.facts).toContain('sexual_violence_72h');
    expect(result.assumptions).toEqual(['incident_time_unknown_treated_as_recent']);
    expect(result.deadlines).toEqual([
      { kind: 'hiv_pep', windowHours: 72, dueAt: null, expired: false },
      { kind: 'emergency_contraception', windowHours: 120, dueAt: null, expired: false },
    ]);
  });

  it('an incident time in the future is a contradiction: treated as unknown, so as within 72 h', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: '2026-03-11T09:00:00Z' });
    expect(result.facts).toContain('sexual_violence_72h');
    expect(result.assumptions).toEqual(['incident_time_unknown_treated_as_recent']);
    expect(result.deadlines.every((d) => d.dueAt === null && !d.expired)).toBe(true);
  });

  it('an unreadable incident time is treated as unknown too', () => {
    const result = derive({ sexualViolence: 'yes', incidentAt: 'yesterday evening' });
    expect(result.facts).toContain('sexual_violence_72h');
    expect(result.assumptions).toEqual(['incident_time_unknown_treated_as_recent']);
  });

  it('when nobody knows yet whether there was sexual violence, no fact is set and the worker is reminded to ask in private', () => {
    const result = derive({ sexualViolence: 'unknown', incidentAt: hoursBefore(5) });
    expect(result.facts).not.toContain('sexual_violence_72h');
    expect(result.assumptions).toEqual(['sexual_violence_unknown']);
    expect(result.deadlines).toEqual([]);
  });

  it('without sexual violence there is no countdown, even if a time was left in the form', () => {
    expect(derive({ sexualViolence: 'no', incidentAt: hoursBefore(5) }).deadlines).toEqual([]);
  });
});

describe('case facts for every combination of answers', () => {
  const answer = fc.constantFrom(...FACT_ANSWERS);
  const answers = fc.record({
    child: answer,
    foreignNational: answer,
    sexualViolence: answer,
    incidentAt: fc.option(
      fc.integer({ min: -48, max: 24 * 10 }).map((hours) => hoursBefore(hours)),
      { nil: null },
    ),
    immediateDanger: answer,
    lgbtiq: answer,
    disability: answer,
    consent: answer,
    wishesToReport: answer,
  });

  it('a child or a person of unknown age is always treated as a child; unknown age is always said', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const result = deriveCaseFacts(a, NOW);
        expect(result.facts.includes('child')).toBe(a.child !== 'no');
        expect(result.assumptions.includes('age_unknown_treated_as_child')).toBe(a.child === 'unknown');
      }),
    );
  });

  it('sexual violence at an unknown or impossible time is always within 72 h, and said so', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const result = deriveCaseFacts(a, NOW);
        const timeUnknown = a.incidentAt === null || Date.parse(a.incidentAt) > NOW.getTime();
        if (a.sexualViolence === 'yes' && timeUnknown) {
          expect(result.facts).toContain('sexual_violence_72h');
          expect(result.assumptions).toContain('incident_time_unknown_treated_as_recent');
        } else {
          expect(result.assumptions).not.toContain('incident_time_unknown_treated_as_recent');
        }
        expect(result.deadlines.length > 0).toBe(a.sexualViolence === 'yes');
      }),
    );
  });
});
