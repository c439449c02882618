import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { seriousAxeViolations, smallTouchTargets } from './support-a11y';
import { type AppSession, appUrl, expectHeading, expectHtmlLang, openBrowser } from './support-app';
import type { Language } from './support-data';

/** A function giving a string of one console namespace, with {{placeholders}} and plurals, as the screens show it. */
export function consoleStrings(
  file: string,
  catalogues: Record<Language, unknown>,
): (language: Language, key: string, values?: Record<string, string | number>) => string {
  return (language, key, values = {}) => {
    const catalogue = catalogues[language];
    const lookup = (path: string) =>
      path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
    let text = lookup(key);
    if (text === undefined && typeof values.count === 'number') {
      text = lookup(`${key}_${new Intl.PluralRules(language).select(values.count)}`) ?? lookup(`${key}_other`);
    }
    if (typeof text !== 'string') throw new Error(`locales/${language}/${file} has no "${key}"`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
  };
}

// Spanish on a tablet held upright, English on a laptop: the two sizes the console is made for.
export const CONSOLE_VIEWPORTS: Record<Language, { width: number; height: number }> = {
  es: { width: 800, height: 1280 },
  en: { width: 1280, height: 800 },
};

/** Signs in through the console's form, by its fields' ids (whatever the language), and waits to leave it. */
export async function signInToConsole(page: Page, email: string, password: string, language: Language): Promise<void> {
  await page.goto(appUrl(`/admin/login?lng=${language}`));
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'));
}

/** No serious axe violation, 44 px touch targets, nothing wider than the screen. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe on ${what}:\n${violations.join('\n')}`).toEqual([]);
  const targets = await smallTouchTargets(page);
  expect(targets.offenders, `small targets on ${what}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

export interface ConsoleScreen {
  name: string;
  path: string;
  heading(language: Language): string | Promise<string>;
  /** What the coordinator does first, so forms, opened items, confirmations and messages are audited too. */
  interact?(page: Page, language: Language): Promise<void>;
}

/** Opens a console screen in a language and checks it is accessible as opened and, when it has one, after the interaction. */
export async function expectScreenAccessible(page: Page, screen: ConsoleScreen, language: Language): Promise<void> {
  await page.goto(appUrl(`${screen.path}?lng=${language}`));
  await expectHeading(page, await screen.heading(language));
  await expectHtmlLang(page, language);
  await page.locator('main .loading').waitFor({ state: 'detached' });
  await expectAccessible(page, `${screen.name} (${language}, as opened)`);
  if (screen.interact) {
    await screen.interact(page, language);
    await expectAccessible(page, `${screen.name} (${language}, after interacting)`);
  }
}

/**
 * A browser signed in to the console for the tests of the calling describe block, at the size
 * its language is tested at; closed after them. Its page exists once the block's tests run.
 */
export function consoleSessionFor(
  language: Language,
  account: { email: string; password: string; locale: string },
): { readonly page: Page } {
  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openBrowser({ locale: account.locale });
    await session.page.setViewportSize(CONSOLE_VIEWPORTS[language]);
    await signInToConsole(session.page, account.email, account.password, language);
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get page(): Page {
      if (!session) throw new Error('the console session opens before the tests of its describe block');
      return session.page;
    },
  };
}
