import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import en from '../../locales/en/console-operations.json';
import es from '../../locales/es/console-operations.json';
import { ENROLMENTS_PATH, FIELD_REPORTS_PATH } from '../../src/core/sync/protocol';
import { createAccount } from '../../src/server/accounts/accounts';
import { createEnrolmentCode } from '../../src/server/enrolment/codes';
import { openStorage } from '../../src/server/storage/open';
import type { Storage } from '../../src/server/storage/types';
import { appUrl, expectHeading, openBrowser, textOf } from './support-app';
import {
  CONSOLE_VIEWPORTS,
  type ConsoleScreen,
  consoleSessionFor,
  consoleStrings,
  expectScreenAccessible,
  signInToConsole,
} from './support-console';
import { LANGUAGES, type Language } from './support-data';

const J = 'hn-ocotepeque';
const PASSWORD = 'una frase larga para las pruebas';

/** A console-operations string, with {{placeholders}} and plurals, as the screens show it. */
const ops = consoleStrings('console-operations.json', { es, en });

let storage: Storage;
/** Unique per run: other test files share the server's store. */
const run = randomUUID().slice(0, 8);
const admin = { email: `admin-${run}@example.org`, displayName: `Admin ${run}` };
const coordinator = { email: `coord-${run}@example.org`, displayName: `Coordinadora ${run}` };

