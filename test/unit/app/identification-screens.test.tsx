// A jsdom window, installed before React loads (see the support file for why not the docblock).
import '../support/install-jsdom';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import enIdentification from '../../../locales/en/identification.json';
import en from '../../../locales/en/translation.json';
import esIdentification from '../../../locales/es/identification.json';
import es from '../../../locales/es/translation.json';
import { createCase, saveCase } from '../../../src/app/cases/case-store';
import type { RutasDatabase } from '../../../src/app/db/database';
import { GuidedScreeningScreen } from '../../../src/app/features/identification/components/GuidedScreeningScreen';
import { HOLD_MS } from '../../../src/app/features/identification/components/HoldToReturn';
import { PersonModeScreen } from '../../../src/app/features/identification/components/PersonModeScreen';
import type { JurisdictionHandbook } from '../../../src/app/handbook/types';
import type { Vault } from '../../../src/app/protection/vault';
import type { CaseFile } from '../../../src/core/case/model';
import type { Checklist, Handbook } from '../../../src/core/handbook/schema';
import { handbookRecords } from '../../../src/core/release/publication';
import { handbookFromRecords } from '../../../src/core/release/records';
import { screeningQuestions } from '../../../src/core/screening/guided';
import { loadHandbookFolder } from '../../../src/server/handbooks/folder';
import { uninstallJsdom } from '../support/install-jsdom';
import { deviceWithPin, UnlockedDevice } from './support/case-device';

type Language = 'es' | 'en';
const LANGUAGES: readonly Language[] = ['es', 'en'];
const STRINGS = {
  es: { translation: es, identification: esIdentification },
  en: { translation: en, identification: enIdentification },
};
const languages = {} as Record<Language, I18n>;
let handbook: JurisdictionHandbook;
let general: Checklist;

/** The sample general checklist with every question also in Haitian Creole, as a coordinator could add. */
let creole: Checklist;

