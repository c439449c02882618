import { describe, expect, it } from 'vitest';
import en from '../../../locales/en/console-editors.json';
import es from '../../../locales/es/console-editors.json';
import { missingTranslations } from '../../../src/app/components/editor/issues';
import { conditionSummary } from '../../../src/app/features/console-route/model/conditions';
import {
  newStage,
  newStep,
  routeBody,
  routeForm,
  routeStructure,
  savedRouteIds,
} from '../../../src/app/features/console-route/model/route-form';
import { routeIssues } from '../../../src/app/features/console-route/model/route-rules';
import { ActionRoute } from '../../../src/core/handbook/schema';
import { ocotepequeRoute, SAMPLE_JURISDICTIONS, sampleProviders, sampleRoutes } from './support/console-editor-samples';

const J = 'hn-ocotepeque';

describe('a route as a form and back', () => {
  it.each(SAMPLE_JURISDICTIONS)('gives back the %s route exactly as it was written', (jurisdiction) => {
    for (const route of sampleRoutes(jurisdiction)) {
      expect(routeBody(routeForm(route))).toEqual(route);
    }
  });

  it('trims what the coordinator typed and leaves out optional texts nobody wrote', () => {
    const form = routeForm(ocotepequeRoute());
    const step = form.stages[0]?.steps[1];
    if (!step) throw new Error('sample changed');
    step.title = { es: '  Hable en privado ', en: 'Talk in private  ' };
    step.timeframe = { es: '', en: '   ' };
    step.all = [];
    step.none = [];
    const body = routeBody(form) as { stages: { steps: Record<string, unknown>[] }[] };
    const saved = body.stages[0]?.steps[1] ?? {};
    expect(saved.title).toEqual({ es: 'Hable en privado', en: 'Talk in private' });
    expect(saved).not.toHaveProperty('timeframe');
    expect(saved).not.toHaveProperty('conditions');
  });

  it('gives new stages and steps ids nobody in the route has, and a stage its one required step', () => {
    const form = routeForm(ocotepequeRoute());
    const step = newStep(form, 'paso');
    expect(step.id).toBe('paso-1');
    const stage = newStage({ ...form, stages: [...form.stages.slice(0, 1)] }, { stage: 'etapa', step: 'paso' });
    expect(stage.kind).toBe('immediate_assistance');
    expect(stage.steps).toHaveLength(1);
    const taken = { ...form, stages: [{ ...stage, id: 'etapa-1', steps: [{ ...step, id: 'paso-1' }] }] };
    expect(newStep(taken, 'paso').id).toBe('paso-2');
    expect(newStage(taken, { stage: 'etapa', step: 'paso' }).id).toBe('etapa-2');
  });

  it('locks the ids of the stages and steps a saved version has', () => {
    const ids = savedRouteIds(ocotepequeRoute());
    expect(ids.has('step:peligro-inmediato')).toBe(true);
    expect(ids.has('stage:identificacion')).toBe(true);
    expect(ids.has('step:identificacion')).toBe(false);
    expect(savedRouteIds(undefined).size).toBe(0);
  });

  it('notices a reorder in its structure, not a text edit', () => {
    const form = routeForm(ocotepequeRoute());
    const before = routeStructure(form);
    expect(routeStructure({ ...form, title: { es: 'x', en: 'y' } })).toBe(before);
    expect(routeStructure({ ...form, stages: [...form.stages].reverse() })).not.toBe(before);
  });
});

