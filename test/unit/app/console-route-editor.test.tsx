// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../../../locales/en/console-editors.json';
import es from '../../../locales/es/console-editors.json';
import { ConflictPanel } from '../../../src/app/components/editor/ConflictPanel';
import { RouteEditor } from '../../../src/app/features/console-route/components/RouteEditor';
import { ROUTE_SHAPE, routeBody, routeForm } from '../../../src/app/features/console-route/model/route-form';
import type { DraftRecord } from '../../../src/core/console/protocol';
import { uninstallJsdom } from '../support/install-jsdom';
import { ocotepequeRoute, sampleProviders } from './support/console-editor-samples';

const ROUTE = ocotepequeRoute() as {
  stages: { title: { es: string }; steps: { title: { es: string; en: string } }[] }[];
};
const RECORD: DraftRecord = {
  key: 'route/ruta-atencion',
  revision: 4,
  archived: false,
  updatedAt: '2026-11-20T15:00:00.000Z',
  updatedBy: null,
  body: ocotepequeRoute(),
};
const PROVIDERS = sampleProviders('hn-ocotepeque');
let i18n: I18n;

beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { es: { 'console-editors': es }, en: { 'console-editors': en } },
    lng: 'es',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

afterEach(async () => {
  // Focus moves wait for React's next render; let them run before the page goes.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  cleanup();
});
afterAll(() => uninstallJsdom());

