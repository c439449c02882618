import { describe, expect, it } from 'vitest';
import { appUrl, expectHeading, openBrowser, openScreen, textOf } from './support-app';
import { authoredHandbook, localized, ui } from './support-data';
import { SAMPLES } from './support-samples';

describe('jurisdiction picker', () => {
  it('the start page shows the picker first, then goes straight to the last jurisdiction used', async () => {
    const { page, close } = await openBrowser({ locale: 'es-MX' });
    try {
      await openScreen(page, '/');
      await expectHeading(page, ui('es', 'jurisdictions.title'));
      const cards = page.locator('main .card-list a');
      const names = await Promise.all(
        SAMPLES.map(async (s) => localized((await authoredHandbook(s.id)).jurisdiction.name, 'es')),
      );
      for (const name of names) expect(await cards.filter({ hasText: name }).count(), name).toBe(1);
      expect(await page.locator('main [aria-current]').count(), 'nothing is marked before a choice').toBe(0);

      const tapachula = await authoredHandbook('mx-tapachula');
      await openScreen(page, '/j/mx-tapachula');
      await expectHeading(page, localized(tapachula.routes[0]?.title ?? { es: '?', en: '?' }, 'es'));

      await page.goto(appUrl('/'));
      await page.waitForURL((url) => url.pathname === '/j/mx-tapachula');
      await expectHeading(page, localized(tapachula.routes[0]?.title ?? { es: '?', en: '?' }, 'es'));

      // The picker marks it.
      await openScreen(page, '/jurisdictions');
      const current = page.locator('main .card-list a[aria-current="true"]');
      expect(await current.count()).toBe(1);
      expect(await current.getAttribute('href')).toBe('/j/mx-tapachula');
      expect(await textOf(current)).toContain(localized(tapachula.jurisdiction.name, 'es'));
      expect(await textOf(current)).toContain(ui('es', 'jurisdictions.lastUsed'));

      // Choosing another one from the picker moves the mark, and the start page follows it.
      const ocotepeque = await authoredHandbook('hn-ocotepeque');
      await cards.filter({ hasText: localized(ocotepeque.jurisdiction.name, 'es') }).click();
      await expectHeading(page, localized(ocotepeque.routes[0]?.title ?? { es: '?', en: '?' }, 'es'));
      await page.goto(appUrl('/?lng=en'));
      await page.waitForURL((url) => url.pathname === '/j/hn-ocotepeque');
      await expectHeading(page, localized(ocotepeque.routes[0]?.title ?? { es: '?', en: '?' }, 'en'));
      expect(new URL(page.url()).searchParams.get('lng'), 'the redirect keeps ?lng=').toBe('en');
      await openScreen(page, '/jurisdictions');
      expect(await page.locator('main .card-list a[aria-current="true"]').getAttribute('href')).toBe(
        '/j/hn-ocotepeque',
      );
    } finally {
      await close();
    }
  });
});
