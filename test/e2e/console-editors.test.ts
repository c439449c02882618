import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import en from '../../locales/en/console-editors.json';
import es from '../../locales/es/console-editors.json';
import { CSRF_HEADER_NAME, consolePaths, SESSION_PATH } from '../../src/core/console/protocol';
import { createAccount } from '../../src/server/accounts/accounts';
import { openStorage } from '../../src/server/storage/open';
import type { Storage } from '../../src/server/storage/types';
import { appUrl, expectHeading, openBrowser, textOf } from './support-app';
import {
  type ConsoleScreen,
  consoleSessionFor,
  consoleStrings,
  expectScreenAccessible,
  signInToConsole,
} from './support-console';
import { authoredHandbook, LANGUAGES, type Language, localized } from './support-data';

/** A jurisdiction no other end-to-end test edits or publishes; the draft is put back afterwards. */
const J = 'mx-tapachula';
const ROUTE_KEY = 'route/ruta-atencion';
const PASSWORD = 'una frase larga para las pruebas';
const run = randomUUID().slice(0, 8);
const coordinator = { email: `editora-${run}@example.org`, displayName: `Editora ${run}` };
const colleague = { email: `colega-${run}@example.org`, displayName: `Colega ${run}` };

/** A console-editors string, with {{placeholders}} and plurals, as the screens show it. */
const say = consoleStrings('console-editors.json', { es, en });

const tapachula = await authoredHandbook(J);
let storage: Storage;

const signIn = (page: Page, email: string, language: Language) => signInToConsole(page, email, PASSWORD, language);

type RouteBody = {
  stages: { id: string; title: Record<string, string>; steps: { id: string; title: Record<string, string> }[] }[];
};

async function storedRoute(): Promise<{ revision: number; body: RouteBody }> {
  const record = (await storage.draftRecords(J)).find((r) => r.key === ROUTE_KEY);
  if (!record) throw new Error(`the draft of ${J} has no ${ROUTE_KEY}`);
  return { revision: record.revision, body: record.body as RouteBody };
}

/** Opens the route editor and waits until its stages are there. */
async function openRouteEditor(page: Page, language: Language): Promise<void> {
  await page.goto(appUrl(`/admin/j/${J}/route?lng=${language}`));
  await expectHeading(page, say(language, 'route.title'));
  await page.locator('main .editor-stage').first().waitFor();
}

const stepName = (language: Language, number: number, title: string) =>
  say(language, 'place.namedStep', { number, title });

/** The coordinator's session as the API sees it: the cookie, and the CSRF token changes need. */
async function apiSession(): Promise<{ cookie: string; csrfToken: string }> {
  const session = await fetch(appUrl(SESSION_PATH), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: coordinator.email, password: PASSWORD }),
  });
  expect(session.status).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { cookie: (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken };
}

beforeAll(async () => {
  storage = await openStorage({ dataDir: inject('appDataDir') });
  for (const account of [coordinator, colleague]) {
    await createAccount(storage, { ...account, role: 'coordinator', jurisdictionIds: [J], password: PASSWORD }, null);
  }
});

// Whatever these tests saved in the draft is thrown away: the draft is the latest release again.
afterAll(async () => {
  const { cookie, csrfToken } = await apiSession();
  const discarded = await fetch(appUrl(consolePaths.jurisdiction(J).draft), {
    method: 'DELETE',
    headers: { cookie, [CSRF_HEADER_NAME]: csrfToken },
  });
  expect(discarded.status).toBe(204);
  await storage?.close();
});

