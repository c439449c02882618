// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../locales/en/console-editors.json';
import es from '../../../locales/es/console-editors.json';
import { CombinedNotice, ConflictPanel } from '../../../src/app/components/editor/ConflictPanel';
import type { RecordBody } from '../../../src/app/components/editor/versions';
import { ChecklistEditor } from '../../../src/app/features/console-checklists/components/ChecklistEditor';
import { RouteEditor } from '../../../src/app/features/console-route/components/RouteEditor';
import { ROUTE_SHAPE, routeBody, routeForm } from '../../../src/app/features/console-route/model/route-form';
import { APP_LANGUAGES } from '../../../src/app/i18n/resolve-language';
import type { DraftRecord } from '../../../src/core/console/protocol';
import { uninstallJsdom } from '../support/install-jsdom';
import { ocotepequeRoute, sampleChecklists, sampleProviders } from './support/console-editor-samples';
import { markStrings, unmarked } from './support/unmarked-strings';

/** Every content text (a string by language) of a record, marked. */
function markContent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(markContent) as T;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const isText = 'es' in value && entries.every(([, v]) => typeof v === 'string');
    return Object.fromEntries(entries.map(([k, v]) => [k, isText ? `«${v}»` : markContent(v)])) as T;
  }
  return value;
}

const SAVED_AT = '2026-11-24T10:32:00.000Z';
const i18nFor: Record<string, I18n> = {};

beforeAll(async () => {
  for (const [language, strings] of [
    ['es', es],
    ['en', en],
  ] as const) {
    const instance = i18next.createInstance();
    await instance.use(initReactI18next).init({
      resources: { [language]: { 'console-editors': markStrings(strings) } },
      lng: language,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    i18nFor[language] = instance;
  }
});
afterEach(async () => {
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  cleanup();
});
afterAll(() => uninstallJsdom());

/** The first three stages of the Ocotepeque route: every kind of step, and a form jsdom renders in good time. */
const route = markContent({ ...ocotepequeRoute(), stages: (ocotepequeRoute().stages as unknown[]).slice(0, 3) });
const record = (key: string, body: RecordBody, revision = 2): DraftRecord => ({
  key,
  revision,
  archived: false,
  updatedAt: SAVED_AT,
  updatedBy: '«Ana»',
  body,
});
const providers = markContent(sampleProviders('hn-ocotepeque'));
const checklist = markContent(sampleChecklists('mx-tapachula').find((c) => c.id === 'indicadores-generales') ?? {});

/** Their version: a step added at the end of the third stage. */
const theirs = (() => {
  const form = routeForm(route);
  const stage = form.stages[2];
  const first = stage?.steps[0];
  if (stage && first) stage.steps.push({ ...first, id: 'paso-nuevo', title: { es: '«Nuevo»', en: '«New»' } });
  return record('route/ruta-atencion', routeBody(form), 3);
})();
/** My version: the first step retitled and the first stage moved down. */
const mine = (() => {
  const form = routeForm(route);
  const step = form.stages[0]?.steps[0];
  if (step) step.title = { es: '«Llame»', en: '«Call»' };
  return routeBody({
    ...form,
    stages: [...form.stages.slice(1, 2), ...form.stages.slice(0, 1), ...form.stages.slice(2)],
  });
})();
const naming = {
  shape: ROUTE_SHAPE,
  labels: { parents: 'title', children: 'title' },
  kinds: { parents: 'stage', children: 'step' },
};

/** Opens every step and indicator, then tries to save a form with a problem, so messages show too. */
async function openAllAndTrySaving() {
  for (const toggle of document.querySelectorAll<HTMLButtonElement>('.disclosure[aria-expanded="false"]')) {
    fireEvent.click(toggle);
  }
  const english = document.querySelector<HTMLInputElement>(
    '.editor-step input[lang="en"], .editor-step textarea[lang="en"]',
  );
  if (english) fireEvent.change(english, { target: { value: '' } });
  const save = [...document.querySelectorAll<HTMLButtonElement>('button[type="submit"]')][0];
  if (save) fireEvent.click(save);
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(document.querySelector('.issue-summary')).not.toBeNull();
}

const SCREENS: [string, () => ReactElement, (() => Promise<void>)?][] = [
  [
    'route editor, every step open, a problem shown',
    () => (
      <RouteEditor
        jurisdictionId="hn-ocotepeque"
        record={record('route/ruta-atencion', route)}
        providers={providers}
        canEdit
        onSaved={() => {}}
      />
    ),
    openAllAndTrySaving,
  ],
  [
    'checklist editor, every indicator open, a problem shown',
    () => (
      <ChecklistEditor
        jurisdictionId="mx-tapachula"
        record={record('checklist/indicadores-generales', checklist)}
        otherIds={[]}
        canEdit
        justSaved={false}
        onSaved={() => {}}
      />
    ),
    openAllAndTrySaving,
  ],
  [
    'new checklist',
    () => (
      <ChecklistEditor jurisdictionId="mx-tapachula" record={null} otherIds={[]} canEdit justSaved onSaved={() => {}} />
    ),
  ],
  [
    'conflict and combined versions',
    () => (
      <>
        <ConflictPanel
          conflict={{ yours: mine, theirs }}
          naming={naming}
          onTakeTheirs={() => {}}
          onApplyMine={() => {}}
        />
        <ConflictPanel
          conflict={{ yours: mine, theirs: null }}
          naming={naming}
          onTakeTheirs={() => {}}
          onApplyMine={() => {}}
        />
        <CombinedNotice theirs={theirs} mine={mine} naming={naming} />
      </>
    ),
  ],
];

/** What the platform's Intl writes from data: language names, dates, the words joining a list. */
function allowed(language: string): string[] {
  const names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  const joiners = (['conjunction', 'disjunction'] as const).flatMap((type) =>
    [
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]
      .flatMap((items) => new Intl.ListFormat(language, { type }).formatToParts(items))
      .filter((part) => part.type === 'literal')
      .map((part) => part.value.trim())
      .filter(Boolean),
  );
  return [
    ...['ht', 'fr', 'pt'].map((code) => names.of(code) ?? code),
    ...APP_LANGUAGES.map((code) => names.of(code) ?? code),
    new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(SAVED_AT)),
    ...joiners.map((joiner) => ` ${joiner} `),
  ];
}

describe('no user-visible string outside locales/ in the route and checklist editors', () => {
  it('the check catches a word written in a component', () => {
    const { container } = render(
      <p>
        ⟦Guardar⟧ «Ruta» Save{' '}
        <button type="button" aria-label="Move">
          ⟦x⟧
        </button>
      </p>,
    );
    expect(unmarked(container, allowed('es')).found).toEqual(['"Save" in "⟦Guardar⟧ «Ruta» Save"', '"Move" in "Move"']);
  });

  for (const language of ['es', 'en']) {
    it.each(SCREENS)(`${language}: %s`, { timeout: 30_000 }, async (_name, screen, interact) => {
      render(<I18nextProvider i18n={i18nFor[language] as I18n}>{screen()}</I18nextProvider>);
      await interact?.();
      const { found, texts } = unmarked(document.body, allowed(language), { skipTextareas: true });
      expect(found).toEqual([]);
      expect(texts).toBeGreaterThan(20); // the screen really rendered text to check
    });
  }
});
