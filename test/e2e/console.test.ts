import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import en from '../../locales/en/console.json';
import es from '../../locales/es/console.json';
import { AuditEntrySchema, consolePaths, SESSION_PATH } from '../../src/core/console/protocol';
import { createAccount } from '../../src/server/accounts/accounts';
import { openStorage } from '../../src/server/storage/open';
import type { Storage } from '../../src/server/storage/types';
import {
  type AppSession,
  appUrl,
  expectHeading,
  expectHtmlLang,
  openBrowser,
  textOf,
  waitForServiceWorker,
} from './support-app';
import {
  CONSOLE_VIEWPORTS,
  type ConsoleScreen,
  consoleStrings,
  expectAccessible,
  expectScreenAccessible,
} from './support-console';
import { authoredHandbook, LANGUAGES, type Language, localized, provider, ui } from './support-data';

const J = 'hn-ocotepeque';
const PROVIDER = 'cesamo-agua-caliente';
const PASSWORD = 'una frase larga para probar la consola';
/** Unique per run: other test files share the server's store. */
const run = randomUUID().slice(0, 8);
const coordinator = { email: `coordinacion-${run}@example.org`, displayName: `Coordinación ${run}` };
const admin = { email: `admin-consola-${run}@example.org`, displayName: `Admin ${run}` };
const SCRIPT_NAME = '<script>window.injected = true</script>';

/** A console string, with {{placeholders}} and plurals, as the screens show it. */
const c = consoleStrings('console.json', { es, en });

