import { describe, expect, it } from 'vitest';
import {
  fieldDomId,
  issueIndex,
  missingTranslations,
  placeOf,
  schemaIssues,
  serverIssues,
} from '../../../src/app/components/editor/issues';
import { requiredText, textFrom } from '../../../src/app/components/editor/text-form';
import { ActionRoute, Checklist } from '../../../src/core/handbook/schema';
import { ocotepequeRoute } from './support/console-editor-samples';

describe('field problems', () => {
  it('turns schema problems into codes at the path of the field', () => {
    const route = structuredClone(ocotepequeRoute()) as { stages: { steps: unknown[]; kind: string }[]; id: string };
    route.id = 'Ruta';
    (route.stages[0] as { kind: string }).kind = 'lunch';
    (route.stages[1] as { steps: unknown[] }).steps = [];
    const parsed = ActionRoute.safeParse(route);
    if (parsed.success) throw new Error('expected problems');
    expect(schemaIssues(parsed.error)).toEqual([
      { path: 'id', code: 'identifier' },
      { path: 'stages.0.kind', code: 'invalid' },
      { path: 'stages.1.steps', code: 'needsStep' },
    ]);
  });

  it('says a checklist without guidance needs guidance, and an empty text is required', () => {
    const parsed = Checklist.safeParse({
      id: 'x',
      title: { es: ' ', en: 'Signs' },
      summary: { es: 'a', en: 'b' },
      guidance: [],
      groups: [
        { id: 'g', title: { es: 'a', en: 'b' }, relationship: 'control', indicators: [{ id: 'i', text: { es: 'a' } }] },
      ],
      ifPresent: { es: 'a', en: 'b' },
    });
    if (parsed.success) throw new Error('expected problems');
    expect(schemaIssues(parsed.error)).toEqual([
      { path: 'title.es', code: 'required' },
      { path: 'guidance', code: 'needsGuidance' },
      { path: 'groups.0.indicators.0.text.en', code: 'required' },
    ]);
  });

  it('reads the server’s paths inside the record body', () => {
    expect(serverIssues([{ path: 'body.stages.0.steps.2.title.en', message: 'must not be empty' }])).toEqual([
      { path: 'stages.0.steps.2.title.en', code: 'server', detail: 'must not be empty' },
    ]);
  });

  it('shows the browser’s own words for a field, and the server’s only where the browser found nothing', () => {
    const index = issueIndex(
      [{ path: 'title.en', code: 'required' }],
      [
        { path: 'title.en', code: 'server', detail: 'must not be empty' },
        { path: 'stages.0.id', code: 'server', detail: 'taken' },
      ],
    );
    expect(index.get('title.en')).toEqual([{ path: 'title.en', code: 'required' }]);
    expect(index.get('stages.0.id')).toEqual([{ path: 'stages.0.id', code: 'server', detail: 'taken' }]);
  });
});

describe('missing translations', () => {
  it('lists texts written in one language only, not texts left empty in both', () => {
    expect(
      missingTranslations({
        title: { es: 'Ruta', en: '' },
        summary: { es: '', en: '' },
        principles: [{ es: '', en: 'Non-punishment' }],
        stages: [{ steps: [{ question: { es: '¿Puede salir?', en: 'Can you leave?', fr: '' } }] }],
      }),
    ).toEqual([
      { path: 'title', languages: ['en'] },
      { path: 'principles.0', languages: ['es'] },
    ]);
  });
});

describe('places and texts', () => {
  it('reads a path as the items it goes through, the field and the language', () => {
    expect(placeOf('stages.1.steps.2.title.en')).toEqual({
      items: [
        { list: 'stages', number: 2 },
        { list: 'steps', number: 3 },
      ],
      field: 'title',
      language: 'en',
    });
    expect(placeOf('principles.0.es')).toEqual({
      items: [{ list: 'principles', number: 1 }],
      field: undefined,
      language: 'es',
    });
    expect(placeOf('stages.0.id')).toEqual({
      items: [{ list: 'stages', number: 1 }],
      field: 'id',
      language: undefined,
    });
    expect(fieldDomId('stages.0.title.es')).toBe('field-stages-0-title-es');
  });

  it('keeps a question’s other languages and drops the ones emptied', () => {
    const text = textFrom({ es: ' ¿Puede salir? ', en: 'Can you leave?', ht: 'Èske ou ka soti?', fr: '' });
    expect(requiredText(text)).toEqual({ es: '¿Puede salir?', en: 'Can you leave?', ht: 'Èske ou ka soti?' });
    expect(requiredText(textFrom(undefined))).toEqual({ es: '', en: '' });
  });
});
