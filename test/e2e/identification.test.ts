import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checklist, Indicator, LocalizedText } from '../../src/core/handbook/schema';
import { seriousAxeViolations } from './support-a11y';
import { type AppSession, appUrl, expectHeading, expectHtmlLang, openBrowser, textOf } from './support-app';
import { escapeRegExp, expectAccessible, passTheLock, storedText } from './support-cases';
import { authoredHandbook, LANGUAGES, type Language, ui } from './support-data';

const J = 'hn-ocotepeque';
const CHECKLIST = 'indicadores-generales';
/** Where the test tells the page which voices the device has (see the speech stand-in below). */
const VOICES_KEY = 'rutas-test.voices';

const other = (language: Language): Language => (language === 'es' ? 'en' : 'es');
const text = (localized: LocalizedText, language: string) => localized[language] ?? localized.es;
/** A language's name as the phone shows it in the worker's language ("inglés", "Spanish"). */
const languageName = (code: string, worker: Language) =>
  new Intl.DisplayNames([worker], { type: 'language' }).of(code) ?? code;

async function checklist(): Promise<Checklist> {
  const found = (await authoredHandbook(J)).checklists.find((c) => c.id === CHECKLIST);
  if (!found) throw new Error(`${J} has no checklist ${CHECKLIST}`);
  return found;
}

const indicators = (list: Checklist): Indicator[] => list.groups.flatMap((group) => group.indicators);