describe('checking a route in the browser', () => {
  const providers = sampleProviders(J);

  it('finds nothing wrong with the sample route', () => {
    expect(ActionRoute.safeParse(ocotepequeRoute()).success).toBe(true);
    expect(routeIssues(routeForm(ocotepequeRoute()), providers)).toEqual([]);
  });

  it('says which translation is missing, at the language of the field', () => {
    const form = routeForm(ocotepequeRoute());
    const step = form.stages[1]?.steps[2];
    if (!step) throw new Error('sample changed');
    step.title = { ...step.title, en: '' };
    step.legalBasis = { es: 'Ley 59-2012', en: '' };
    expect(routeIssues(form, providers)).toEqual(
      expect.arrayContaining([
        { path: 'stages.1.steps.2.title.en', code: 'required' },
        { path: 'stages.1.steps.2.legalBasis.en', code: 'required' },
      ]),
    );
    expect(missingTranslations(routeBody(form))).toEqual([
      { path: 'stages.1.steps.2.title', languages: ['en'] },
      { path: 'stages.1.steps.2.legalBasis', languages: ['en'] },
    ]);
  });

  it('refuses a step id used twice, a malformed id and a stage without steps', () => {
    const form = routeForm(ocotepequeRoute());
    const [first, second] = form.stages;
    if (!first || !second) throw new Error('sample changed');
    const copied = second.steps[0];
    if (!copied) throw new Error('sample changed');
    second.steps[0] = { ...copied, id: first.steps[0]?.id ?? '' };
    first.steps[1] = { ...(first.steps[1] as (typeof first.steps)[number]), id: 'Paso Dos' };
    form.stages[2] = { ...(form.stages[2] as typeof first), steps: [] };
    const issues = routeIssues(form, providers);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'stages.0.steps.0.id', code: 'duplicateId', detail: first.steps[0]?.id },
        { path: 'stages.1.steps.0.id', code: 'duplicateId', detail: first.steps[0]?.id },
        { path: 'stages.0.steps.1.id', code: 'identifier' },
        { path: 'stages.2.steps', code: 'needsStep' },
      ]),
    );
  });

  it('refuses a condition both required and excluded', () => {
    const form = routeForm(ocotepequeRoute());
    const step = form.stages[0]?.steps[0];
    if (!step) throw new Error('sample changed');
    step.all = ['immediate_danger', 'child'];
    step.none = ['child'];
    expect(routeIssues(form, providers)).toEqual([
      { path: 'stages.0.steps.0.conditions', code: 'requiredAndExcluded', detail: 'child' },
    ]);
  });

  it('refuses a responsible provider the draft does not have, or has archived', () => {
    const form = routeForm(ocotepequeRoute());
    const step = form.stages[0]?.steps[0];
    if (!step) throw new Error('sample changed');
    const [kept, archived] = step.responsible;
    step.responsible = [kept ?? '', archived ?? '', 'no-existe'];
    const withArchived = providers.map((p) => (p.id === archived ? { ...p, archived: true } : p));
    const inStep = routeIssues(form, withArchived).filter((issue) => issue.path.startsWith('stages.0.steps.0.'));
    expect(inStep).toEqual([
      { path: 'stages.0.steps.0.responsible.1', code: 'archivedProvider' },
      { path: 'stages.0.steps.0.responsible.2', code: 'unknownProvider', detail: 'no-existe' },
    ]);
  });
});

describe('the condition summary', () => {
  const words = (strings: typeof en) => ({
    always: strings.conditions.always,
    onlyWhen: (facts: string) => strings.conditions.onlyWhen.replace('{{facts}}', facts),
    notWhen: (facts: string) => strings.conditions.notWhen.replace('{{facts}}', facts),
    fact: (fact: string) => strings.caseFact[fact as keyof typeof strings.caseFact],
  });

  it('says a step without conditions applies to every case', () => {
    expect(conditionSummary({ all: [], none: [] }, 'en', words(en))).toBe('every case');
  });

  it('reads "only when: child or adolescent" for a step for children', () => {
    expect(conditionSummary({ all: ['child'], none: [] }, 'en', words(en))).toBe('only when: child or adolescent');
    expect(conditionSummary({ all: ['child'], none: [] }, 'es', words(es))).toBe('solo si: niña, niño o adolescente');
  });

  it('joins required facts with "and" and excluded facts with "or"', () => {
    expect(
      conditionSummary({ all: ['foreign_national', 'consent'], none: ['child', 'immediate_danger'] }, 'en', words(en)),
    ).toBe('only when: foreign national and the person consents · not when: child or adolescent or immediate danger');
    expect(conditionSummary({ all: ['foreign_national', 'consent'], none: [] }, 'es', words(es))).toBe(
      'solo si: persona extranjera y la persona da su consentimiento',
    );
  });
});