async function signIn(page: Page, email: string, language: Language): Promise<void> {
  await page.goto(appUrl(`/admin/login?lng=${language}`));
  await expectHeading(page, c(language, 'login.title'));
  await page.getByLabel(c(language, 'login.email')).fill(email);
  await page.getByLabel(c(language, 'login.password')).fill(PASSWORD);
  await page.getByRole('button', { name: c(language, 'login.submit') }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'));
}

/** The first phone number a provider screen of the field app lists (the call button beside it only says "Call"). */
async function phoneOnScreen(page: Page): Promise<string> {
  return textOf(page.locator('main a[href^="tel:"]', { hasText: /^\d{4}-\d{4}$/ }).first());
}

let storage: Storage;

beforeAll(async () => {
  storage = await openStorage({ dataDir: inject('appDataDir') });
  await createAccount(storage, { ...coordinator, role: 'coordinator', jurisdictionIds: [J], password: PASSWORD }, null);
  await createAccount(storage, { ...admin, role: 'admin', password: PASSWORD }, null);
});

afterAll(async () => {
  await storage?.close();
});

describe('a coordinator corrects a phone number and a field worker gets it', () => {
  let coordinatorSession: AppSession;
  let device: AppSession;
  const digits = String(4000 + Math.floor(Math.random() * 5000));
  const newNumber = { typed: `2653 ${digits}`, shown: `2653-${digits}`, e164: `+5042653${digits}` };
  let releaseBefore: number;
  let providerName: string;
  /** The number the phone showed before the coordinator changed it. */
  let shownBefore: string;

  beforeAll(async () => {
    providerName = localized(provider(await authoredHandbook(J), PROVIDER).name, 'en');
    device = await openBrowser({ locale: 'en-US' });
    await device.page.goto(appUrl(`/j/${J}/providers/${PROVIDER}`));
    await waitForServiceWorker(device.page);
    shownBefore = await phoneOnScreen(device.page);
    coordinatorSession = await openBrowser({ locale: 'en-US' });
    await coordinatorSession.page.setViewportSize(CONSOLE_VIEWPORTS.en);
  });

  afterAll(async () => {
    await coordinatorSession?.close();
    await device?.close();
  });

  it('a wrong password is refused with a sentence in the console language, and nothing is signed in', async () => {
    const { page } = coordinatorSession;
    await page.goto(appUrl('/admin/login?lng=es'));
    await page.getByLabel(c('es', 'login.email')).fill(coordinator.email);
    await page.getByLabel(c('es', 'login.password')).fill('not the password');
    await page.getByRole('button', { name: c('es', 'login.submit') }).click();
    await page.getByText(c('es', 'login.error.invalid')).waitFor();
    const described = await page.getByLabel(c('es', 'login.password')).getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).innerText()).toBe(c('es', 'login.error.invalid'));
    // Going into the console without a session leads back to the sign-in screen.
    await page.goto(appUrl(`/admin/j/${J}/providers`));
    await page.waitForURL((url) => url.pathname === '/admin/login');
  });

  it('signs in, opens the provider and types the new number as it is dialled in Honduras', async () => {
    const { page } = coordinatorSession;
    await signIn(page, coordinator.email, 'en');
    await expectHeading(page, c('en', 'jurisdictions.title'));
    await page.locator(`main a[href="/admin/j/${J}"]`).click();
    releaseBefore = Number(/(\d+)/.exec(await textOf(page.locator('main .console-facts li').first()))?.[1]);
    expect(releaseBefore).toBeGreaterThan(0);

    await page
      .getByRole('navigation')
      .getByRole('link', { name: c('en', 'nav.providers') })
      .click();
    await expectHeading(page, c('en', 'providers.title'));
    await page.getByLabel(c('en', 'providers.search')).fill('cesamo');
    await page.locator(`main a[href="/admin/j/${J}/providers/${PROVIDER}"]`).click();
    await expectHeading(page, providerName);

    const phone = page.locator('#provider-phones-0-number');
    await phone.fill(newNumber.typed);
    // Formatted for Honduras next to the field, as the worker will read it.
    await expect
      .poll(() => textOf(page.locator('#provider-phones-0-number-reads')))
      .toBe(c('en', 'providers.phone.reads', { display: newNumber.shown, e164: newNumber.e164 }));
    await page.getByRole('button', { name: c('en', 'providers.save') }).click();
    await page.getByText(c('en', 'providers.status.saved')).waitFor();
    expect(await phone.inputValue()).toBe(newNumber.shown);
  });

  it('publishes with a message; the publish screen said what would change', async () => {
    const { page } = coordinatorSession;
    await page
      .getByRole('navigation')
      .getByRole('link', { name: c('en', 'nav.publish') })
      .click();
    await expectHeading(page, c('en', 'publish.title'));
    const changes = await textOf(page.locator('main .console-changes'));
    expect(changes).toContain(
      ui('en', 'changes.changed', { name: providerName, fields: ui('en', 'changes.field.phones') }),
    );
    await page.getByLabel(c('en', 'publish.message')).fill(`New phone number for CESAMO (${run})`);
    await page.getByRole('button', { name: c('en', 'publish.submit', { number: releaseBefore + 1 }) }).click();
    await page.getByText(c('en', 'publish.published', { number: releaseBefore + 1 })).waitFor();
  });

  it("the field worker's phone updates and shows the new number", async () => {
    const { page } = device;
    expect(shownBefore).not.toBe(newNumber.shown);
    await page.getByRole('button', { name: ui('en', 'sync.updateNowNamed') }).click();
    await expect.poll(() => phoneOnScreen(page), { timeout: 20_000 }).toBe(newNumber.shown);
    expect(await page.locator(`main a[href="tel:${newNumber.e164}"]`).count()).toBeGreaterThan(0);
  });

  it('the audit log shows the sign-in, the edit and the publication', async () => {
    // The whole log (sign-ins carry no jurisdiction) is an administrator's to read.
    const signedIn = await fetch(appUrl(SESSION_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const log = await fetch(appUrl(consolePaths.audit), { headers: { cookie } });
    expect(log.status).toBe(200);
    const entries = AuditEntrySchema.array().parse(await log.json());
    const theirs = entries.filter((entry) => entry.actor === coordinator.displayName);
    const actions = theirs.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'draft_saved', 'publish']));
    expect(theirs.find((entry) => entry.action === 'draft_saved')).toMatchObject({ jurisdictionId: J });
    expect(theirs.find((entry) => entry.action === 'draft_saved')?.subject).toContain(PROVIDER);
    expect(theirs.find((entry) => entry.action === 'publish')).toMatchObject({ jurisdictionId: J });
    // Newest first: the publication came after the edit, which came after the sign-in.
    expect(actions.indexOf('publish')).toBeLessThan(actions.indexOf('draft_saved'));
    expect(actions.indexOf('draft_saved')).toBeLessThan(actions.lastIndexOf('login'));
  });

  it('the releases screen shows the change between the two releases and rolls back to the earlier one', async () => {
    const { page } = coordinatorSession;
    await page
      .getByRole('navigation')
      .getByRole('link', { name: c('en', 'nav.releases') })
      .click();
    await expectHeading(page, c('en', 'releases.title'));
    const newest = page.locator('main .console-table tbody tr').first();
    expect(await textOf(newest)).toContain(`New phone number for CESAMO (${run})`);
    expect(await textOf(newest)).toContain(coordinator.displayName);

    await page.getByLabel(c('en', 'releases.from'), { exact: true }).selectOption(String(releaseBefore));
    await page.getByLabel(c('en', 'releases.to'), { exact: true }).selectOption(String(releaseBefore + 1));
    await page.getByRole('button', { name: c('en', 'releases.compare') }).click();
    await page
      .getByText(c('en', 'releases.diffResult', { from: releaseBefore, to: releaseBefore + 1, count: 1 }))
      .waitFor();

    await page.getByLabel(c('en', 'releases.rollbackRelease')).selectOption(String(releaseBefore));
    await page.getByLabel(c('en', 'releases.rollbackMessage')).fill(`Back to release ${releaseBefore} (${run})`);
    await page.getByRole('button', { name: c('en', 'releases.rollback', { number: releaseBefore }) }).click();
    await page.getByRole('button', { name: c('en', 'releases.rollbackConfirm', { number: releaseBefore }) }).click();
    await page.getByText(c('en', 'releases.rolledBack', { number: releaseBefore + 2, from: releaseBefore })).waitFor();

    // The phone gets the old number back with the new release.
    await device.page.getByRole('button', { name: ui('en', 'sync.updateNowNamed') }).click();
    await expect.poll(() => phoneOnScreen(device.page), { timeout: 20_000 }).toBe(shownBefore);
  });

  it('switches to Spanish from the header, and stays in Spanish after a reload', async () => {
    const { page } = coordinatorSession;
    await page.goto(appUrl(`/admin/j/${J}/releases`));
    await expectHeading(page, c('en', 'releases.title'));
    const spanish = new Intl.DisplayNames(['es'], { type: 'language' }).of('es') ?? 'es';
    await page.getByRole('banner').getByRole('button', { name: spanish }).click();
    await expectHeading(page, c('es', 'releases.title'));
    await expectHtmlLang(page, 'es');
    expect(await page.getByRole('button', { name: spanish }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await expectHeading(page, c('es', 'releases.title'));
  });
});