async function api(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(appUrl(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The phone that reported a problem. */
const reportingPhone = randomUUID();
const REPORT_DETAILS = '<script>window.injected = true</script> El número suena ocupado.';

/** A phone enrols with a code and sends a field report, through the same API the field app uses. */
async function phoneReportsAProblem(): Promise<void> {
  const { code } = await createEnrolmentCode(storage, J);
  const deviceId = reportingPhone;
  const enrolment = await api(ENROLMENTS_PATH, { code, deviceId });
  expect(enrolment.status).toBe(201);
  const { deviceToken } = (await enrolment.json()) as { deviceToken: string };
  const report = await api(
    FIELD_REPORTS_PATH,
    {
      id: randomUUID(),
      deviceId,
      jurisdictionId: J,
      providerId: 'cruz-roja-ocotepeque',
      releaseNumber: 1,
      problem: 'other',
      details: REPORT_DETAILS,
      reportedAt: new Date().toISOString(),
    },
    { authorization: `Bearer ${deviceToken}` },
  );
  expect(report.status).toBe(201);
}

const signIn = (page: Page, email: string, language: Language) => signInToConsole(page, email, PASSWORD, language);

beforeAll(async () => {
  storage = await openStorage({ dataDir: inject('appDataDir') });
  await createAccount(storage, { ...admin, role: 'admin', password: PASSWORD }, null);
  await createAccount(storage, { ...coordinator, role: 'coordinator', jurisdictionIds: [J], password: PASSWORD }, null);
  await phoneReportsAProblem();
});

afterAll(async () => {
  await storage?.close();
});

const SCREENS: ConsoleScreen[] = [
  {
    name: 'field reports',
    path: `/admin/j/${J}/field-reports`,
    heading: (l) => ops(l, 'fieldReports.title'),
    interact: async (page, l) => {
      await page
        .getByRole('button', { name: ops(l, 'fieldReports.decide.resolved') })
        .first()
        .click();
      await page.getByLabel(ops(l, 'fieldReports.note')).first().waitFor();
    },
  },
  {
    name: 'devices',
    path: `/admin/j/${J}/devices`,
    heading: (l) => ops(l, 'devices.title'),
    interact: async (page, l) => {
      await page.getByRole('button', { name: ops(l, 'devices.enrol.create') }).click();
      await page.locator('main img.enrolment-qr').waitFor();
      await page
        .getByRole('button', { name: ops(l, 'devices.revoke.start') })
        .first()
        .click();
      await page.getByRole('button', { name: ops(l, 'devices.revoke.yes') }).waitFor();
    },
  },
  { name: 'jurisdiction audit log', path: `/admin/j/${J}/audit`, heading: (l) => ops(l, 'audit.titleJurisdiction') },
  { name: 'whole audit log', path: '/admin/audit', heading: (l) => ops(l, 'audit.title') },
  {
    name: 'accounts',
    path: '/admin/accounts',
    heading: (l) => ops(l, 'accounts.title'),
    interact: async (page, l) => {
      await page.getByRole('button', { name: ops(l, 'accounts.create') }).click();
      await page.locator('main .field-error').first().waitFor();
    },
  },
  {
    name: 'HSDS',
    path: `/admin/j/${J}/hsds`,
    heading: (l) => ops(l, 'hsds.title'),
    interact: async (page, l) => {
      await page
        .getByLabel(ops(l, 'hsds.import.files'))
        .setInputFiles({ name: 'services.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
      await page.getByText(ops(l, 'hsds.choice.unsupported')).waitFor();
    },
  },
];

describe.each(LANGUAGES)('the operations screens in %s', (language) => {
  const session = consoleSessionFor(language, {
    email: admin.email,
    password: PASSWORD,
    locale: language === 'es' ? 'es-HN' : 'en-US',
  });

  it.each(SCREENS)('$name: no serious axe violation, 44 px targets, nothing wider than the screen', async (screen) => {
    await expectScreenAccessible(session.page, screen, language);
  });

  it("shows a worker's report as text, never as markup, with the problem in the coordinator's language", async () => {
    const { page } = session;
    await page.goto(appUrl(`/admin/j/${J}/field-reports?lng=${language}`));
    const report = page.locator('main .report-open').first();
    expect(await textOf(report)).toContain(REPORT_DETAILS);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    const problem = language === 'es' ? 'Otra cosa' : 'Something else';
    expect(await textOf(report.locator('h3'))).toContain(problem);
  });
});

describe('operations end to end', () => {
  it('an admin creates a coordinator account, after the form says what is wrong next to each field', async () => {
    const session = await openBrowser({ locale: 'es-HN' });
    try {
      const { page } = session;
      await page.setViewportSize(CONSOLE_VIEWPORTS.es);
      await signIn(page, admin.email, 'es');
      await page.goto(appUrl('/admin/accounts?lng=es'));
      await expectHeading(page, ops('es', 'accounts.title'));

      const email = `nueva-${run}@example.org`;
      await page.getByLabel(ops('es', 'accounts.field.email')).fill(email);
      await page.getByLabel(ops('es', 'accounts.field.displayName')).fill('Nueva Coordinadora');
      await page.getByRole('radio', { name: ops('es', 'accounts.role.coordinator') }).check();
      const password = page.getByLabel(ops('es', 'accounts.field.password'));
      await password.fill('corta');
      await page.getByRole('button', { name: ops('es', 'accounts.create') }).click();

      // Both problems are said next to their fields, and each field is described by its message.
      const jurisdictionsProblem = page.getByText(ops('es', 'accounts.problem.jurisdictionIds'));
      await jurisdictionsProblem.waitFor();
      const passwordProblem = page.getByText(ops('es', 'accounts.problem.passwordShort'));
      const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await passwordProblem.getAttribute('id'));
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await storage.accountByEmail(email)).toBeUndefined();

      await page.getByRole('checkbox', { name: 'Ocotepeque' }).check();
      await password.fill('otra frase larga y segura');
      await page.getByRole('button', { name: ops('es', 'accounts.create') }).click();
      await page.getByText(ops('es', 'accounts.created', { email })).waitFor();
      await page.locator('main .account h3', { hasText: 'Nueva Coordinadora' }).waitFor();

      const created = await storage.accountByEmail(email);
      expect(created).toMatchObject({ role: 'coordinator', jurisdictionIds: [J], disabledAt: null });
      // The same email again is refused next to the email field.
      await page.getByLabel(ops('es', 'accounts.field.email')).fill(email);
      await page.getByLabel(ops('es', 'accounts.field.displayName')).fill('Otra vez');
      await page.getByRole('checkbox', { name: 'Ocotepeque' }).check();
      await password.fill('otra frase larga y segura');
      await page.getByRole('button', { name: ops('es', 'accounts.create') }).click();
      await page.getByText(ops('es', 'accounts.problem.emailTaken')).waitFor();

      // The new coordinator can sign in.
      const signedIn = await api('/api/v1/session', { email, password: 'otra frase larga y segura' });
      expect(signedIn.status).toBe(200);
    } finally {
      await session.close();
    }
  });

  it('a coordinator creates an enrolment code, sees it grouped with its QR code, and a phone can use it', async () => {
    const session = await openBrowser({ locale: 'en-US' });
    try {
      const { page } = session;
      await page.setViewportSize(CONSOLE_VIEWPORTS.en);
      await signIn(page, coordinator.email, 'en');
      await page.goto(appUrl(`/admin/j/${J}/devices?lng=en`));
      await expectHeading(page, ops('en', 'devices.title'));
      await page.getByRole('button', { name: ops('en', 'devices.enrol.create') }).click();

      const code = (await textOf(page.locator('main .enrolment-code'))).trim();
      expect(code).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4} [A-Z2-9]{4}$/);
      const qr = page.getByRole('img', { name: ops('en', 'devices.enrol.qrAlt') });
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;/);
      // The picture really rendered (a broken data: URL has no size).
      expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
      expect(await page.locator('main svg').count()).toBe(0);
      await page.getByRole('button', { name: ops('en', 'devices.enrol.print') }).waitFor();

      // Typed on a phone exactly as shown, the code enrols it.
      const enrolment = await api(ENROLMENTS_PATH, { code, deviceId: randomUUID() });
      expect(enrolment.status).toBe(201);
      expect(await enrolment.json()).toMatchObject({ jurisdictionId: J });
    } finally {
      await session.close();
    }
  });

  it('a coordinator resolves the report with a note and revokes the phone, each after a second step', async () => {
    const session = await openBrowser({ locale: 'es-HN' });
    try {
      const { page } = session;
      await page.setViewportSize(CONSOLE_VIEWPORTS.es);
      await signIn(page, coordinator.email, 'es');

      await page.goto(appUrl(`/admin/j/${J}/field-reports?lng=es`));
      await expectHeading(page, ops('es', 'fieldReports.title'));
      const report = page.locator('main .report-open', { hasText: REPORT_DETAILS });
      await report.getByRole('button', { name: ops('es', 'fieldReports.decide.resolved') }).click();
      await report.getByLabel(ops('es', 'fieldReports.note')).fill('Número corregido en la versión 2.');
      await report.getByRole('button', { name: ops('es', 'fieldReports.confirm.resolved') }).click();
      await page.getByText(ops('es', 'fieldReports.done.resolved')).waitFor();
      await page.locator('main .report-resolved', { hasText: 'Número corregido en la versión 2.' }).waitFor();
      const stored = (await storage.fieldReports(J)).find((r) => r.details === REPORT_DETAILS);
      expect(stored?.outcome).toMatchObject({ status: 'resolved', note: 'Número corregido en la versión 2.' });

      await page.goto(appUrl(`/admin/j/${J}/devices?lng=es`));
      await expectHeading(page, ops('es', 'devices.title'));
      const shortId = reportingPhone.replace(/-/g, '').slice(0, 8);
      const row = page.locator('main tr', { hasText: shortId });
      await row.getByRole('button', { name: ops('es', 'devices.revoke.start') }).click();
      // Nothing happens until the coordinator confirms.
      expect((await storage.devices(J)).find((d) => d.id === reportingPhone)?.revokedAt).toBeNull();
      await row.getByRole('button', { name: ops('es', 'devices.revoke.yes') }).click();
      await page.getByText(ops('es', 'devices.revoke.done', { device: shortId })).waitFor();
      expect(await textOf(page.getByRole('region', { name: ops('es', 'devices.revoked') }))).toContain(shortId);
      expect((await storage.devices(J)).find((d) => d.id === reportingPhone)?.revokedAt).not.toBeNull();
    } finally {
      await session.close();
    }
  });
});