describe('a coordinator edits the action route', () => {
  it('moves a step down with its button and saves: the draft holds the new order', async () => {
    const session = await openBrowser({ locale: 'es-MX' });
    try {
      const { page } = session;
      await page.setViewportSize({ width: 800, height: 1280 });
      await signIn(page, coordinator.email, 'es');
      await openRouteEditor(page, 'es');
      const start = await storedRoute();
      const [first, second] = start.body.stages[0]?.steps ?? [];
      if (!first || !second) throw new Error('the sample route changed');

      await page
        .getByRole('button', {
          name: say('es', 'controls.moveDownNamed', { item: stepName('es', 1, first.title.es ?? '') }),
        })
        .click();
      const headings = page.locator('main .editor-stage').first().locator('.editor-step h4');
      expect((await headings.allInnerTexts()).slice(0, 2)).toEqual([
        stepName('es', 1, second.title.es ?? ''),
        stepName('es', 2, first.title.es ?? ''),
      ]);
      // The focus stayed on the moved step's button, ready to move it again.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        say('es', 'controls.moveDownNamed', { item: stepName('es', 2, first.title.es ?? '') }),
      );

      await page.getByRole('button', { name: say('es', 'save.save') }).click();
      await page.locator('main .console-saved', { hasText: say('es', 'save.saved') }).waitFor();
      const saved = await storedRoute();
      expect(saved.revision).toBe(start.revision + 1);
      expect(saved.body.stages[0]?.steps.slice(0, 2).map((step) => step.id)).toEqual([second.id, first.id]);

      // After a reload the editor shows the saved order.
      await openRouteEditor(page, 'es');
      expect((await headings.allInnerTexts()).slice(0, 2)).toEqual([
        stepName('es', 1, second.title.es ?? ''),
        stepName('es', 2, first.title.es ?? ''),
      ]);
    } finally {
      await session.close();
    }
  });

  it('a second coordinator saving over the first gets both versions and applies hers on top', async () => {
    const mine = await openBrowser({ locale: 'en-US' });
    const theirs = await openBrowser({ locale: 'en-US' });
    try {
      for (const [session, account] of [
        [mine, coordinator],
        [theirs, colleague],
      ] as const) {
        await session.page.setViewportSize({ width: 1280, height: 800 });
        await signIn(session.page, account.email, 'en');
        await openRouteEditor(session.page, 'en');
      }
      const start = await storedRoute();
      const stage = start.body.stages[1];
      const [first, second] = stage?.steps ?? [];
      if (!stage || !first || !second) throw new Error('the sample route changed');

      // The colleague retitles the second stage's first step and saves.
      const step = theirs.page.locator('main .editor-stage').nth(1).locator('.editor-step').first();
      await step.locator('.disclosure').click();
      await step
        .getByRole('textbox', { name: `${say('en', 'field.title')} ${say('en', 'language.en')}` })
        .fill('Call the shelter');
      await theirs.page.getByRole('button', { name: say('en', 'save.save') }).click();
      await theirs.page.locator('main .console-saved').waitFor();

      // Meanwhile the coordinator moved that stage's second step up; her save meets theirs.
      await mine.page
        .getByRole('button', {
          name: say('en', 'controls.moveUpNamed', { item: stepName('en', 2, second.title.en ?? '') }),
        })
        .click();
      await mine.page.getByRole('button', { name: say('en', 'save.save') }).click();
      const conflict = mine.page.getByRole('region', { name: say('en', 'conflict.title') });
      await conflict.waitFor();
      expect(await textOf(conflict)).toContain(colleague.displayName);
      const differences = await conflict.locator('.difference-list li').allInnerTexts();
      expect(differences).toEqual(
        expect.arrayContaining([
          expect.stringContaining(say('en', 'conflict.differsIn', { fields: say('en', 'field.title') })),
        ]),
      );
      expect(await conflict.locator('.version-outline h3').allInnerTexts()).toEqual([
        say('en', 'conflict.yourVersion'),
        say('en', 'conflict.theirVersion'),
      ]);
      expect((await storedRoute()).body.stages[1]?.steps[0]?.title.en).toBe('Call the shelter');

      await conflict.getByRole('button', { name: say('en', 'conflict.applyMine') }).click();
      await mine.page.getByRole('region', { name: say('en', 'conflict.combinedTitle') }).waitFor();
      await mine.page.getByRole('button', { name: say('en', 'save.save') }).click();
      await mine.page.locator('main .console-saved').waitFor();
      const combined = (await storedRoute()).body.stages[1]?.steps ?? [];
      expect(combined.slice(0, 2).map((s) => [s.id, s.title.en])).toEqual([
        [second.id, second.title.en],
        [first.id, 'Call the shelter'],
      ]);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });
});

