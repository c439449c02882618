import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppSession,
  directoryResults,
  expandAll,
  expectHeading,
  expectHtmlLang,
  openBrowser,
  openScreen,
  textOf,
} from './support-app';
import { authoredHandbook, localized, provider, restrictedProviders, ui } from './support-data';
import { SAMPLES } from './support-samples';

/** A link to something the device does not hold never ends on a blank page. */
describe('not found', () => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'es-HN' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('an unknown jurisdiction shows a search field and the list of jurisdictions', async () => {
    const { page } = session;
    await openScreen(page, '/j/xx-atlantis?lng=es');
    await expectHeading(page, ui('es', 'notFound.jurisdiction'));
    await expectHtmlLang(page, 'es');
    const search = page.getByRole('searchbox', { name: ui('es', 'notFound.searchJurisdictions') });
    await search.waitFor();
    // No route / services / indicators sections for a jurisdiction the device does not hold.
    expect(await page.getByRole('navigation', { name: ui('es', 'nav.label') }).count()).toBe(0);

    const names = await Promise.all(
      SAMPLES.map(async (s) => localized((await authoredHandbook(s.id)).jurisdiction.name, 'es')),
    );
    const links = page.locator('main .link-list a');
    await links.first().waitFor();
    expect((await links.allInnerTexts()).sort()).toEqual([...names].sort());

    // Typing narrows the list, accents or not; a jurisdiction opens from it.
    const tapachula = localized((await authoredHandbook('mx-tapachula')).jurisdiction.name, 'es');
    await search.fill('mexico');
    await page.waitForFunction((count) => document.querySelectorAll('main .link-list a').length === count, 1);
    expect(await links.allInnerTexts()).toEqual([tapachula]);
    await links.first().click();
    await page.waitForURL((url) => url.pathname === '/j/mx-tapachula');
    const route = (await authoredHandbook('mx-tapachula')).routes[0];
    await expectHeading(page, localized(route?.title ?? { es: '?', en: '?' }, 'es'));
  });

  it('an unknown page under a jurisdiction and an unknown top-level page show a way on', async () => {
    const { page } = session;
    await openScreen(page, '/j/hn-ocotepeque/nowhere?lng=en');
    await expectHeading(page, ui('en', 'notFound.page'));
    await openScreen(page, '/definitely/not/here?lng=en');
    await expectHeading(page, ui('en', 'notFound.page'));
    expect(await textOf(page.locator('main'))).toContain(ui('en', 'notFound.explain'));
  });

  it('an unknown provider offers a search that opens the directory with ?q=', async () => {
    const { page } = session;
    const caminos = localized(
      provider(await authoredHandbook('hn-ocotepeque'), 'caminos-atencion-psicologica').name,
      'es',
    );
    await openScreen(page, '/j/hn-ocotepeque/providers/psicologa-que-no-existe?lng=es');
    await expectHeading(page, ui('es', 'notFound.provider'));
    const jurisdiction = localized((await authoredHandbook('hn-ocotepeque')).jurisdiction.name, 'es');
    const search = page.getByRole('searchbox', { name: ui('es', 'notFound.searchProviders', { jurisdiction }) });
    await search.fill('atencion psicologica');
    await search.press('Enter');
    await page.waitForURL(
      (url) => url.pathname === '/j/hn-ocotepeque/providers' && url.searchParams.get('q') === 'atencion psicologica',
    );
    await expectHeading(page, ui('es', 'providers.title'));
    expect(await page.locator('#provider-search').inputValue()).toBe('atencion psicologica');
    expect(await directoryResults(page)).toContain(caminos);

    // The button submits too.
    await openScreen(page, '/j/hn-ocotepeque/providers/otra-que-no-existe?lng=es');
    await search.fill('hospital');
    await page.getByRole('button', { name: ui('es', 'notFound.search'), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'hospital');
    await expectHeading(page, ui('es', 'providers.title'));
  });

  it('an unknown checklist shows not-found, not a blank page', async () => {
    const { page } = session;
    await openScreen(page, '/j/hn-ocotepeque/checklists/no-such-checklist?lng=en');
    await expectHeading(page, ui('en', 'notFound.checklist'));
  });

  describe.each(SAMPLES)('restricted providers of $id', (sample) => {
    it('are never shown: their deep link is not found and no screen names them', async () => {
      const { page } = session;
      const handbook = await authoredHandbook(sample.id);
      const hidden = restrictedProviders(handbook);
      expect(hidden.length, `${sample.id} should hold a restricted provider to test`).toBeGreaterThan(0);
      for (const restricted of hidden) {
        await openScreen(page, `/j/${sample.id}/providers/${restricted.id}?lng=es`);
        await expectHeading(page, ui('es', 'notFound.provider'));
        const text = await textOf(page.locator('body'));
        for (const language of ['es', 'en'] as const) expect(text).not.toContain(localized(restricted.name, language));
      }
      for (const path of [`/j/${sample.id}`, `/j/${sample.id}/providers`]) {
        for (const language of ['es', 'en'] as const) {
          await openScreen(page, `${path}?lng=${language}`);
          await expandAll(page);
          const text = await textOf(page.locator('body'));
          for (const restricted of hidden) {
            expect(text, `${restricted.id} on ${path}`).not.toContain(localized(restricted.name, language));
          }
          const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          for (const restricted of hidden) {
            const numbers = [...restricted.phones.map((p) => p.number), restricted.whatsapp].filter(Boolean);
            const leaks = hrefs.filter(
              (href) => href?.includes(restricted.id) || numbers.some((n) => href?.includes(String(n).slice(1))),
            );
            expect(leaks, `links to ${restricted.id} on ${path}`).toEqual([]);
          }
        }
      }
    });
  });
});