describe('the console shows handbook text as text, and never overwrites a colleague silently', () => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'en-US' });
    await session.page.setViewportSize(CONSOLE_VIEWPORTS.en);
    await signIn(session.page, coordinator.email, 'en');
  });

  afterAll(async () => {
    // Nothing of this part is published: the draft goes back to the latest release.
    const { page } = session;
    await page.goto(appUrl(`/admin/j/${J}/publish?lng=en`));
    await page.getByRole('button', { name: c('en', 'publish.discard') }).click();
    await page.getByRole('button', { name: c('en', 'publish.discardConfirm') }).click();
    await page.getByText(c('en', 'publish.discarded')).waitFor();
    await session?.close();
  });

  it('a new provider named <script>…</script> is created and shown as text everywhere, the preview included', async () => {
    const { page } = session;
    await page.goto(appUrl(`/admin/j/${J}/providers/new?lng=en`));
    await expectHeading(page, c('en', 'providers.newTitle'));
    // Saving an empty form says what is missing next to each field.
    await page.getByRole('button', { name: c('en', 'providers.save') }).click();
    await page.locator('main [role="alert"] ul').waitFor();
    const nameEn = page.getByLabel(
      c('en', 'providers.field.inLanguage', { field: c('en', 'providers.field.name'), language: 'English' }),
    );
    expect(await nameEn.getAttribute('aria-invalid')).toBe('true');

    const nameEs = page.getByLabel(
      c('en', 'providers.field.inLanguage', { field: c('en', 'providers.field.name'), language: 'Spanish' }),
    );
    await nameEs.fill(SCRIPT_NAME);
    await nameEn.fill(SCRIPT_NAME);
    await page.locator('#provider-id').fill(`prueba-script-${run}`);
    for (const language of ['Spanish', 'English']) {
      await page
        .getByLabel(c('en', 'providers.field.inLanguage', { field: c('en', 'providers.field.description'), language }))
        .fill('<img src=x onerror="window.injected = true">');
    }
    await page.getByRole('checkbox', { name: ui('en', 'serviceType.shelter') }).check();
    await page.getByRole('checkbox', { name: ui('en', 'population.women') }).check();
    await page.getByLabel(c('en', 'providers.field.source')).fill('e2e');
    await page.getByRole('button', { name: c('en', 'providers.verifiedToday') }).click();
    expect(await page.getByLabel(c('en', 'providers.field.verifiedBy')).inputValue()).toBe(coordinator.displayName);
    await page.getByRole('button', { name: c('en', 'providers.save') }).click();
    await page.getByText(c('en', 'providers.status.saved')).waitFor();
    await expectHeading(page, SCRIPT_NAME);

    await page.goto(appUrl(`/admin/j/${J}/providers?lng=en`));
    await page.locator('main .card-title', { hasText: SCRIPT_NAME }).waitFor();
    await page.goto(appUrl(`/admin/j/${J}/preview/providers/prueba-script-${run}?lng=en`));
    await page.locator('main .preview-frame h1', { hasText: SCRIPT_NAME }).waitFor();
    expect(await textOf(page.locator('main .preview-frame'))).toContain('<img src=x onerror="window.injected = true">');
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    expect(await page.locator('main script, main img').count()).toBe(0);
  });

  it('two coordinators save the same provider: the second sees both versions and keeps theirs plus hers', async () => {
    const { page } = session;
    const other = await session.context.newPage();
    try {
      const path = appUrl(`/admin/j/${J}/providers/${PROVIDER}?lng=en`);
      await page.goto(path);
      await other.goto(path);
      await other.locator('#provider-alternate_name').waitFor();
      await page.locator('#provider-email').waitFor();

      // The colleague saves first: another e-mail.
      await other.locator('#provider-email').fill(`otra-${run}@example.org`);
      await other.getByRole('button', { name: c('en', 'providers.save') }).click();
      await other.getByText(c('en', 'providers.status.saved')).waitFor();

      // This coordinator, from the older revision, changes the other name.
      await page.locator('#provider-alternate_name').fill(`CESAMO ${run}`);
      await page.getByRole('button', { name: c('en', 'providers.save') }).click();
      const conflict = page.locator('main .conflict');
      await conflict.getByRole('heading', { name: c('en', 'conflict.title') }).waitFor();
      const table = await textOf(conflict.locator('table'));
      expect(table).toContain(`otra-${run}@example.org`);
      expect(table).toContain(`CESAMO ${run}`);
      await expectAccessible(page, 'the conflict view');

      await page.getByRole('button', { name: c('en', 'conflict.theirsPlusMine') }).click();
      await page.getByText(c('en', 'providers.status.saved')).waitFor();
      expect(await page.locator('#provider-email').inputValue()).toBe(`otra-${run}@example.org`);
      expect(await page.locator('#provider-alternate_name').inputValue()).toBe(`CESAMO ${run}`);
    } finally {
      await other.close();
    }
  });
});