beforeAll(async () => {
  const folder = await loadHandbookFolder(join(import.meta.dirname, '../../../routes-data/hn-ocotepeque'));
  if (!folder.ok) throw new Error('routes-data/hn-ocotepeque is invalid');
  const release = handbookFromRecords(handbookRecords(folder.handbook as Handbook, 'enrolled'));
  general = release.checklists.find((c) => c.id === 'indicadores-generales') as Checklist;
  creole = {
    ...general,
    id: 'con-criollo',
    groups: general.groups.map((group) => ({
      ...group,
      indicators: group.indicators.map((indicator) =>
        indicator.question
          ? { ...indicator, question: { ...indicator.question, ht: `HT ${indicator.question.en}` } }
          : indicator,
      ),
    })),
  };
  handbook = {
    ...release,
    checklists: [...release.checklists, creole],
    release: { jurisdictionId: release.jurisdiction.id, number: 1 },
  } as JurisdictionHandbook;
  for (const language of LANGUAGES) {
    const instance = i18next.createInstance();
    await instance.use(initReactI18next).init({
      resources: STRINGS,
      lng: language,
      ns: ['translation', 'identification'],
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
    languages[language] = instance;
  }
});
afterAll(uninstallJsdom);

let db: RutasDatabase;
let vault: Vault;
let count = 0;
afterEach(async () => {
  cleanup();
  setVoices(undefined);
  db?.close();
  await db?.delete();
});

/** A device with a PIN set and a new case. */
async function deviceWithCase(changes: Partial<CaseFile> = {}): Promise<CaseFile> {
  ({ db, vault } = await deviceWithPin(`rutas-identification-${count++}`));
  const file = {
    ...(await createCase(vault, { jurisdictionId: handbook.jurisdiction.id, routeId: handbook.routes[0]?.id ?? '' })),
    ...changes,
  };
  await saveCase(vault, file);
  return file;
}

const storedCase = async (id: string) => (await vault.open<CaseFile>('case', id)) as CaseFile;

// ----- Speech synthesis, as a device with (or without) voices offers it --------------------

const spoken: { text: string; lang: string }[] = [];

class Utterance {
  voice: SpeechSynthesisVoice | null = null;
  lang = '';
  constructor(readonly text: string) {}
}

/** Gives the page a speech synthesis with these voices; undefined removes it. */
function setVoices(voices: { lang: string; localService?: boolean }[] | undefined) {
  spoken.length = 0;
  const synthesis = voices && {
    getVoices: () => voices.map((v) => ({ name: v.lang, localService: true, default: false, voiceURI: v.lang, ...v })),
    speak: (utterance: Utterance) => spoken.push({ text: utterance.text, lang: utterance.lang }),
    cancel: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  for (const [name, value] of [
    ['speechSynthesis', synthesis],
    ['SpeechSynthesisUtterance', voices && Utterance],
  ] as const) {
    if (value) Object.defineProperty(window, name, { value, configurable: true, writable: true });
    else Reflect.deleteProperty(window, name);
  }
}

// ----- Rendering --------------------------------------------------------------------------

let location: { pathname: string; state: unknown };
let goBack: () => void;

/** Records where the router is, and gives the tests the browser's back button. */
function History() {
  location = useLocation();
  const navigate = useNavigate();
  goBack = () => navigate(-1);
  return null;
}

function renderAt(path: string, language: Language = 'en') {
  const jurisdiction = '/j/:jurisdictionId/cases/:caseId';
  return render(
    <UnlockedDevice i18n={languages[language] as I18n} device={{ db, vault }} handbook={handbook}>
      <MemoryRouter initialEntries={['/start', path]} initialIndex={1}>
        <History />
        <Routes>
          <Route path={`${jurisdiction}/screening/:checklistId`} element={<GuidedScreeningScreen />} />
          <Route path={`${jurisdiction}/screening/:checklistId/person`} element={<PersonModeScreen />} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </UnlockedDevice>,
  );
}

const strings = (language: Language) => STRINGS[language].identification;
const base = (file: CaseFile) => `/j/${handbook.jurisdiction.id}/cases/${file.id}`;
const button = (name: string) => screen.getByRole('button', { name });

// ----- Guided identification ------------------------------------------------------------------

describe('guided identification', () => {
  it.each(LANGUAGES)(
    '%s: guidance first, then one sign at a time, each answer saved in the case as it is given',
    async (language) => {
      const s = strings(language);
      const localize = (text: { es: string; en: string }) => text[language];
      const file = await deviceWithCase();
      const { container } = renderAt(`${base(file)}/screening/${general.id}`, language);

      await screen.findByRole('heading', { level: 1, name: localize(general.title) });
      expect(screen.getByRole('heading', { level: 2, name: s.guided.beforeYouStart })).toBeTruthy();
      expect(screen.getByText(localize(general.guidance[0] as { es: string; en: string }))).toBeTruthy();
      fireEvent.click(button(s.guided.start));

      const questions = screeningQuestions(general);
      const [first, second] = questions;
      if (!first || !second) throw new Error('the sample checklist has questions');
      await screen.findByRole('heading', { level: 2, name: localize(first.indicator.text) });
      expect(
        screen.getByText(s.guided.progress.replace('{{current}}', '1').replace('{{total}}', String(questions.length))),
      ).toBeTruthy();
      fireEvent.click(button(s.answer.yes));

      await screen.findByRole('heading', { level: 2, name: localize(second.indicator.text) });
      await waitFor(async () =>
        expect((await storedCase(file.id)).screenings).toEqual([
          { checklistId: general.id, answers: { [first.indicator.id]: 'yes' } },
        ]),
      );

      // Back: the earlier sign again, its answer shown as chosen.
      fireEvent.click(button(s.guided.back));
      await screen.findByRole('heading', { level: 2, name: localize(first.indicator.text) });
      expect(button(s.answer.yes).getAttribute('aria-pressed')).toBe('true');
      expect(button(s.answer.no).getAttribute('aria-pressed')).toBe('false');

      // Nothing on any step asks for a name or an identifier: there is no text field at all.
      expect(container.querySelectorAll('input, textarea, select')).toHaveLength(0);
    },
  );

  it('shows the indicator guidance when the sign has some ("do not ask for details")', async () => {
    const file = await deviceWithCase();
    const questions = screeningQuestions(general);
    const at = questions.findIndex((q) => q.indicator.id === 'violencia-fisica-sexual');
    const violence = questions[at];
    const before = questions.slice(0, at);
    file.screenings = [
      { checklistId: general.id, answers: Object.fromEntries(before.map((q) => [q.indicator.id, 'no'])) },
    ];
    await saveCase(vault, file);
    renderAt(`${base(file)}/screening/${general.id}`);
    await screen.findByRole('heading', { level: 2, name: violence?.indicator.text.en });
    expect(screen.getByText(violence?.indicator.guidance?.en ?? 'missing guidance')).toBeTruthy();
  });

  it.each(LANGUAGES)(
    '%s: the summary names the groups with observed signs, recommends referral, and links back to the case',
    async (language) => {
      const s = strings(language);
      const questions = screeningQuestions(general);
      const last = questions.at(-1);
      const file = await deviceWithCase({
        screenings: [
          {
            checklistId: general.id,
            answers: Object.fromEntries(
              questions
                .slice(0, -1)
                .map((q) => [
                  q.indicator.id,
                  q.indicator.id === 'retencion-documentos'
                    ? 'yes'
                    : q.indicator.id === 'engano'
                      ? 'not_sure'
                      : 'skipped',
                ]),
            ),
          },
        ],
      });
      renderAt(`${base(file)}/screening/${general.id}`, language);

      // Resumes at the one question left.
      await screen.findByRole('heading', { level: 2, name: last?.indicator.text[language] });
      fireEvent.click(button(s.answer.no));

      await screen.findByRole('heading', { level: 2, name: s.summary.title });
      expect(screen.getByText(s.summary.refer)).toBeTruthy();
      const observed = screen.getByRole('region', { name: s.summary.observed });
      expect(
        within(observed).getByRole('heading', {
          level: 4,
          name: STRINGS[language].translation.checklists.relationship.control,
        }),
      ).toBeTruthy();
      expect(
        within(observed).getByText(
          general.groups[0]?.indicators.find((i) => i.id === 'retencion-documentos')?.text[language] ?? '',
        ),
      ).toBeTruthy();
      const closer = screen.getByRole('region', { name: s.summary.closerLook });
      expect(
        within(closer).getByText(general.groups[0]?.indicators.find((i) => i.id === 'engano')?.text[language] ?? ''),
      ).toBeTruthy();
      expect(screen.getByText(general.ifPresent[language])).toBeTruthy();
      expect(screen.getByRole('link', { name: s.summary.toCase }).getAttribute('href')).toBe(base(file));
      // Signs and a recommendation, never a score: no figure in what it says about them (the content's own
      // "what to do" may hold phone numbers).
      for (const said of [screen.getByText(s.summary.refer), observed, closer]) {
        expect(said.textContent).not.toMatch(/\d/);
      }

      await waitFor(async () => expect((await storedCase(file.id)).screenings[0]?.completedAt).toBeDefined());
    },
  );
});

// ----- Person-facing mode ---------------------------------------------------------------------

const personQuestionIds = (checklist: Checklist) =>
  screeningQuestions(checklist)
    .filter((q) => q.indicator.question)
    .map((q) => q.indicator);

/** Holds "Worker: return" down for `ms`, then lets go. */
async function hold(ms: number) {
  const control = button(strings('en').person.return);
  fireEvent.pointerDown(control);
  await act(() => new Promise((resolve) => setTimeout(resolve, ms)));
  fireEvent.pointerUp(control);
}

describe('person-facing mode', () => {
  it('offers only languages every question exists in, and says plainly when the phone has no voice for one', async () => {
    setVoices([{ lang: 'es-MX' }]);
    const file = await deviceWithCase();
    renderAt(`${base(file)}/screening/${creole.id}/person`);
    const s = strings('en');
    await screen.findByRole('heading', { level: 1, name: s.person.title });
    const choices = screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value);
    expect(choices).toEqual(['es', 'en', 'ht']);
    expect(screen.getByRole('radio', { name: /Haitian Creole/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: /Haitian Creole/ }));
    await screen.findByText(s.person.voice.missing.replace('{{language}}', 'Haitian Creole'));
    expect(screen.getByText(s.person.symbols.replaceAll('{{language}}', 'Haitian Creole'))).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: /Spanish/ }));
    await screen.findByText(s.person.voice.available.replace('{{language}}', 'Spanish'));
  });

  it('a checklist whose questions are not all translated is not offered in that language', async () => {
    const file = await deviceWithCase({ personLanguage: 'ht' });
    renderAt(`${base(file)}/screening/${general.id}/person`);
    const s = strings('en');
    await screen.findByText(s.person.languageIncomplete.replace('{{language}}', 'Haitian Creole'));
    expect(screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['es', 'en']);
  });

  it('the person answers in their language; back does not leave; a short press does not leave; holding returns to the worker', async () => {
    setVoices([]);
    const file = await deviceWithCase();
    renderAt(`${base(file)}/screening/${creole.id}/person`);
    const s = strings('en');
    const [first, second] = personQuestionIds(creole);
    fireEvent.click(await screen.findByRole('radio', { name: /Haitian Creole/ }));
    fireEvent.click(button(s.person.handOver));

    const dialog = await screen.findByRole('dialog');
    expect(dialog.getAttribute('lang')).toBe('ht');
    expect(document.documentElement.lang).toBe('ht');
    expect(within(dialog).getByText(first?.question?.ht ?? '')).toBeTruthy();
    // No words for the buttons exist in Haitian Creole: the worker's, marked as such (with symbols from the CSS).
    const yes = within(dialog).getByRole('button', { name: s.personFacing.answer.yes });
    expect(yes.getAttribute('lang')).toBe('en');
    fireEvent.click(yes);
    await within(dialog).findByText(second?.question?.ht ?? '');

    // The browser's back button: still the person's question.
    act(() => goBack());
    await waitFor(() => expect(location.state).toEqual({ rutasPersonMode: 3 }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(within(screen.getByRole('dialog')).getByText(second?.question?.ht ?? '')).toBeTruthy();

    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: s.personFacing.answer.not_sure }));
    await hold(HOLD_MS / 4);
    expect(screen.getByRole('dialog')).toBeTruthy();

    await hold(HOLD_MS + 200);
    await screen.findByRole('heading', { level: 1, name: s.person.answersTitle });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.documentElement.lang).not.toBe('ht');
    // Back in the worker's language: each sign as the worker knows it, with the person's answer.
    const review = screen.getByRole('list');
    const items = within(review).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain(first?.text.en);
    expect(items[0]?.textContent).toContain(s.person.given.yes);
    expect(items[1]?.textContent).toContain(s.person.given.not_sure);
    expect(items[2]?.textContent).toContain(s.person.given.none);
    await waitFor(() => expect(location.state).toBeNull());

    const stored = await storedCase(file.id);
    expect(stored.screenings).toEqual([
      {
        checklistId: creole.id,
        answers: { [first?.id ?? '']: 'yes', [second?.id ?? '']: 'not_sure' },
        personLanguage: 'ht',
      },
    ]);
    expect(stored.personLanguage).toBe('ht');
  }, 15_000);

  it.each(LANGUAGES)(
    '%s: with a voice for the language, each question is read aloud in it, and again on request',
    async (language) => {
      setVoices([{ lang: 'es-HN' }, { lang: 'en-US' }]);
      const file = await deviceWithCase();
      renderAt(`${base(file)}/screening/${general.id}/person`, 'en');
      const [first] = personQuestionIds(general);
      const name = language === 'es' ? /Spanish/ : /English/;
      fireEvent.click(await screen.findByRole('radio', { name }));
      fireEvent.click(button(strings('en').person.handOver));

      const dialog = await screen.findByRole('dialog');
      // Spanish and English have the app's own words: the buttons speak the person's language.
      const words = strings(language).personFacing;
      expect(within(dialog).getByRole('button', { name: words.answer.yes }).getAttribute('lang')).toBe(language);
      await waitFor(() =>
        expect(spoken).toEqual([{ text: first?.question?.[language], lang: language === 'es' ? 'es-HN' : 'en-US' }]),
      );
      fireEvent.click(within(dialog).getByRole('button', { name: words.readAgain }));
      expect(spoken).toHaveLength(2);
    },
  );
});
