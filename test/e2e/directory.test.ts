import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppSession,
  appUrl,
  directoryResults,
  expectHeading,
  openBrowser,
  openScreen,
  textOf,
  waitForResults,
} from './support-app';
import {
  authoredHandbook,
  kilometresBetween,
  localized,
  provider,
  publicProviders,
  restrictedProviders,
  ui,
} from './support-data';

const J = 'hn-ocotepeque';
const DIRECTORY = `/j/${J}/providers`;

/** The provider card whose title is `name`. */
function card(page: Page, name: string) {
  return page.locator('main .card-list li').filter({ has: page.locator('.card-title', { hasText: name }) });
}

async function openFilters(page: Page) {
  const filters = page.locator('main details.filters');
  if (!(await filters.evaluate((d) => (d as HTMLDetailsElement).open))) await filters.locator('summary').click();
}

describe('provider directory', () => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'es-HN' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists every public provider and no restricted one', async () => {
    const { page } = session;
    const handbook = await authoredHandbook(J);
    await openScreen(page, `${DIRECTORY}?lng=es`);
    const listed = await directoryResults(page);
    expect([...listed].sort()).toEqual(
      publicProviders(handbook)
        .map((p) => localized(p.name, 'es'))
        .sort(),
    );
    expect(restrictedProviders(handbook).length, 'the sample must hold a restricted provider').toBeGreaterThan(0);
    for (const hidden of restrictedProviders(handbook)) {
      // Searching for its very name narrows the list, and still never shows it.
      const name = localized(hidden.name, 'es');
      await page.locator('#provider-search').fill(name);
      await page.waitForURL((url) => url.searchParams.get('q') === name);
      const found = await waitForResults(page, (titles) => titles.length < listed.length);
      expect(found.length).toBeLessThan(listed.length);
      expect(found).not.toContain(name);
      expect(await textOf(page.locator('main'))).not.toContain(name);
    }
  });

  it('finds "Atención psicológica" when typed without accents, and with a one-letter typo', async () => {
    const { page } = session;
    const caminos = localized(provider(await authoredHandbook(J), 'caminos-atencion-psicologica').name, 'es');
    expect(caminos).toContain('Atención psicológica');
    await openScreen(page, `${DIRECTORY}?lng=es`);

    // fill() enters the text in one input event; the next test types letter by letter.
    const search = page.getByRole('searchbox', { name: ui('es', 'providers.searchLabel') });
    await search.fill('atencion psicologica');
    await page.waitForURL((url) => url.searchParams.get('q') === 'atencion psicologica');
    const found = await waitForResults(page, (titles) => titles.includes(caminos));
    expect(found).toContain(caminos);

    await search.fill('atencion psicolojica');
    await page.waitForURL((url) => url.searchParams.get('q') === 'atencion psicolojica');
    const withTypo = await waitForResults(page, (titles) => titles.includes(caminos));
    expect(withTypo, 'a one-letter typo must still find the provider').toContain(caminos);

    await search.fill('zzqxw');
    const none = await waitForResults(page, (titles) => titles.length === 0);
    expect(none).toEqual([]);
    expect(await textOf(page.locator('main .result-count'))).toBe(ui('es', 'providers.resultCount', { count: 0 }));
  });

  it('with the interface in English, still finds a service by the Spanish name of its type', async () => {
    const { page } = session;
    const conadeh = localized(provider(await authoredHandbook(J), 'conadeh-ocotepeque').name, 'en');
    // A fresh start in English: only the English strings are loaded until the directory opens.
    await openScreen(page, `${DIRECTORY}?lng=en`);
    await page.getByRole('searchbox', { name: ui('en', 'providers.searchLabel') }).fill('asesoria legal');
    await page.waitForURL((url) => url.searchParams.get('q') === 'asesoria legal');
    expect(await waitForResults(page, (titles) => titles.includes(conadeh))).toContain(conadeh);
  });

  it('keeps every letter typed on a slow phone (6× CPU throttling, 50 ms a key)', async () => {
    const { page, context } = session;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        await openScreen(page, `${DIRECTORY}?lng=es`);
        const search = page.getByRole('searchbox', { name: ui('es', 'providers.searchLabel') });
        await search.pressSequentially('atencion psicologica', { delay: 50 });
        await page.waitForTimeout(500);
        expect(await search.inputValue()).toBe('atencion psicologica');
      }
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
  });

  it('the service filter updates the URL and the results', async () => {
    const { page } = session;
    const handbook = await authoredHandbook(J);
    await openScreen(page, `${DIRECTORY}?lng=es`);
    await openFilters(page);

    await page.getByLabel(ui('es', 'providers.serviceFilter')).selectOption('legal_aid');
    await page.waitForURL((url) => url.searchParams.get('service') === 'legal_aid');
    const legal = publicProviders(handbook)
      .filter((p) => p.services.includes('legal_aid'))
      .map((p) => localized(p.name, 'es'))
      .sort();
    expect(legal.length).toBeGreaterThan(0);
    const shown = await waitForResults(page, (titles) => titles.length === legal.length);
    expect([...shown].sort()).toEqual(legal);
    expect(await textOf(page.locator('main details.filters summary'))).toBe(
      ui('es', 'providers.filtersActive', { count: 1 }),
    );

    await page.getByLabel(ui('es', 'providers.serviceFilter')).selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('service'));
    const all = await waitForResults(page, (titles) => titles.length === publicProviders(handbook).length);
    expect(all).toHaveLength(publicProviders(handbook).length);

    // The back button undoes the filter, as the URL holds it.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('service') === 'legal_aid');
    expect((await waitForResults(page, (titles) => titles.length === legal.length)).sort()).toEqual(legal);
  });

  describe('open now, in the jurisdiction time zone (America/Tegucigalpa, UTC−6)', () => {
    it('a 24/7 provider is open and an office-hours provider closed at 06:30 on a Monday', async () => {
      const { page } = session;
      const handbook = await authoredHandbook(J);
      expect(handbook.jurisdiction.timeZone).toBe('America/Tegucigalpa');
      const hospital = localized(provider(handbook, 'hospital-ocotepeque').name, 'en');
      const caminos = localized(provider(handbook, 'caminos-atencion-psicologica').name, 'en');

      // Monday 06:30 in Ocotepeque is 12:30 UTC, when the office (08:00–17:00) would be open in UTC.
      await page.clock.setFixedTime(new Date('2026-03-02T12:30:00Z'));
      await openScreen(page, `${DIRECTORY}?lng=en`);
      await directoryResults(page);
      expect(await textOf(card(page, hospital))).toContain(ui('en', 'providers.openNow'));
      expect(await textOf(card(page, caminos))).toContain(ui('en', 'providers.closedNow'));

      await openFilters(page);
      await page.getByRole('checkbox', { name: ui('en', 'providers.openNowFilter') }).click();
      await page.waitForURL((url) => url.searchParams.get('open') === '1');
      const open = await waitForResults(page, (titles) => !titles.includes(caminos));
      expect(open).toContain(hospital);
      expect(open).not.toContain(caminos);
      await directoryResults(page);
      for (const text of await page.locator('main .card-list li').allInnerTexts()) {
        expect(text).toContain(ui('en', 'providers.openNow'));
      }

      await openScreen(page, `${DIRECTORY}/caminos-atencion-psicologica?lng=en`);
      expect(await textOf(page.locator('main .status-closed'))).toBe(ui('en', 'providers.closedNow'));
    });

    it('the office-hours provider is open at 16:30 on a Monday, local time', async () => {
      const { page } = session;
      const caminos = localized(provider(await authoredHandbook(J), 'caminos-atencion-psicologica').name, 'en');
      // 16:30 in Ocotepeque is 22:30 UTC, when the office would be closed in UTC.
      await page.clock.setFixedTime(new Date('2026-03-02T22:30:00Z'));
      await openScreen(page, `${DIRECTORY}?open=1&lng=en`);
      expect(await directoryResults(page)).toContain(caminos);
      expect(await textOf(card(page, caminos))).toContain(ui('en', 'providers.openNow'));
    });
  });

  it('"near me" shows distances and lists the nearest provider first', async () => {
    const { page, context } = session;
    const handbook = await authoredHandbook(J);
    const here = provider(handbook, 'cesamo-agua-caliente');
    if (here.latitude === undefined || here.longitude === undefined) throw new Error('the sample has no coordinates');
    const position = { latitude: here.latitude + 0.0005, longitude: here.longitude };
    await context.grantPermissions(['geolocation'], { origin: new URL(appUrl()).origin });
    await context.setGeolocation(position);

    await openScreen(page, `${DIRECTORY}?lng=en`);
    await openFilters(page);
    await page.getByRole('button', { name: ui('en', 'providers.nearMe') }).click();
    await page.getByRole('button', { name: ui('en', 'providers.stopNearMe') }).waitFor();
    await directoryResults(page);

    const cards = await page.locator('main .card-list li').allInnerTexts();
    const shown = cards.map((text) => {
      const distance = /·\s*([\d,]+(?:\.\d+)?)\s*km/.exec(text)?.[1];
      return { text, km: distance === undefined ? undefined : Number(distance.replace(/,/g, '')) };
    });
    const located = publicProviders(handbook).filter((p) => p.latitude !== undefined && p.longitude !== undefined);
    expect(shown.filter((s) => s.km !== undefined)).toHaveLength(located.length);

    // Nearest first, by an independent distance computation; providers with no place last.
    const nearest = [...located].sort(
      (a, b) =>
        kilometresBetween(position, { latitude: a.latitude ?? 0, longitude: a.longitude ?? 0 }) -
        kilometresBetween(position, { latitude: b.latitude ?? 0, longitude: b.longitude ?? 0 }),
    )[0];
    expect(shown[0]?.text).toContain(localized(nearest?.name ?? here.name, 'en'));
    const distances = shown.map((s) => s.km ?? Number.POSITIVE_INFINITY);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const p of located) {
      const expected = kilometresBetween(position, { latitude: p.latitude ?? 0, longitude: p.longitude ?? 0 });
      const row = shown.find((s) => s.text.includes(localized(p.name, 'en')));
      expect(row?.km, `distance shown for ${p.id}`).toBeCloseTo(expected, 0);
    }
  });

  it('"near me" without permission explains why instead of failing silently', async () => {
    const { page, context } = session;
    await context.clearPermissions();
    await openScreen(page, `${DIRECTORY}?lng=en`);
    await openFilters(page);
    await page.getByRole('button', { name: ui('en', 'providers.nearMe') }).click();
    await page.getByText(ui('en', 'providers.location.denied')).waitFor();
    await expectHeading(page, ui('en', 'providers.title'));
  });
});
