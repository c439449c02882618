import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checklist } from '../../src/core/handbook/schema';
import { type AppSession, appUrl, expectHeading, openBrowser, textOf } from './support-app';
import {
  answerFact,
  captureSharing,
  escapeRegExp,
  expectAccessible,
  passTheLock,
  sharedSoFar,
  wholeDatabaseText,
} from './support-cases';
import { authoredHandbook, LANGUAGES, type Language, localized, provider, ui } from './support-data';

/**
 * The whole field job, as issue 5 asks for it: a guided identification, the route adapted to the
 * case, a referral with consent and the slip handed over — without typing anything about the
 * person — then what someone who takes the phone could read, and the quick exit.
 */

const J = 'hn-ocotepeque';
const CHECKLIST = 'indicadores-generales';
/** The Honduran route's health step after sexual violence, and the hospital it names. */
const HEALTH_STEP = 'salud-violencia-sexual';
const HOSPITAL = 'hospital-ocotepeque';
const NOTES = 'Acompañante con gorra roja, vuelve a las 5 (Z9K)';
const CASE_CODE = /RT-[2-9A-Z]{4}-[2-9A-Z]{4}/;

async function checklist(): Promise<Checklist> {
  const found = (await authoredHandbook(J)).checklists.find((c) => c.id === CHECKLIST);
  if (!found) throw new Error(`${J} has no checklist ${CHECKLIST}`);
  return found;
}

async function routeStepTitle(stepId: string, language: Language): Promise<string> {
  const [route] = (await authoredHandbook(J)).routes;
  const step = route?.stages.flatMap((stage) => stage.steps).find((s) => s.id === stepId);
  if (!step) throw new Error(`the route of ${J} has no step ${stepId}`);
  return localized(step.title, language);
}

