import { describe, expect, it } from 'vitest';
import type { HandbookInput } from '../../../src/core/handbook/schema';
import { type HandbookIssue, validateHandbook } from '../../../src/core/handbook/validate';
import { sampleHandbookInput } from '../support/handbook-fixture';

/** The sample handbook, changed by `edit` (which may mutate it freely). */
function edited(edit: (h: HandbookInput & Record<string, unknown>) => void): HandbookInput {
  const handbook = structuredClone(sampleHandbookInput()) as HandbookInput & Record<string, unknown>;
  edit(handbook);
  return handbook;
}

function issuesOf(input: unknown): HandbookIssue[] {
  const result = validateHandbook(input);
  if (result.ok) throw new Error('expected the handbook to be invalid');
  return result.issues;
}

/** Tests mutate plain objects, so they need loose access to nested fields. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited as untyped YAML would be
type Loose = any;
const providerAt = (h: HandbookInput, i: number): Loose => (h.providers as Loose[])[i];
const stepAt = (h: HandbookInput, step: number): Loose => (h.routes as Loose[])[0].stages[0].steps[step];

describe('a valid handbook', () => {
  it('the sample handbook passes, with defaults filled in', () => {
    const result = validateHandbook(sampleHandbookInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.issues).toEqual([]);
    expect(result.handbook.providers).toHaveLength(5);
    const consulate = result.handbook.providers.find((p) => p.id === 'consulado-guatemala');
    expect(consulate?.schedules).toEqual([]);
    expect(result.handbook.routes[0]?.stages[0]?.steps[1]?.conditions).toBeUndefined();
  });

  it('a minimal handbook — one emergency number, one route with one step, nothing else — passes', () => {
    const minimal = {
      jurisdiction: {
        id: 'gt-minimo',
        name: { es: 'Mínimo', en: 'Minimal' },
        localName: 'Mínimo',
        country: 'GT',
        subdivision: 'GT-QZ',
        defaultLanguage: 'en',
        timeZone: 'America/Guatemala',
        emergencyNumbers: [
          {
            label: { es: 'Policía', en: 'Police' },
            number: '110',
            provenance: { source: 's', verifiedAt: null, verifiedBy: null },
          },
        ],
        summary: { es: 'Resumen', en: 'Summary' },
      },
      providers: [],
      routes: [
        {
          id: 'ruta',
          title: { es: 'Ruta', en: 'Route' },
          summary: { es: 'Resumen', en: 'Summary' },
          stages: [
            {
              id: 'etapa',
              kind: 'referral',
              title: { es: 'Etapa', en: 'Stage' },
              steps: [{ id: 'paso', title: { es: 'Paso', en: 'Step' }, action: { es: 'Haga', en: 'Do' } }],
            },
          ],
        },
      ],
      checklists: [],
    };
    const result = validateHandbook(minimal);
    expect(result.issues).toEqual([]);
    if (result.ok) expect(result.handbook.routes[0]?.principles).toEqual([]);
  });

  it('accepts a valid foreign number (a consulate abroad) and person-facing texts in more languages', () => {
    const input = edited((h) => {
      providerAt(h, 0).phones.push({ number: '+12025550123' });
      (h.checklists as Loose[])[0].groups[0].indicators[0].question.fr = 'Qui a votre passeport ?';
    });
    expect(validateHandbook(input).ok).toBe(true);
  });
});

describe('every rule fails with a path and a readable message', () => {
  it('content without its English text', () => {
    const issues = issuesOf(edited((h) => delete providerAt(h, 0).name.en));
    expect(issues).toEqual([
      { path: ['providers', 0, 'name', 'en'], message: expect.stringMatching(/expected string/) },
    ]);
  });

  it('content whose Spanish text is only spaces', () => {
    const issues = issuesOf(edited((h) => (h.jurisdiction.summary.es = '   ')));
    expect(issues).toEqual([{ path: ['jurisdiction', 'summary', 'es'], message: 'must not be empty' }]);
  });

  it('a language key that is not a language code', () => {
    const issues = issuesOf(edited((h) => ((h.jurisdiction.name as Loose).Spanish = 'Prueba')));
    expect(issues).toEqual([{ path: ['jurisdiction', 'name'], message: '"Spanish" is not a language code (BCP 47)' }]);
  });

  it('a phone number that is not a real number of the country', () => {
    const issues = issuesOf(edited((h) => (providerAt(h, 1).phones[0].number = '+50412345678')));
    expect(issues).toEqual([
      { path: ['providers', 1, 'phones', 0, 'number'], message: '+50412345678 is not a valid phone number' },
    ]);
  });

  it('a phone number written the local way instead of E.164', () => {
    const issues = issuesOf(edited((h) => (providerAt(h, 0).phones[0].number = '2653-3544')));
    expect(issues).toEqual([
      { path: ['providers', 0, 'phones', 0, 'number'], message: expect.stringMatching(/E\.164.*\+50422345678/) },
    ]);
  });

  it('a WhatsApp number that is not a real number', () => {
    const issues = issuesOf(edited((h) => (providerAt(h, 1).whatsapp = '+50400000000')));
    expect(issues).toEqual([
      { path: ['providers', 1, 'whatsapp'], message: '+50400000000 is not a valid phone number' },
    ]);
  });

  it('an emergency number in E.164 that is not a real number (short codes are fine)', () => {
    const issues = issuesOf(
      edited((h) => {
        h.jurisdiction.emergencyNumbers.push({ ...h.jurisdiction.emergencyNumbers[0], number: '+5041234567' } as Loose);
      }),
    );
    expect(issues).toEqual([
      { path: ['jurisdiction', 'emergencyNumbers', 2, 'number'], message: '+5041234567 is not a valid phone number' },
    ]);
  });

  it('two providers with the same id', () => {
    const issues = issuesOf(edited((h) => (providerAt(h, 2).id = 'caminos')));
    expect(issues).toEqual([{ path: ['providers', 2, 'id'], message: 'duplicate provider id "caminos"' }]);
  });

  it('two steps, routes or checklists with the same id', () => {
    const issues = issuesOf(
      edited((h) => {
        stepAt(h, 1).id = 'alojamiento-ninez';
        h.routes.push(structuredClone(h.routes[0]) as Loose);
        (h.routes[1] as Loose).stages[0].steps = [structuredClone(stepAt(h, 0))];
        (h.routes[1] as Loose).stages[0].steps[0].id = 'otro';
        h.checklists?.push(structuredClone(h.checklists[0]) as Loose);
      }),
    );
    expect(issues).toEqual([
      {
        path: ['routes', 0, 'stages', 0, 'steps', 1, 'id'],
        message: 'duplicate step id "alojamiento-ninez"',
      },
      { path: ['routes', 1, 'id'], message: 'duplicate route id "ruta-principal"' },
      { path: ['checklists', 1, 'id'], message: 'duplicate checklist id "indicadores"' },
    ]);
  });

  it('two indicators of one checklist, or two of its groups, with the same id: their answers would be one', () => {
    const issues = issuesOf(
      edited((h) => {
        const control = (h.checklists as Loose[])[0].groups[0];
        control.indicators.push({ ...structuredClone(control.indicators[0]), text: { es: 'Otra.', en: 'Another.' } });
        (h.checklists as Loose[])[0].groups.push({ ...structuredClone(control), indicators: [control.indicators[0]] });
      }),
    );
    expect(issues).toEqual([
      {
        path: ['checklists', 0, 'groups', 0, 'indicators', 1, 'id'],
        message: 'duplicate indicator id "documentos"',
      },
      { path: ['checklists', 0, 'groups', 1, 'id'], message: 'duplicate indicator group id "control"' },
      {
        path: ['checklists', 0, 'groups', 1, 'indicators', 0, 'id'],
        message: 'duplicate indicator id "documentos"',
      },
    ]);
  });

  it('the same indicator id in two different checklists is fine: each screening is its own', () => {
    const handbook = edited((h) => {
      const copy = structuredClone((h.checklists as Loose[])[0]);
      copy.id = 'indicadores-ninez';
      h.checklists?.push(copy);
    });
    expect(validateHandbook(handbook).ok).toBe(true);
  });

  it('a step whose responsible institution is not a provider of the handbook', () => {
    const issues = issuesOf(edited((h) => stepAt(h, 1).responsible.push('fiscalia-inexistente')));
    expect(issues).toEqual([
      {
        path: ['routes', 0, 'stages', 0, 'steps', 1, 'responsible', 1],
        message: 'no provider has the id "fiscalia-inexistente"',
      },
    ]);
  });

  it('a service type outside the taxonomy', () => {
    const issues = issuesOf(edited((h) => (providerAt(h, 0).services = ['mental_health', 'massage'])));
    expect(issues).toEqual([
      { path: ['providers', 0, 'services', 1], message: expect.stringMatching(/mental_health/) },
    ]);
  });

  it('a case fact both required and excluded by a step', () => {
    const issues = issuesOf(edited((h) => stepAt(h, 0).conditions.none.push('child')));
    expect(issues).toEqual([
      {
        path: ['routes', 0, 'stages', 0, 'steps', 0, 'conditions'],
        message: '"child" cannot be required and excluded at once',
      },
    ]);
  });

  it('a time zone that does not exist', () => {
    const issues = issuesOf(edited((h) => (h.jurisdiction.timeZone = 'America/Ocotepeque')));
    expect(issues).toEqual([
      { path: ['jurisdiction', 'timeZone'], message: 'use an IANA time zone such as "America/Tegucigalpa"' },
    ]);
  });

  it('a key the schema does not know (a typo such as "phone" for "phones")', () => {
    const issues = issuesOf(edited((h) => (providerAt(h, 0).phone = '+50426533544')));
    expect(issues).toEqual([{ path: ['providers', 0], message: expect.stringContaining('"phone"') }]);
    const topLevel = issuesOf(edited((h) => (h.scenarios = [])));
    expect(topLevel).toEqual([{ path: [], message: expect.stringContaining('"scenarios"') }]);
  });

  it('a latitude without a longitude', () => {
    const issues = issuesOf(edited((h) => delete providerAt(h, 0).longitude));
    expect(issues).toEqual([
      { path: ['providers', 0, 'latitude'], message: 'give both latitude and longitude, or neither' },
    ]);
  });

  it('a schedule that opens and closes at the same time, or at 25:00', () => {
    const issues = issuesOf(
      edited((h) => {
        providerAt(h, 0).schedules = [{ byday: ['MO'], opens_at: '08:00', closes_at: '08:00' }];
        providerAt(h, 1).schedules = [{ byday: ['MO'], opens_at: '08:00', closes_at: '25:00' }];
      }),
    );
    expect(issues).toEqual([
      { path: ['providers', 0, 'schedules', 0], message: 'opens_at and closes_at must differ' },
      { path: ['providers', 1, 'schedules', 0, 'closes_at'], message: expect.stringMatching(/HH:MM/) },
    ]);
  });

  it('reports every schema problem at once, not only the first', () => {
    const issues = issuesOf(
      edited((h) => {
        delete providerAt(h, 0).name.en;
        providerAt(h, 3).services = ['massage'];
        h.jurisdiction.timeZone = 'Mars/Olympus';
      }),
    );
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual([
      'jurisdiction.timeZone',
      'providers.0.name.en',
      'providers.3.services.0',
    ]);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it('a handbook that is not even an object', () => {
    expect(issuesOf(null)).toEqual([{ path: [], message: expect.any(String) }]);
    expect(issuesOf({})).toHaveLength(4);
  });
});
