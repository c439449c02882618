import { describe, expect, it } from 'vitest';
import { expectHeading, expectHtmlLang, openBrowser, openScreen, textOf } from './support-app';
import { authoredHandbook, type Language, localized, ui } from './support-data';

/**
 * The interface language is chosen in this order: `?lng=` in the URL, the worker's saved
 * choice, the browser's languages, then the jurisdiction's default language.
 */

async function routeTitle(jurisdictionId: string, language: Language) {
  const handbook = await authoredHandbook(jurisdictionId);
  const route = handbook.routes[0];
  if (!route) throw new Error(`${jurisdictionId} has no route`);
  return localized(route.title, language);
}

describe('language', () => {
  it('?lng= beats the browser language and is remembered on later visits without it', async () => {
    const { page, close } = await openBrowser({ locale: 'es-MX' });
    try {
      await openScreen(page, '/j/hn-ocotepeque');
      await expectHeading(page, await routeTitle('hn-ocotepeque', 'es'));
      await expectHtmlLang(page, 'es');

      await openScreen(page, '/j/hn-ocotepeque?lng=en');
      await expectHeading(page, await routeTitle('hn-ocotepeque', 'en'));
      await expectHtmlLang(page, 'en');

      // Later visits without the parameter: the saved choice beats the browser's Spanish.
      await openScreen(page, '/j/hn-ocotepeque/checklists');
      await expectHeading(page, ui('en', 'checklists.title'));
      await expectHtmlLang(page, 'en');
      await openScreen(page, '/j/mx-tapachula');
      await expectHeading(page, await routeTitle('mx-tapachula', 'en'));
      await expectHtmlLang(page, 'en');

      // And a new parameter wins over the saved choice, and is saved in turn.
      await openScreen(page, '/settings?lng=es');
      await expectHeading(page, ui('es', 'settings.title'));
      await openScreen(page, '/j/hn-ocotepeque');
      await expectHeading(page, await routeTitle('hn-ocotepeque', 'es'));
      await expectHtmlLang(page, 'es');
    } finally {
      await close();
    }
  });

  it('the saved choice beats the browser language and the jurisdiction default', async () => {
    const { page, close } = await openBrowser({ locale: 'en-US' });
    try {
      await openScreen(page, '/settings?lng=es');
      await expectHeading(page, ui('es', 'settings.title'));
      const tab = await page.context().newPage();
      await openScreen(tab, '/j/bz-benque-viejo');
      await expectHeading(tab, await routeTitle('bz-benque-viejo', 'es'));
      await expectHtmlLang(tab, 'es');
    } finally {
      await close();
    }
  });

  it('follows a Spanish browser (es-MX), even where the jurisdiction defaults to English', async () => {
    const { page, close } = await openBrowser({ locale: 'es-MX' });
    try {
      await openScreen(page, '/jurisdictions');
      await expectHeading(page, ui('es', 'jurisdictions.title'));
      await expectHtmlLang(page, 'es');
      await openScreen(page, '/j/bz-benque-viejo');
      await expectHeading(page, await routeTitle('bz-benque-viejo', 'es'));
      await expectHtmlLang(page, 'es');
    } finally {
      await close();
    }
  });

  it('follows an English browser (en-US), even where the jurisdiction defaults to Spanish', async () => {
    const { page, close } = await openBrowser({ locale: 'en-US' });
    try {
      await openScreen(page, '/j/hn-ocotepeque');
      await expectHeading(page, await routeTitle('hn-ocotepeque', 'en'));
      await expectHtmlLang(page, 'en');
    } finally {
      await close();
    }
  });

  it("uses the jurisdiction's default language when the browser speaks neither (fr-FR)", async () => {
    const { page, close } = await openBrowser({ locale: 'fr-FR' });
    try {
      expect((await authoredHandbook('bz-benque-viejo')).jurisdiction.defaultLanguage).toBe('en');
      expect((await authoredHandbook('hn-ocotepeque')).jurisdiction.defaultLanguage).toBe('es');

      await openScreen(page, '/j/bz-benque-viejo');
      await expectHeading(page, await routeTitle('bz-benque-viejo', 'en'));
      await expectHtmlLang(page, 'en');
      expect(await textOf(page.locator('nav'))).toContain(ui('en', 'nav.checklists'));

      await openScreen(page, '/j/hn-ocotepeque');
      await expectHeading(page, await routeTitle('hn-ocotepeque', 'es'));
      await expectHtmlLang(page, 'es');

      // Moving between jurisdictions inside the app follows each one's default too.
      await page.locator('header a.brand').click();
      await expectHeading(page, ui('es', 'jurisdictions.title'));
      const bz = await authoredHandbook('bz-benque-viejo');
      await page.getByRole('link', { name: localized(bz.jurisdiction.name, 'es') }).click();
      await expectHeading(page, await routeTitle('bz-benque-viejo', 'en'));
      await expectHtmlLang(page, 'en');
    } finally {
      await close();
    }
  });

  it('the settings screen switches the language, <html lang> follows, and the choice is kept', async () => {
    const { page, close } = await openBrowser({ locale: 'en-US' });
    try {
      await openScreen(page, '/settings');
      await expectHeading(page, ui('en', 'settings.title'));
      await expectHtmlLang(page, 'en');

      await page.getByRole('radio', { name: 'español' }).check();
      await expectHeading(page, ui('es', 'settings.title'));
      await expectHtmlLang(page, 'es');
      expect(await page.getByRole('radio', { name: 'español' }).isChecked()).toBe(true);
      expect(await page.getByRole('link', { name: ui('es', 'nav.settings') }).count()).toBe(1);

      await page.reload();
      await expectHeading(page, ui('es', 'settings.title'));
      await expectHtmlLang(page, 'es');
      await openScreen(page, '/j/hn-ocotepeque');
      await expectHeading(page, await routeTitle('hn-ocotepeque', 'es'));

      await openScreen(page, '/settings');
      await page.getByRole('radio', { name: 'English' }).check();
      await expectHeading(page, ui('en', 'settings.title'));
      await expectHtmlLang(page, 'en');
    } finally {
      await close();
    }
  });
});