describe('a coordinator writes a new checklist', () => {
  it('fills it in, is told what is missing, saves it and lands on its own address', async () => {
    const session = await openBrowser({ locale: 'en-US' });
    try {
      const { page } = session;
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, coordinator.email, 'en');
      await page.goto(appUrl(`/admin/j/${J}/checklists?lng=en`));
      await expectHeading(page, say('en', 'checklists.title'));
      await page.getByRole('link', { name: say('en', 'checklists.create') }).click();
      await expectHeading(page, say('en', 'checklist.newTitle'));

      const id = `signs-at-the-market-${run}`;
      await page.locator('#field-id').fill(id);
      await page.locator('#field-title-es').fill('Señales en el mercado');
      await page.locator('#field-title-en').fill('Signs at the market');
      await page.locator('#field-summary-es').fill('Lo que puede notar en un puesto del mercado.');
      await page.locator('#field-summary-en').fill('What you may notice at a market stall.');
      await page.locator('#field-guidance-0-es').fill('Pregunte solo cuando la persona esté sola.');
      await page.locator('#field-groups-0-title-es').fill('¿Hay una relación de control?');
      await page.locator('#field-groups-0-title-en').fill('Is there a relationship of control?');
      await page.locator('main .editor-step .disclosure').first().click();
      await page.locator('#field-groups-0-indicators-0-text-es').fill('Un adulto responde por la persona.');
      await page.locator('#field-groups-0-indicators-0-text-en').fill('An adult answers for the person.');
      await page.locator('#field-ifPresent-es').fill('Abra la ruta y derive.');
      await page.locator('#field-ifPresent-en').fill('Open the route and refer.');

      // The English guidance is still missing: listed, and the save is refused next to the field.
      const missing = page.locator('main .missing-translations');
      expect(await missing.locator('li').allInnerTexts()).toEqual([
        `${say('en', 'place.guidance', { number: 1 })} › ${say('en', 'language.en')}`,
      ]);
      await page.getByRole('button', { name: say('en', 'save.save') }).click();
      await page.locator('main .issue-summary').waitFor();
      expect(await page.locator('#field-guidance-0-en').getAttribute('aria-invalid')).toBe('true');
      expect(await storage.draftRecords(J).then((r) => r.some((record) => record.key === `checklist/${id}`))).toBe(
        false,
      );

      await page.locator('#field-guidance-0-en').fill('Ask only when the person is alone.');
      await page.getByRole('button', { name: say('en', 'save.save') }).click();
      await page.waitForURL((url) => url.pathname.endsWith(`/checklists/${id}`));
      await expectHeading(page, 'Signs at the market');
      await page.locator('main .console-saved', { hasText: say('en', 'save.saved') }).waitFor();
      const saved = (await storage.draftRecords(J)).find((record) => record.key === `checklist/${id}`);
      expect(saved).toMatchObject({ revision: 1, body: { id, title: { en: 'Signs at the market' } } });
    } finally {
      await session.close();
    }
  });
});

const checklistTitle = (language: Language) => {
  const checklist = tapachula.checklists.find((c) => c.id === 'indicadores-generales');
  if (!checklist) throw new Error('the sample checklist changed');
  return localized(checklist.title, language);
};

const SCREENS: ConsoleScreen[] = [
  {
    name: 'route editor',
    path: `/admin/j/${J}/route`,
    heading: (l) => say(l, 'route.title'),
    interact: async (page, l) => {
      const step = page.locator('main .editor-step').first();
      await step.locator('.disclosure').click();
      await step.getByRole('textbox', { name: `${say(l, 'field.title')} ${say(l, 'language.en')}` }).fill('');
      await page.getByRole('button', { name: say(l, 'save.save') }).click();
      await page.locator('main .issue-summary').waitFor();
    },
  },
  { name: 'checklists', path: `/admin/j/${J}/checklists`, heading: (l) => say(l, 'checklists.title') },
  {
    name: 'checklist editor',
    path: `/admin/j/${J}/checklists/indicadores-generales`,
    heading: checklistTitle,
    interact: async (page) => {
      await page.locator('main .editor-step .disclosure').first().click();
      await page.locator('main .editor-step textarea').first().waitFor();
    },
  },
  {
    name: 'new checklist',
    path: `/admin/j/${J}/checklists/new`,
    heading: (l) => say(l, 'checklist.newTitle'),
    interact: async (page, l) => {
      await page.getByRole('button', { name: say(l, 'save.save') }).click();
      await page.locator('main .issue-summary').waitFor();
    },
  },
];

describe.each(LANGUAGES)('the editors in %s', (language) => {
  const session = consoleSessionFor(language, {
    email: coordinator.email,
    password: PASSWORD,
    locale: language === 'es' ? 'es-MX' : 'en-US',
  });

  it.each(SCREENS)('$name: no serious axe violation, 44 px targets, nothing wider than the screen', async (screen) => {
    await expectScreenAccessible(session.page, screen, language);
  });
});
