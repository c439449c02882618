import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUrl, expectHeading, expectHtmlLang, openBrowser, openScreen, textOf } from './support-app';
import { authoredHandbook, localized, provider, ui } from './support-data';

/** When the device database cannot be used, the worker is told so and still reads the bundled handbooks. */

async function expectAlert(page: Page, text: string) {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const shown = await textOf(alert);
  expect(shown).toContain(text);
  expect(shown).toContain(ui('en', 'storage.readingBundled'));
}

async function expectHandbookReadable(page: Page) {
  const handbook = await authoredHandbook('hn-ocotepeque');
  const route = handbook.routes[0];
  const hospital = provider(handbook, 'hospital-ocotepeque');
  await expectHeading(page, localized(route?.title ?? { es: '?', en: '?' }, 'en'));
  await expectHtmlLang(page, 'en');

  // In-app navigation to a provider, then a deep link straight to another one.
  await page
    .getByRole('navigation')
    .getByRole('link', { name: ui('en', 'nav.providers') })
    .click();
  await expectHeading(page, ui('en', 'providers.title'));
  await page.getByRole('link', { name: localized(hospital.name, 'en') }).click();
  await expectHeading(page, localized(hospital.name, 'en'));
  expect(await textOf(page.locator('main'))).toContain(localized(hospital.description, 'en'));

  const caminos = provider(handbook, 'caminos-atencion-psicologica');
  await openScreen(page, `/j/hn-ocotepeque/providers/${caminos.id}?lng=en`);
  await expectHeading(page, localized(caminos.name, 'en'));
}

describe('device storage problems', () => {
  const withoutIndexedDB = async () => {
    const session = await openBrowser({ locale: 'en-US' });
    await session.context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    return session;
  };

  it('IndexedDB unavailable: a clear alert says so, in the interface language', async () => {
    const { page, close } = await withoutIndexedDB();
    try {
      await page.goto(appUrl('/j/hn-ocotepeque?lng=en'));
      expect(await page.evaluate(() => window.indexedDB)).toBeUndefined();
      await expectAlert(page, ui('en', 'storage.unavailable'));
      await expectHtmlLang(page, 'en');
      await page.goto(appUrl('/jurisdictions?lng=es'));
      await page
        .getByRole('alert')
        .filter({ hasText: ui('es', 'storage.unavailable') })
        .waitFor();
      expect(await textOf(page.getByRole('alert'))).toContain(ui('es', 'storage.readingBundled'));
    } finally {
      await close();
    }
  });

  it('IndexedDB unavailable: the bundled handbook is still readable (route and a provider)', async () => {
    const { page, close } = await withoutIndexedDB();
    try {
      await page.goto(appUrl('/j/hn-ocotepeque?lng=en'));
      await expectAlert(page, ui('en', 'storage.unavailable'));
      await expectHandbookReadable(page);
    } finally {
      await close();
    }
  }, 60_000);

  it('storage quota full on a fresh device: the quota message, and the content is still readable', async () => {
    const { page, context, close } = await openBrowser({ locale: 'en-US' });
    try {
      await context.addInitScript(() => {
        const full = () => {
          throw new DOMException('full', 'QuotaExceededError');
        };
        IDBObjectStore.prototype.put = full;
        IDBObjectStore.prototype.add = full;
      });
      await openScreen(page, '/j/hn-ocotepeque?lng=en');
      await expectAlert(page, ui('en', 'storage.quotaFull'));
      await expectHandbookReadable(page);
      await expectAlert(page, ui('en', 'storage.quotaFull'));
    } finally {
      await close();
    }
  });
});
