import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import en from '../../../../locales/en/protection.json';
import es from '../../../../locales/es/protection.json';
import { renderNeutralPage } from '../../../../src/server/build/neutral-page-plugin';

/** The neutral page as a browser speaking `language` shows it once its script has run. */
async function openedIn(language: string) {
  const html = await renderNeutralPage(process.cwd());
  const dom = new JSDOM(html, {
    url: 'http://localhost/blank.html',
    runScripts: 'dangerously',
    beforeParse(window) {
      Object.defineProperty(window.navigator, 'language', { value: language });
    },
  });
  const { document, history } = dom.window;
  const opened = { html, title: document.title, lang: document.documentElement.lang, entries: history.length };
  dom.window.close();
  return opened;
}

describe('the page quick exit leaves for', () => {
  it('is titled like a new tab in the browser language, with the words from locales/', async () => {
    expect(await openedIn('es-HN')).toMatchObject({ title: es.neutralPage.title, lang: 'es' });
    expect(await openedIn('en-US')).toMatchObject({ title: en.neutralPage.title, lang: 'en' });
  });

  it('falls back to English for a browser in another language', async () => {
    expect(await openedIn('fr-FR')).toMatchObject({ title: en.neutralPage.title, lang: 'en' });
  });

  it('names nothing of the app, and pushes one entry so "forward" leads nowhere', async () => {
    const page = await openedIn('es');
    expect(page.html).not.toMatch(/rutas|trata|traffick|víctima|victim/i);
    expect(page.entries).toBe(2);
  });
});
