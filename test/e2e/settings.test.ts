import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, expectHeading, expectHtmlLang, openBrowser, openScreen, textOf } from './support-app';
import { authoredHandbook, LANGUAGES, localized, ui } from './support-data';
import { SAMPLES } from './support-samples';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** The <dd> that follows the <dt> reading `term`, waiting until it holds more than a placeholder. */
async function definition(page: Page, term: string): Promise<string> {
  const dd = page.locator('main dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  await dd.waitFor();
  return (await textOf(dd)).trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('settings: what the device holds', () => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it.each(LANGUAGES)('shows the app version, storage used and whether storage is persistent (%s)', async (language) => {
    const { page } = session;
    await openScreen(page, `/settings?lng=${language}`);
    await expectHeading(page, ui(language, 'settings.title'));
    await expectHtmlLang(page, language);

    expect(await definition(page, ui(language, 'settings.version'))).toBe(VERSION);

    // "0.2 MB of 1,234.5 MB" — numbers from the browser's storage estimate, never "not available" in Chromium.
    const number = String.raw`[\d.,\s\u00a0\u202f]+\s?MB`;
    const used = new RegExp(
      `^${escapeRegExp(ui(language, 'settings.storageOf', { used: '@USED@', quota: '@QUOTA@' }))
        .replace('@USED@', number)
        .replace('@QUOTA@', number)}$`,
    );
    await page.waitForFunction(
      (unknown) => {
        const dds = [...document.querySelectorAll('main dd')].map((dd) => dd.textContent ?? '');
        return dds.length > 0 && !dds.includes(unknown);
      },
      ui(language, 'settings.unknown'),
    );
    expect(await definition(page, ui(language, 'settings.storageUsed'))).toMatch(used);

    const persistent = await definition(page, ui(language, 'settings.persistent'));
    expect([ui(language, 'settings.persistentYes'), ui(language, 'settings.persistentNo')]).toContain(persistent);
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(persistent).toBe(ui(language, persisted ? 'settings.persistentYes' : 'settings.persistentNo'));

    // Each bundled handbook, with its release number and date.
    const items = await page.locator('main section:has(#handbooks-title) li').allInnerTexts();
    const release = new RegExp(
      escapeRegExp(ui(language, 'settings.release', { number: '@N@', date: '@D@' }))
        .replace('@N@', String.raw`\d+`)
        .replace('@D@', '.+'),
    );
    for (const sample of SAMPLES) {
      const name = localized((await authoredHandbook(sample.id)).jurisdiction.name, language);
      const item = items.find((text) => text.startsWith(name));
      expect(item, `${sample.id} listed`).toBeDefined();
      expect(item).toMatch(release);
    }
  });
});