function show(element: ReactElement, language = 'es') {
  void i18n.changeLanguage(language);
  return render(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
}

const editor = () =>
  show(<RouteEditor jurisdictionId="hn-ocotepeque" record={RECORD} providers={PROVIDERS} canEdit onSaved={() => {}} />);

/** The step titles of a stage, in order, as their headings show them (DOM queries: the route is a long form). */
function stepsOfStage(number: number): string[] {
  const stage = document.querySelectorAll('.editor-stage')[number - 1];
  return [...(stage?.querySelectorAll('.editor-step h4') ?? [])].map((heading) => heading.textContent ?? '');
}

/** A button by its aria-label or its visible text (Testing Library's label queries are slow on a form this long). */
function button(name: string): HTMLElement {
  const labelled = [...document.querySelectorAll<HTMLElement>('button[aria-label]')].find(
    (element) => element.getAttribute('aria-label') === name,
  );
  return labelled ?? screen.getByText(name, { selector: 'button' });
}

const firstStage = ROUTE.stages[0];
const title = (stage: number, step: number) => ROUTE.stages[stage]?.steps[step]?.title.es ?? '';

// A whole route is a long form: rendering it in jsdom takes a second or two on a loaded machine.
describe('the route editor', { timeout: 20_000 }, () => {
  it('moves a step down with its button, says where it went and keeps the focus on the button', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    editor();
    expect(stepsOfStage(1)).toEqual(firstStage?.steps.map((_, i) => `Paso ${i + 1}: ${title(0, i)}`));
    const down = button(`Bajar: Paso 1: ${title(0, 0)}`);
    fireEvent.click(down);
    await act(() => vi.runAllTimersAsync());
    vi.useRealTimers();
    expect(stepsOfStage(1).slice(0, 2)).toEqual([`Paso 1: ${title(0, 1)}`, `Paso 2: ${title(0, 0)}`]);
    expect(screen.getByText(`Paso 1: ${title(0, 0)} es ahora el número 2 de 4.`)).toBeDefined();
    expect(document.activeElement?.getAttribute('aria-label')).toBe(`Bajar: Paso 2: ${title(0, 0)}`);
    expect(screen.getByText('Cambios sin guardar')).toBeDefined();
  });

  it('moves a step to the end of another stage', () => {
    editor();
    fireEvent.click(button(`Paso 2: ${title(0, 1)}`));
    const step = document.querySelectorAll<HTMLElement>('.editor-step')[1] as HTMLElement;
    fireEvent.change(within(step).getByLabelText('Mover este paso a otra etapa'), { target: { value: '1' } });
    fireEvent.click(button('Mover'));
    expect(stepsOfStage(1)).not.toContain(`Paso 2: ${title(0, 1)}`);
    const secondStage = stepsOfStage(2);
    expect(secondStage.at(-1)).toBe(`Paso ${secondStage.length}: ${title(0, 1)}`);
  });

  it('refuses to save a step without its English title: the problem shows at the field and in a summary', () => {
    editor();
    fireEvent.click(button(`Paso 1: ${title(0, 0)}`));
    const step = document.querySelector('.editor-step') as HTMLElement;
    const english = within(step).getByRole('textbox', { name: 'Título Inglés' });
    fireEvent.change(english, { target: { value: '' } });
    expect(document.querySelector('.missing-translations h2')?.textContent).toBe('A 1 texto le falta la traducción');
    fireEvent.click(button('Guardar'));
    const summary = document.querySelector('.issue-summary') as HTMLElement;
    expect(summary.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(summary);
    expect(within(summary).getByRole('heading').textContent).toBe('Corrija 1 problema antes de guardar');
    expect(within(summary).getByRole('link').textContent).toBe(
      'Etapa 1 › Paso 1 › Título › Inglés: Escríbalo; no puede quedar vacío.',
    );
    expect(english.getAttribute('aria-invalid')).toBe('true');
    const described = (english.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain('Escríbalo; no puede quedar vacío.');
    expect(screen.queryByText('Guardando…')).toBeNull();
  });

  it('summarises the conditions and refuses a fact both required and excluded', () => {
    editor();
    fireEvent.click(button(`Paso 2: ${title(0, 1)}`));
    const conditions = document.querySelector('.conditions-field') as HTMLElement;
    expect(within(conditions).getByText('Se aplica a: todos los casos')).toBeDefined();
    const only = within(conditions).getByRole('group', { name: 'Solo cuando se cumplen todas estas' });
    const unless = within(conditions).getByRole('group', { name: 'Excepto cuando se cumple alguna de estas' });
    fireEvent.click(within(only).getByLabelText('niña, niño o adolescente'));
    expect(within(conditions).getByText('Se aplica a: solo si: niña, niño o adolescente')).toBeDefined();
    fireEvent.click(within(unless).getByLabelText('niña, niño o adolescente'));
    fireEvent.click(button('Guardar'));
    expect(
      within(conditions).getByText('"niña, niño o adolescente" no puede ser a la vez requisito y excepción.'),
    ).toBeDefined();
  });

  it('chooses a responsible provider by name', () => {
    editor();
    fireEvent.click(button(`Paso 3: ${title(0, 2)}`));
    const responsible = document
      .querySelectorAll('.editor-step')[2]
      ?.querySelector('.responsible-field') as HTMLElement;
    const provider = PROVIDERS.find((p) => p.id === 'dinaf-occidente');
    fireEvent.change(within(responsible).getByLabelText('Añadir un servicio responsable'), {
      target: { value: provider?.id },
    });
    fireEvent.click(within(responsible).getByRole('button', { name: 'Añadir' }));
    expect(within(responsible).getByText(provider?.name.es ?? '')).toBeDefined();
    expect(screen.getByText(`todos los casos · responsables: ${provider?.name.es}`)).toBeDefined();
  });
});

describe('a conflict', () => {
  const mineForm = routeForm(ocotepequeRoute());
  const retitled = mineForm.stages[1]?.steps[0];
  if (retitled) retitled.title = { es: 'Atención médica primero', en: 'Health care first' };
  const mine = routeBody(mineForm);
  const theirForm = routeForm(ocotepequeRoute());
  theirForm.stages[2]?.steps.push({
    ...(theirForm.stages[2]?.steps[0] as (typeof theirForm.stages)[0]['steps'][0]),
    id: 'paso-nuevo',
    title: { es: 'Paso nuevo', en: 'New step' },
  });
  const theirs: DraftRecord = {
    ...RECORD,
    revision: 5,
    updatedBy: 'Ana Coordinadora',
    updatedAt: '2026-11-21T10:00:00.000Z',
    body: routeBody(theirForm),
  };
  const naming = {
    shape: ROUTE_SHAPE,
    labels: { parents: 'title', children: 'title' },
    kinds: { parents: 'stage', children: 'step' },
  };

  it('shows both versions, what differs, and lets the coordinator choose', () => {
    const takeTheirs = vi.fn();
    const applyMine = vi.fn();
    show(
      <ConflictPanel
        conflict={{ yours: mine, theirs }}
        naming={naming}
        onTakeTheirs={takeTheirs}
        onApplyMine={applyMine}
      />,
      'en',
    );
    const panel = screen.getByRole('region', { name: 'Someone else saved this while you were editing' });
    expect(panel.textContent).toContain('Ana Coordinadora saved it on');
    const differences = within(panel)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(differences).toContain('Step «Health care first»: differs in Title');
    expect(differences).toContain('Step «New step»: only in their version');
    expect(within(panel).getByRole('heading', { name: 'Your version' })).toBeDefined();
    expect(within(panel).getByRole('heading', { name: 'Their version' })).toBeDefined();
    fireEvent.click(within(panel).getByRole('button', { name: 'Take their version' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Apply mine on top of theirs' }));
    expect(takeTheirs).toHaveBeenCalledOnce();
    expect(applyMine).toHaveBeenCalledOnce();
  });
});
