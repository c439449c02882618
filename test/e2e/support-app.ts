import type { Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { type BrowserSession, launchChromium } from '../support/browser';

/** How long a screen may take to appear before a test gives up: generous for a slow CI machine. */
export const SCREEN_TIMEOUT = 15_000;

/** The absolute URL of a path of the app served for this test run. */
export function appUrl(path = '/'): string {
  return new URL(path, inject('appUrl')).href;
}

export interface AppSession extends BrowserSession {
  page: Page;
}

/** Real Chromium with a fresh profile and its first tab. */
export async function openBrowser(options: { locale?: string } = {}): Promise<AppSession> {
  const session = await launchChromium(options);
  session.context.setDefaultTimeout(SCREEN_TIMEOUT);
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  return { ...session, page };
}

/**
 * The rendered text of the one element a locator points at (what `innerText` gives:
 * what is on screen, not what a closed <details> or hidden element holds), once it is attached.
 */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'attached' });
  const [text = ''] = await locator.allInnerTexts();
  return text;
}

/** Opens a path and waits until a screen (anything with a main heading) is shown. */
export async function openScreen(page: Page, path: string): Promise<string> {
  await page.goto(appUrl(path));
  return mainHeading(page);
}

/** The text of the screen's first main heading, once the app has rendered one. */
export async function mainHeading(page: Page): Promise<string> {
  const heading = page.locator('main h1').first();
  await heading.waitFor({ state: 'visible' });
  return (await textOf(heading)).trim();
}

/** Waits until the first main heading reads `text`, failing with what was shown instead. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  try {
    await page.locator('main h1').first().filter({ hasText: text }).waitFor({ state: 'visible' });
  } catch {
    const shown = await page
      .locator('main h1')
      .allInnerTexts()
      .catch(() => []);
    const body = (await textOf(page.locator('body')).catch(() => '')).slice(0, 400);
    throw new Error(
      `Expected the heading "${text}" at ${page.url()}; headings shown: ${JSON.stringify(shown)}; page: ${JSON.stringify(body)}`,
    );
  }
}

/** Waits for <html lang> to become `language`, failing with the language it has instead. */
export async function expectHtmlLang(page: Page, language: string): Promise<void> {
  try {
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language, { timeout: 5_000 });
  } catch {
    const actual = await page.evaluate(() => document.documentElement.lang);
    throw new Error(`Expected <html lang="${language}"> at ${page.url()}, found lang="${actual}"`);
  }
}

/** Waits until the page is controlled by the app's service worker (precache installed and claimed). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Opens every collapsed <details> (route steps, principles, filters) so their content is on screen. */
export async function expandAll(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
}

/** The visible text of the main region. */
export async function mainText(page: Page): Promise<string> {
  return textOf(page.locator('main'));
}

/** Titles of the provider cards the directory lists, in order. */
export async function directoryResults(page: Page): Promise<string[]> {
  await page.locator('main .result-count').waitFor();
  // The directory shows a page of results at a time: open every page, as a worker would.
  const showMore = page.locator('main button.show-more');
  while (await showMore.isVisible()) await showMore.click();
  return (await page.locator('main .card-list .card-title').allInnerTexts()).map((t) => t.trim());
}

/** Waits until the directory lists exactly what `accept` accepts, returning the titles. */
export async function waitForResults(page: Page, accept: (titles: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + SCREEN_TIMEOUT;
  let titles = await directoryResults(page);
  while (!accept(titles) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    titles = await directoryResults(page);
  }
  return titles;
}