const SCREENS: ConsoleScreen[] = [
  { name: 'jurisdiction list', path: '/admin', heading: async (l) => c(l, 'jurisdictions.title') },
  { name: 'providers list', path: `/admin/j/${J}/providers`, heading: async (l) => c(l, 'providers.title') },
  {
    name: 'provider editor',
    path: `/admin/j/${J}/providers/${PROVIDER}`,
    heading: async (l) => localized(provider(await authoredHandbook(J), PROVIDER).name, l),
    interact: async (page, l) => {
      await page.locator('#provider-phones-0-number').fill('2653');
      await page.getByRole('button', { name: c(l, 'providers.save') }).click();
      await page.getByText(c(l, 'providers.phoneProblem.too-short')).first().waitFor();
    },
  },
  {
    name: 'new provider',
    path: `/admin/j/${J}/providers/new`,
    heading: async (l) => c(l, 'providers.newTitle'),
    interact: async (page, l) => {
      await page.getByRole('button', { name: c(l, 'providers.phone.add') }).click();
      await page.getByRole('button', { name: c(l, 'providers.schedule.add') }).click();
      await page.getByRole('button', { name: c(l, 'providers.save') }).click();
      await page.locator('main [aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'publish',
    path: `/admin/j/${J}/publish`,
    heading: async (l) => c(l, 'publish.title'),
    interact: async (page, l) => {
      await page.getByRole('button', { name: c(l, 'publish.discard') }).click();
      await page.getByRole('button', { name: c(l, 'publish.discardCancel') }).waitFor();
    },
  },
  { name: 'preview', path: `/admin/j/${J}/preview/providers`, heading: async (l) => c(l, 'preview.title') },
  {
    name: 'releases',
    path: `/admin/j/${J}/releases`,
    heading: async (l) => c(l, 'releases.title'),
    interact: async (page, l) => {
      await page.getByRole('button', { name: c(l, 'releases.compare') }).click();
      await page.locator('main [role="status"] .console-changes').waitFor();
    },
  },
];

describe.each(LANGUAGES)('the console screens in %s', (language) => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: language === 'es' ? 'es-HN' : 'en-US' });
    await session.page.setViewportSize(CONSOLE_VIEWPORTS[language]);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('sign-in, before and after a failed attempt: no serious axe violation, 44 px targets', async () => {
    const { page } = session;
    await page.goto(appUrl(`/admin/login?lng=${language}`));
    await expectHeading(page, c(language, 'login.title'));
    await expectHtmlLang(page, language);
    await expectAccessible(page, `sign-in (${language})`);
    await page.getByRole('button', { name: c(language, 'login.submit') }).click();
    await page.getByText(c(language, 'login.error.emailMissing')).waitFor();
    await expectAccessible(page, `sign-in with a problem (${language})`);
    await signIn(page, coordinator.email, language);
  });

  it.each(SCREENS)('$name: no serious axe violation, 44 px targets, nothing wider than the screen', async (screen) => {
    await expectScreenAccessible(session.page, screen, language);
  });
});