describe.each(LANGUAGES)('from opening the app to a shared referral slip (%s)', (language) => {
  let session: AppSession;
  let page: Page;
  let caseCode = '';
  let caseUrl = '';
  let typed: string[] = [];

  beforeAll(async () => {
    session = await openBrowser({ locale: language === 'es' ? 'es-HN' : 'en-US' });
    page = session.page;
    await captureSharing(page);
    // Every text the worker types, wherever it goes: the flow must need none about the person.
    await page.exposeFunction('__typed', (value: string) => typed.push(value));
    await page.addInitScript(() => {
      document.addEventListener(
        'change',
        (event) => {
          const field = event.target as HTMLInputElement;
          if (['text', 'search', 'textarea', 'password', 'tel', 'email'].includes(field.type))
            void (window as unknown as { __typed: (v: string) => void }).__typed(`${field.type}:${field.value}`);
        },
        true,
      );
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('screens with the checklist, one question at a time, and sees a recommendation, not a verdict', async () => {
    typed = [];
    await page.goto(appUrl(`/j/${J}?lng=${language}`));
    await page.getByRole('link', { name: ui(language, 'nav.cases') }).click();
    await passTheLock(page, language, ui(language, 'cases:list.title'));
    await expectHeading(page, ui(language, 'cases:list.title'));
    await expectAccessible(page, 'list of cases');
    await page.getByRole('link', { name: ui(language, 'cases:list.start') }).click();
    const caseHeading = page.locator('main h1', { hasText: CASE_CODE });
    await caseHeading.waitFor();
    caseCode = CASE_CODE.exec(await textOf(caseHeading))?.[0] ?? '';
    caseUrl = page.url();
    await expectAccessible(page, 'case');

    const list = await checklist();
    await page
      .getByRole('link', { name: ui(language, 'cases:case.guidedNamed', { title: localized(list.title, language) }) })
      .click();
    await page.getByRole('button', { name: ui(language, 'identification:guided.start') }).click();
    const total = list.groups.flatMap((group) => group.indicators).length;
    const summary = page.getByRole('heading', { name: ui(language, 'identification:summary.title') });
    // The first sign is observed; the others are not.
    for (let question = 0; question < total; question++) {
      const choice = question === 0 ? 'yes' : 'no';
      await page.getByRole('button', { name: ui(language, `identification:answer.${choice}`), exact: true }).click();
    }
    await summary.waitFor();
    const shown = await textOf(page.locator('main'));
    expect(shown).toContain(ui(language, 'identification:summary.refer'));
    expect(shown).not.toMatch(/\d+\s*%|\d+\s*\/\s*\d+/);
    await expectAccessible(page, 'screening summary');
    await page.getByRole('link', { name: ui(language, 'identification:summary.toCase') }).click();
    await page.locator('main h1', { hasText: caseCode }).waitFor();
  });

  it('adapts the route to the case: health care first after recent sexual violence, with its time limits', async () => {
    await answerFact(page, language, 'child', 'no');
    await answerFact(page, language, 'sexualViolence', 'yes');
    await answerFact(page, language, 'consent', 'yes');
    // The time of the incident is not known: the safe branch, said in words.
    await page.getByText(ui(language, 'cases:assumption.incident_time_unknown_treated_as_recent')).waitFor();
    const steps = page.locator('main .adapted-step .step-title');
    await steps
      .first()
      .filter({ hasText: await routeStepTitle(HEALTH_STEP, language) })
      .waitFor();
    const deadlines = await textOf(page.locator('main .deadlines'));
    expect(deadlines).toContain(ui(language, 'cases:deadline.kind.hiv_pep', { hours: 72 }));
    expect(deadlines).toContain(ui(language, 'cases:deadline.kind.emergency_contraception', { hours: 120 }));
    // A step only for children is not in an adult's route.
    expect(await steps.allInnerTexts()).not.toContain(await routeStepTitle('presumir-minoria-edad', language));
    await expectAccessible(page, 'case with its adapted route');
  });

  it('refers with consent and shares a slip that carries only what the hospital needs', async () => {
    const hospital = provider(await authoredHandbook(J), HOSPITAL);
    const hospitalName = localized(hospital.name, language);
    await page
      .locator(`[aria-labelledby="step-${HEALTH_STEP}"]`)
      .getByRole('link', { name: ui(language, 'cases:step.referTo', { name: hospitalName }) })
      .click();
    await expectHeading(page, ui(language, 'referrals:form.title', { code: caseCode }));
    const chosen = page.getByRole('radio', { name: new RegExp(escapeRegExp(hospitalName)) });
    expect(await chosen.isChecked()).toBe(true);
    await page.getByRole('radio', { name: ui(language, 'referrals:form.consent.yes') }).check();
    await page.getByRole('button', { name: ui(language, 'referrals:form.create') }).click();
    await expectHeading(page, ui(language, 'referrals:detail.title', { code: caseCode }));

    await page.getByRole('button', { name: ui(language, 'referrals:share.share') }).click();
    await page.getByText(ui(language, 'referrals:share.shared')).waitFor();
    const [shared] = await sharedSoFar(page);
    const slip = shared?.text ?? '';
    expect(slip).toContain(caseCode);
    expect(slip).toContain(hospitalName);
    expect(slip).toContain(await routeStepTitle(HEALTH_STEP, language));
    expect(slip).toContain(ui(language, 'referrals:slip.consent.given'));
    // Nothing of the screening goes with it.
    const [firstIndicator] = (await checklist()).groups.flatMap((group) => group.indicators);
    expect(slip).not.toContain(localized(firstIndicator?.text ?? { es: '?', en: '?' }, language));

    await page.getByRole('link', { name: ui(language, 'referrals:share.print') }).click();
    await expectHeading(page, ui(language, 'referrals:slip.title'));
    expect(await textOf(page.locator('main'))).toContain(caseCode);
    await expectAccessible(page, 'printable slip');

    // From the first screen to the shared slip, the only thing typed was the worker's own PIN
    // (seen by the same listener, so it does listen).
    expect(typed.filter((entry) => entry.startsWith('password:')).length).toBeGreaterThan(0);
    expect(typed.filter((entry) => !entry.startsWith('password:'))).toEqual([]);
  });

  it('keeps notes, answers and the case code unreadable in the phone storage', async () => {
    await page.goto(caseUrl);
    await passTheLock(page, language, caseCode);
    await page.locator('main h1', { hasText: caseCode }).waitFor();
    await page.getByLabel(ui(language, 'cases:notes.label')).fill(NOTES);
    await page.getByRole('button', { name: ui(language, 'cases:notes.save') }).click();
    await page.getByText(ui(language, 'cases:notes.saved')).waitFor();

    const stored = await wholeDatabaseText(page);
    expect(stored).toContain('sealed:'); // the dump really read the sealed records
    for (const secret of [NOTES, 'Z9K', caseCode, 'sexualViolence', 'screenings', 'statusHistory', '"answers"'])
      expect(stored, `IndexedDB holds "${secret}" in plain text`).not.toContain(secret);
    const webStorage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(webStorage).not.toContain(caseCode);
    expect(webStorage).not.toContain('Z9K');
  });

  it('quick exit leaves nothing of the app on the screen or in the back history', async () => {
    await page.getByRole('button', { name: ui(language, 'app.quickExit') }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/j/'));
    await page.waitForLoadState();
    const screen = await page.evaluate(() => `${document.title} ${document.body?.innerText ?? ''}`);
    for (const trace of [ui(language, 'app.name'), caseCode, ui(language, 'cases:case.title', { code: caseCode })])
      expect(screen).not.toContain(trace);
    for (let back = 0; back < 5; back++) {
      await page.goBack({ waitUntil: 'load' }).catch(() => null);
      expect(new URL(page.url()).pathname.startsWith('/j/'), `back ${back + 1} led to ${page.url()}`).toBe(false);
      expect(await page.evaluate(() => document.body?.innerText ?? '')).not.toContain(caseCode);
    }
  });
});
