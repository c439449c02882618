import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppSession,
  appUrl,
  directoryResults,
  expandAll,
  expectHeading,
  expectHtmlLang,
  mainText,
  openBrowser,
  openScreen,
  textOf,
  waitForServiceWorker,
} from './support-app';
import {
  authoredHandbook,
  LANGUAGES,
  type Language,
  localized,
  provider,
  publicProviders,
  restrictedProviders,
  ui,
} from './support-data';
import { SAMPLES } from './support-samples';

/**
 * The acceptance test of an offline-first app: after one visit with a connection, every
 * deep link opens with its content, in Spanish and in English, with no network at all.
 */
describe('offline after one online visit', () => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'en-US' });
    const { page } = session;
    await openScreen(page, '/jurisdictions');
    await waitForServiceWorker(page);
    // The first visit installs every bundled handbook before the picker lists it.
    await page.locator('main .card-list a').first().waitFor();
    await session.context.setOffline(true);
    await page.reload();
    await expectHeading(page, ui('en', 'jurisdictions.title'));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('really has no network', async () => {
    const reachable = await session.page.evaluate(async () => {
      try {
        await fetch(`/api/offline-probe-${Date.now()}`, { cache: 'no-store' });
        return true;
      } catch {
        return false;
      }
    });
    expect(reachable, 'a request outside the precache must fail while offline').toBe(false);
    expect(await session.page.evaluate(() => navigator.onLine)).toBe(false);
  });

  describe.each(SAMPLES)('$id', (sample) => {
    it.each(LANGUAGES)('opens every deep link in %s', async (language: Language) => {
      const { page } = session;
      const handbook = await authoredHandbook(sample.id);
      const other: Language = language === 'es' ? 'en' : 'es';
      const base = `/j/${sample.id}`;
      const route = handbook.routes[0];
      if (!route) throw new Error(`${sample.id} has no route`);
      expect(localized(route.title, language), 'the sample route title must differ between languages').not.toBe(
        localized(route.title, other),
      );

      // The route.
      await openScreen(page, `${base}?lng=${language}`);
      await expectHeading(page, localized(route.title, language));
      await expectHtmlLang(page, language);
      const routeText = await mainText(page);
      expect(routeText).toContain(ui(language, 'route.emergencyNumbers'));
      for (const emergency of handbook.jurisdiction.emergencyNumbers) {
        expect(routeText).toContain(localized(emergency.label, language));
      }
      expect(routeText).not.toContain(localized(route.title, other));
      expect(await textOf(page.locator('nav'))).toContain(ui(language, 'nav.providers'));

      // The directory, searched without accents and narrowed to one service type.
      const { q, service, finds } = sample.search;
      await openScreen(page, `${base}/providers?q=${encodeURIComponent(q)}&service=${service}&lng=${language}`);
      await expectHeading(page, ui(language, 'providers.title'));
      await expectHtmlLang(page, language);
      expect(await page.locator('#provider-search').inputValue()).toBe(q);
      const found = await directoryResults(page);
      const byName = new Map(handbook.providers.map((p) => [localized(p.name, language), p]));
      expect(found).toContain(localized(provider(handbook, finds).name, language));
      for (const title of found) {
        const listed = byName.get(title);
        expect(listed, `"${title}" is not a provider name in ${language}`).toBeDefined();
        expect(listed?.visibility, `${listed?.id} is restricted`).toBe('public');
        expect(listed?.services, `${listed?.id} does not offer ${service}`).toContain(service);
      }
      expect(await textOf(page.locator('main .result-count'))).toBe(
        ui(language, 'providers.resultCount', { count: found.length }),
      );

      // The directory narrowed by service type only: exactly the public providers offering it.
      await openScreen(page, `${base}/providers?service=${service}&lng=${language}`);
      const offering = publicProviders(handbook)
        .filter((p) => p.services.includes(service))
        .map((p) => localized(p.name, language));
      expect((await directoryResults(page)).sort()).toEqual(offering.sort());

      // A provider.
      const shown = provider(handbook, sample.provider);
      await openScreen(page, `${base}/providers/${shown.id}?lng=${language}`);
      await expectHeading(page, localized(shown.name, language));
      await expectHtmlLang(page, language);
      const providerText = await mainText(page);
      expect(providerText).toContain(localized(shown.description, language));
      expect(providerText).toContain(ui(language, 'provider.hours'));

      // A checklist.
      const checklist = handbook.checklists.find((c) => c.id === sample.checklist);
      if (!checklist) throw new Error(`${sample.id} has no checklist ${sample.checklist}`);
      await openScreen(page, `${base}/checklists/${checklist.id}?lng=${language}`);
      await expectHeading(page, localized(checklist.title, language));
      await expectHtmlLang(page, language);
      const checklistText = await mainText(page);
      expect(checklistText).toContain(localized(checklist.summary, language));
      expect(checklistText).toContain(ui(language, 'checklists.beforeYouAsk'));

      // The list of checklists.
      await openScreen(page, `${base}/checklists?lng=${language}`);
      await expectHeading(page, ui(language, 'checklists.title'));
      const listed = await mainText(page);
      for (const c of handbook.checklists) expect(listed).toContain(localized(c.title, language));

      // Restricted providers reach no screen, online or off.
      await openScreen(page, `${base}?lng=${language}`);
      await expandAll(page);
      const everything = await textOf(page.locator('body'));
      for (const hidden of restrictedProviders(handbook)) {
        expect(everything).not.toContain(localized(hidden.name, language));
      }
    });
  });

  it('opens a deep link never visited, in a brand-new tab, from the service worker', async () => {
    const [first] = SAMPLES;
    if (!first) throw new Error('no samples');
    const handbook = await authoredHandbook(first.id);
    const shown = provider(handbook, first.search.finds);
    const tab = await session.context.newPage();
    try {
      const response = await tab.goto(appUrl(`/j/${first.id}/providers/${shown.id}?lng=es`));
      expect(response?.fromServiceWorker(), 'the page must come from the service worker').toBe(true);
      await expectHeading(tab, localized(shown.name, 'es'));
      await expectHtmlLang(tab, 'es');
      expect(await tab.evaluate(() => navigator.onLine)).toBe(false);
    } finally {
      await tab.close();
    }
  });

  it('reloads the current screen offline', async () => {
    const { page } = session;
    const [first] = SAMPLES;
    if (!first) throw new Error('no samples');
    const handbook = await authoredHandbook(first.id);
    const checklist = handbook.checklists[0];
    if (!checklist) throw new Error('no checklist');
    await openScreen(page, `/j/${first.id}/checklists/${checklist.id}?lng=en`);
    await page.reload();
    await expectHeading(page, localized(checklist.title, 'en'));
    await expectHtmlLang(page, 'en');
  });
});