/** Presses "Worker: return" (or "Persona trabajadora: volver") down for `ms`, with a finger or a key. */
async function hold(page: Page, language: Language, ms: number, by: 'pointer' | 'key' = 'pointer') {
  const control = page.getByRole('button', { name: ui(language, 'identification:person.return') });
  if (by === 'key') {
    await control.focus();
    await page.keyboard.down('Enter');
    await page.waitForTimeout(ms);
    await page.keyboard.up('Enter');
    return;
  }
  await control.hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

describe.each(LANGUAGES)('guided identification and the person-facing mode (%s)', (language) => {
  let session: AppSession;
  let page: Page;
  let caseUrl = '';

  beforeAll(async () => {
    session = await openBrowser({ locale: language === 'es' ? 'es-HN' : 'en-US' });
    page = session.page;
    // Speech synthesis stands in for the device's: which voices a phone has is the phone's own
    // business, and the test must know which language each question was read aloud in.
    await page.addInitScript((key) => {
      const spoken: { text: string; lang: string }[] = [];
      class Utterance {
        lang = '';
        voice: unknown = null;
        constructor(readonly text: string) {}
      }
      const synthesis = {
        getVoices: () =>
          (JSON.parse(localStorage.getItem(key) ?? '[]') as string[]).map((lang) => ({
            lang,
            name: `Test voice ${lang}`,
            voiceURI: `test-${lang}`,
            localService: true,
            default: false,
          })),
        speak: (utterance: Utterance) => spoken.push({ text: utterance.text, lang: utterance.lang }),
        cancel: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
      };
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synthesis });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, value: Utterance });
      Object.assign(window, { __spoken: spoken });
    }, VOICES_KEY);
  });

  afterAll(async () => {
    await session?.close();
  });

  const spoken = () =>
    page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

  it('starts from a checklist, asks one sign at a time, and sums up with a recommendation to refer', async () => {
    const list = await checklist();
    const signs = indicators(list);
    const title = text(list.title, language);
    await page.goto(appUrl(`/j/${J}/checklists/${CHECKLIST}?lng=${language}`));
    await expectHeading(page, title);
    const start = page.getByRole('link', { name: ui(language, 'identification:start.button') });
    await start.click();
    // The checklist screen bears the same title as the screening: wait until it has gone.
    await start.waitFor({ state: 'detached' });
    await passTheLock(page, language, title);

    await page.getByRole('heading', { level: 2, name: ui(language, 'identification:guided.beforeYouStart') }).waitFor();
    await expectHtmlLang(page, language);
    expect(page.url()).toMatch(new RegExp(`/j/${J}/cases/[\\w-]+/screening/${CHECKLIST}$`));
    caseUrl = page.url().replace(`/screening/${CHECKLIST}`, '');
    expect(await textOf(page.locator('main'))).toContain(text(list.guidance[0] as LocalizedText, language));
    await expectAccessible(page, 'guided identification, before starting');
    await page.getByRole('button', { name: ui(language, 'identification:guided.start') }).click();

    const answerAs = (value: string) =>
      page.getByRole('button', { name: ui(language, `identification:answer.${value}`), exact: true }).click();
    const showing = (sign: Indicator) =>
      page.getByRole('heading', { level: 2, name: text(sign.text, language), exact: true }).waitFor();

    for (const [at, sign] of signs.entries()) {
      await showing(sign);
      const progress = ui(language, 'identification:guided.progress', { current: at + 1, total: signs.length });
      expect(await textOf(page.locator('main .screening-progress'))).toBe(progress);
      // No step asks for a name or anything else that identifies the person.
      expect(await page.locator('main input, main textarea, main select').count()).toBe(0);
      if (sign.guidance) expect(await textOf(page.locator('main'))).toContain(text(sign.guidance, language));
      if (at === 0) {
        await expectAccessible(page, 'question screen');
        await answerAs('yes');
      } else if (at === 1) {
        await answerAs('not_sure');
      } else if (at === 2) {
        // Back to the sign before, its answer shown as given; answering it again returns here.
        await page.getByRole('button', { name: ui(language, 'identification:guided.back') }).click();
        await showing(signs[1] as Indicator);
        const unsure = page.getByRole('button', { name: ui(language, 'identification:answer.not_sure') });
        expect(await unsure.getAttribute('aria-pressed')).toBe('true');
        await unsure.click();
        await showing(sign);
        await answerAs('skipped');
      } else {
        await answerAs('no');
      }
    }

    const summary = page.getByRole('heading', { level: 2, name: ui(language, 'identification:summary.title') });
    await summary.waitFor();
    const main = await textOf(page.locator('main'));
    expect(main).toContain(ui(language, 'identification:summary.refer'));
    const observed = await textOf(page.getByRole('region', { name: ui(language, 'identification:summary.observed') }));
    expect(observed).toContain(ui(language, 'checklists.relationship.control'));
    expect(observed).toContain(text((signs[0] as Indicator).text, language));
    expect(observed).not.toMatch(/\d/);
    const closer = await textOf(page.getByRole('region', { name: ui(language, 'identification:summary.closerLook') }));
    expect(closer).toContain(text((signs[1] as Indicator).text, language));
    expect(main).toContain(text(list.ifPresent, language));
    await expectAccessible(page, 'summary');

    // Every answer was sealed as it was given: after a reload (which locks the app) the summary is back,
    // and the device storage shows none of it in plain text.
    await page.reload();
    await passTheLock(page, language, title);
    await summary.waitFor();
    const stored = await storedText(page);
    expect(stored).toContain('case ');
    for (const sign of signs.slice(0, 3)) expect(stored).not.toContain(sign.id);
    expect(stored).not.toContain(CHECKLIST);

    await page.getByRole('link', { name: ui(language, 'identification:summary.toCase') }).click();
    await page.waitForURL(caseUrl);
    await page.locator('main h1', { hasText: /RT-[2-9A-Z]{4}-[2-9A-Z]{4}/ }).waitFor();
  });

  it("hands the phone over: the person's language, back stays, only a held press returns, answers in the worker's language", async () => {
    const list = await checklist();
    const person = other(language);
    const asked = indicators(list).filter((sign) => sign.question);
    const [first, second] = asked as [Indicator, Indicator];
    // This phone speaks German only: nothing for the person's language.
    await page.evaluate(([key]) => localStorage.setItem(key as string, JSON.stringify(['de-DE'])), [VOICES_KEY]);
    await page.goto(appUrl(`${new URL(caseUrl).pathname}/screening/${CHECKLIST}/person`));
    await passTheLock(page, language, ui(language, 'identification:person.title'));
    await expectHeading(page, ui(language, 'identification:person.title'));

    const name = languageName(person, language);
    await page.getByRole('radio', { name: new RegExp(escapeRegExp(name), 'i') }).check();
    await page.getByText(ui(language, 'identification:person.voice.missing', { language: name })).waitFor();
    expect(await textOf(page.locator('main'))).toContain(ui(language, 'identification:person.returnHow'));
    await expectAccessible(page, 'hand-over preparation');
    await page.getByRole('button', { name: ui(language, 'identification:person.handOver') }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText(text(first.question as LocalizedText, person), { exact: true }).waitFor();
    await expectHtmlLang(page, person);
    expect(await dialog.getAttribute('lang')).toBe(person);
    // Spanish and English have the app's own words: the person's buttons are in the person's language.
    const personAnswer = (value: string) =>
      dialog.getByRole('button', { name: ui(person, `identification:personFacing.answer.${value}`), exact: true });
    expect(await personAnswer('yes').getAttribute('lang')).toBe(person);
    expect(await seriousAxeViolations(page), 'axe on the person-facing mode').toEqual([]);
    expect(await page.locator('main a, nav a').evaluateAll((links) => links.every((a) => a.closest('[inert]')))).toBe(
      true,
    );

    // The browser's back button does not leave the mode.
    const url = page.url();
    await page.goBack();
    await page.waitForTimeout(500);
    await dialog.getByText(text(first.question as LocalizedText, person), { exact: true }).waitFor();
    expect(page.url()).toBe(url);

    await personAnswer('not_sure').click();
    await dialog.getByText(text(second.question as LocalizedText, person), { exact: true }).waitFor();
    await personAnswer('no').click();

    // A tap, or a press shorter than two seconds, leaves nothing.
    await hold(page, language, 400);
    expect(await dialog.isVisible()).toBe(true);
    await hold(page, language, 2_400);

    await expectHeading(page, ui(language, 'identification:person.answersTitle'));
    await expectHtmlLang(page, language);
    expect(await dialog.count()).toBe(0);
    const review = page.locator('main .person-review li');
    expect(await textOf(review.nth(0))).toContain(text(first.text, language));
    expect(await textOf(review.nth(0))).toContain(ui(language, 'identification:person.given.not_sure'));
    expect(await textOf(review.nth(1))).toContain(ui(language, 'identification:person.given.no'));
    await expectAccessible(page, "person's answers");
  });

  it("reads each question aloud with the phone's voice for the person's language, and again on request", async () => {
    const list = await checklist();
    const person = other(language);
    const voice = person === 'es' ? 'es-US' : 'en-GB';
    const [first] = indicators(list).filter((sign) => sign.question) as [Indicator];
    await page.evaluate(
      ([key, lang]) => localStorage.setItem(key as string, JSON.stringify([lang])),
      [VOICES_KEY, voice],
    );
    await page.goto(appUrl(`${new URL(caseUrl).pathname}/screening/${CHECKLIST}/person`));
    await passTheLock(page, language, ui(language, 'identification:person.title'));

    const name = languageName(person, language);
    await page.getByRole('radio', { name: new RegExp(escapeRegExp(name), 'i') }).check();
    await page.getByText(ui(language, 'identification:person.voice.available', { language: name })).waitFor();
    await page.getByRole('button', { name: ui(language, 'identification:person.handOver') }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText(text(first.question as LocalizedText, person), { exact: true }).waitFor();
    await page.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length > 0);
    // (A development build's strict mode may start, stop and restart the reading: what counts is what is read.)
    const read = await spoken();
    expect(new Set(read.map((utterance) => JSON.stringify(utterance)))).toEqual(
      new Set([JSON.stringify({ text: text(first.question as LocalizedText, person), lang: voice })]),
    );
    await dialog.getByRole('button', { name: ui(person, 'identification:personFacing.readAgain') }).click();
    expect(await spoken()).toHaveLength(read.length + 1);
    expect((await spoken()).at(-1)).toEqual(read[0]);

    // The worker's hold works from a keyboard too.
    await hold(page, language, 2_400, 'key');
    await expectHeading(page, ui(language, 'identification:person.answersTitle'));
  });
});
