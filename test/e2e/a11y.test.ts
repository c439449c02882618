import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, smallTouchTargets } from './support-a11y';
import { type AppSession, expandAll, expectHeading, expectHtmlLang, openBrowser, openScreen } from './support-app';
import { authoredHandbook, LANGUAGES, type Language, localized, provider, ui } from './support-data';

const J = 'hn-ocotepeque';

interface Screen {
  name: string;
  path: string;
  /** The main heading the screen must show, so a test never audits a loading or error screen by mistake. */
  heading: (language: Language) => Promise<string>;
}

const handbook = () => authoredHandbook(J);

const SCREENS: Screen[] = [
  { name: 'jurisdiction picker', path: '/jurisdictions', heading: async (l) => ui(l, 'jurisdictions.title') },
  {
    name: 'route',
    path: `/j/${J}`,
    heading: async (l) => localized((await handbook()).routes[0]?.title ?? { es: '?', en: '?' }, l),
  },
  { name: 'directory with results', path: `/j/${J}/providers`, heading: async (l) => ui(l, 'providers.title') },
  {
    name: 'directory without results',
    path: `/j/${J}/providers?q=zzqxw`,
    heading: async (l) => ui(l, 'providers.title'),
  },
  {
    name: 'provider detail',
    path: `/j/${J}/providers/cruz-roja-ocotepeque`,
    heading: async (l) => localized(provider(await handbook(), 'cruz-roja-ocotepeque').name, l),
  },
  { name: 'checklists', path: `/j/${J}/checklists`, heading: async (l) => ui(l, 'checklists.title') },
  {
    name: 'checklist',
    path: `/j/${J}/checklists/indicadores-generales`,
    heading: async (l) =>
      localized(
        (await handbook()).checklists.find((c) => c.id === 'indicadores-generales')?.title ?? { es: '?', en: '?' },
        l,
      ),
  },
  { name: 'settings', path: '/settings', heading: async (l) => ui(l, 'settings.title') },
  { name: 'unknown jurisdiction', path: '/j/xx-nowhere', heading: async (l) => ui(l, 'notFound.jurisdiction') },
  {
    name: 'unknown provider',
    path: `/j/${J}/providers/no-such-provider`,
    heading: async (l) => ui(l, 'notFound.provider'),
  },
];

describe.each(LANGUAGES)('accessibility in %s', (language) => {
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: language === 'es' ? 'es-HN' : 'en-US' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it.each(SCREENS)('$name: no serious axe violations, 44 px touch targets, <html lang>', async (screen) => {
    const { page } = session;
    const separator = screen.path.includes('?') ? '&' : '?';
    await openScreen(page, `${screen.path}${separator}lng=${language}`);
    await expectHeading(page, await screen.heading(language));
    await expectHtmlLang(page, language);

    // Collapsed and expanded: what a closed <details> hides is audited once it is open.
    const collapsed = await seriousAxeViolations(page);
    expect(collapsed, `axe on ${screen.name} (${language}, collapsed):\n${collapsed.join('\n')}`).toEqual([]);
    await expandAll(page);
    const expanded = await seriousAxeViolations(page);
    expect(expanded, `axe on ${screen.name} (${language}, expanded):\n${expanded.join('\n')}`).toEqual([]);

    const targets = await smallTouchTargets(page);
    expect(targets.checked, 'controls measured').toBeGreaterThan(0);
    expect(
      targets.offenders,
      `touch targets under 44×44 px on ${screen.name} (${language}):\n${targets.offenders.join('\n')}`,
    ).toEqual([]);
  });

  it('would notice a violation: the audits are not vacuous', async () => {
    const { page } = session;
    await openScreen(page, `/j/${J}/checklists?lng=${language}`);
    await page.evaluate(() => {
      const main = document.querySelector('main');
      const button = document.createElement('button');
      button.textContent = 'x';
      button.style.cssText = 'width:20px;height:20px;padding:0;min-height:0;min-width:0';
      const image = document.createElement('img');
      image.src = '/icons/icon-192.png';
      const link = document.createElement('p');
      link.innerHTML = 'Running text with <a href="#main">an inline link</a> in it.';
      main?.append(button, image, link);
    });
    expect((await seriousAxeViolations(page)).join('\n')).toMatch(/image-alt/);
    const targets = await smallTouchTargets(page);
    expect(targets.offenders.join('\n')).toMatch(/^button "x" is 20×20 px$/m);
    expect(targets.offenders.join('\n')).not.toContain('inline link');
  });
});
