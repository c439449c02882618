import i18next, { type TFunction } from 'i18next';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import casesEn from '../../locales/en/cases.json';
import protectionEn from '../../locales/en/protection.json';
import translationEn from '../../locales/en/translation.json';
import casesEs from '../../locales/es/cases.json';
import protectionEs from '../../locales/es/protection.json';
import translationEs from '../../locales/es/translation.json';
import { seriousAxeViolations, smallTouchTargets } from './support-a11y';
import { type AppSession, appUrl, expectHeading, expectHtmlLang, mainHeading, openBrowser } from './support-app';
import type { Language } from './support-data';

const J = 'hn-ocotepeque';
const PIN = '482916';
/** A note with words no handbook holds, so finding any of them in storage can only mean the note leaked. */
const NOTE_WORDS = ['Xiqueltrap', 'zorvandila', 'Q7WK-4471'];
const NOTE = `Dice que ${NOTE_WORDS[0]} guarda su ${NOTE_WORDS[1]} (${NOTE_WORDS[2]})`;

/** The interface strings of every namespace these screens use, as the app shows them. */
const strings = i18next.createInstance();
await strings.init({
  resources: {
    es: { translation: translationEs, protection: protectionEs, cases: casesEs },
    en: { translation: translationEn, protection: protectionEn, cases: casesEn },
  },
  lng: 'en',
  fallbackLng: false,
  interpolation: { escapeValue: false },
});
const tFor = (language: Language): TFunction => strings.getFixedT(language);

/** Axe finds no serious or critical violation, and every control is a 44 px target. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe on ${what}:\n${violations.join('\n')}`).toEqual([]);
  const targets = await smallTouchTargets(page);
  expect(targets.offenders, `small touch targets on ${what}`).toEqual([]);
}

/**
 * Everything the app's database holds, read from the page with plain IndexedDB: each store's
 * rows as JSON, every stored byte decoded as UTF-8 so plaintext inside a buffer would show.
 */
async function databaseText(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('rutas')) return {};
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('rutas');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const decoder = new TextDecoder();
    const asText = (_key: string, value: unknown) => {
      if (value instanceof ArrayBuffer) return `bytes:${decoder.decode(value)}`;
      if (ArrayBuffer.isView(value)) return `bytes:${decoder.decode(value)}`;
      return value;
    };
    const out: Record<string, string> = {};
    for (const name of db.objectStoreNames) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      out[name] = JSON.stringify(rows, asText);
    }
    db.close();
    return out;
  });
}

async function rowCount(page: Page, store: string): Promise<number> {
  const text = (await databaseText(page))[store];
  return text === undefined ? 0 : (JSON.parse(text) as unknown[]).length;
}

/** Fills and submits the PIN set-up form (on a protected screen, or in settings). */
async function setPin(page: Page, t: TFunction, pin: string): Promise<void> {
  await page.getByLabel(t('protection:setup.pin', { min: 6 })).fill(pin);
  await page.getByLabel(t('protection:setup.repeat')).fill(pin);
  await page.getByLabel(t('protection:setup.understood')).check();
  await page.getByRole('button', { name: t('protection:setup.submit') }).click();
}

async function unlock(page: Page, t: TFunction, pin: string): Promise<void> {
  const field = page.getByLabel(t('protection:unlock.pin'), { exact: true });
  await expect.poll(() => field.isEnabled()).toBe(true);
  await field.fill(pin);
  await page.getByRole('button', { name: t('protection:unlock.submit') }).click();
}

async function expectLocked(page: Page, t: TFunction): Promise<void> {
  await expectHeading(page, t('protection:unlock.title'));
}

/** The data key lives only in memory: every page load starts locked. */
async function openUnlocked(page: Page, t: TFunction, path: string): Promise<void> {
  await page.goto(appUrl(path));
  await expectLocked(page, t);
  await unlock(page, t, PIN);
  await page
    .locator('main h1')
    .filter({ hasNotText: t('protection:unlock.title') })
    .first()
    .waitFor();
}

/** A sentence with a {{time}} in it, matching whatever time the countdown has reached. */
function withAnyTime(t: TFunction, key: string): RegExp {
  const escaped = t(key, { time: '@TIME@' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace('@TIME@', '.+'));
}

async function failedAttempts(page: Page): Promise<number | undefined> {
  const [key] = JSON.parse((await databaseText(page)).vaultKeys ?? '[]') as { failedAttempts: number }[];
  return key?.failedAttempts;
}

describe('protection of device data (en)', () => {
  const t = tFor('en');
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'en-US' });
    page = session.page;
    // The page's clock runs on its own, and tests move it on past backoff waits and idle times.
    await page.clock.install();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a case screen asks for a PIN first, saying plainly that a lost PIN cannot be recovered', async () => {
    await page.goto(appUrl(`/j/${J}/cases/new?lng=en`));
    await expectHeading(page, t('protection:setup.title'));
    await expectHtmlLang(page, 'en');
    expect(await page.locator('main').innerText()).toContain(t('protection:setup.warning'));
    const field = page.getByLabel(t('protection:setup.pin', { min: 6 }));
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    expect(await field.getAttribute('autocomplete')).toBe('off');
    await expectAccessible(page, 'the PIN set-up screen (en)');

    // Too easy a PIN is refused, and nothing is stored.
    await setPin(page, t, '123456');
    await page.getByText(t('protection:problem.tooSimple')).waitFor();
    await expectAccessible(page, 'the PIN set-up screen with a problem (en)');
    expect(await rowCount(page, 'vaultKeys')).toBe(0);

    await setPin(page, t, PIN);
    // The new case opens once the PIN is set.
    await page.locator('#case-notes').waitFor();
    const key = JSON.parse((await databaseText(page)).vaultKeys ?? '[]') as { iterations: number }[];
    expect(key).toHaveLength(1);
    expect(key[0]?.iterations).toBeGreaterThanOrEqual(310_000);
  });

  it('notes are sealed: nothing in IndexedDB, read from the page, holds them in plain text', async () => {
    const code = (await mainHeading(page)).trim();
    await page.locator('#case-notes').fill(NOTE);
    await page.getByRole('button', { name: t('cases:notes.save') }).click();
    await page.getByText(t('cases:notes.saved')).waitFor();
    await expect.poll(() => rowCount(page, 'sealed')).toBeGreaterThan(0);
    // The save is sealed in the background: wait until the stored row has changed size with the note.
    await page.waitForTimeout(500);

    const stored = await databaseText(page);
    const everything = Object.values(stored).join('\n');
    expect(stored.sealed).toBeDefined();
    for (const text of [NOTE, ...NOTE_WORDS, code.replace(/^.*\s/, '')]) {
      expect(everything.includes(text), `"${text}" in IndexedDB`).toBe(false);
    }
    const local = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    for (const word of NOTE_WORDS) expect(local.includes(word)).toBe(false);

    // A reload locks (the key was only in memory); the PIN opens the same note again.
    await page.reload();
    await expectLocked(page, t);
    await unlock(page, t, PIN);
    await page.locator('#case-notes').waitFor();
    expect(await page.locator('#case-notes').inputValue()).toBe(NOTE);
  });

  it('settings: idle-lock choice and lock now; the unlock screen then replaces every screen', async () => {
    await openUnlocked(page, t, '/settings?lng=en');
    await expectHeading(page, t('settings.title'));
    await page.getByRole('heading', { name: t('protection:settings.title') }).waitFor();
    await expectAccessible(page, 'settings with the protection section, PIN set (en)');

    await page.getByLabel(t('protection:settings.minutes', { count: 1 })).check();
    await page.getByRole('button', { name: t('protection:settings.lockNow') }).click();
    await expectLocked(page, t);
    expect(await page.locator('main').innerText()).not.toContain(t('settings.title'));
    await expectAccessible(page, 'the unlock screen (en)');

    // Any other screen, even a fresh load of the handbook, shows the unlock screen instead.
    await page.goto(appUrl(`/j/${J}`));
    await expectLocked(page, t);
    expect(await page.locator('nav').count()).toBe(0);

    await unlock(page, t, PIN);
    await page
      .locator('main h1')
      .filter({ hasNotText: t('protection:unlock.title') })
      .waitFor();
  });

  it('locks after the idle time chosen (1 minute without a touch)', async () => {
    await page.goto(appUrl(`/j/${J}`));
    await unlock(page, t, PIN);
    await page.locator('nav').first().waitFor();
    await page.clock.fastForward(30_000);
    await page.mouse.click(5, 300);
    await page.clock.fastForward(45_000);
    // 45 s since the last touch: still open.
    expect(await page.locator('nav').count()).toBeGreaterThan(0);
    await page.clock.fastForward(20_000);
    await expectLocked(page, t);
  });

  it('wrong PINs back off visibly, doubling, and a reload does not reset the count', async () => {
    for (const wrong of ['000001', '000002']) {
      await unlock(page, t, wrong);
      await page.getByText(t('protection:unlock.wrong', { count: wrong === '000001' ? 1 : 2 })).waitFor();
    }
    await unlock(page, t, '000003');
    await page.getByText(t('protection:unlock.tooMany')).waitFor();
    const wait = page.getByText(withAnyTime(t, 'protection:unlock.wait'));
    await wait.waitFor();
    // 30 seconds, counting down.
    expect(await wait.innerText()).toMatch(/\b(30|29|28) /);
    const field = page.getByLabel(t('protection:unlock.pin'), { exact: true });
    expect(await field.isDisabled()).toBe(true);
    await expectAccessible(page, 'the unlock screen during a wait (en)');

    await page.reload();
    await expectLocked(page, t);
    await page.getByText(t('protection:unlock.tooMany')).waitFor();
    expect(await field.isDisabled()).toBe(true);

    await page.clock.fastForward(31_000);
    await unlock(page, t, '000004');
    // The wait doubles: a minute.
    await page.getByText(t('protection:unlock.wait', { time: t('protection:time.minutes', { count: 1 }) })).waitFor();
    // The right PIN after the wait opens the app and clears the count.
    await page.clock.fastForward(61_000);
    await unlock(page, t, PIN);
    await page.locator('nav').first().waitFor();
    expect(await failedAttempts(page)).toBe(0);
  });

  it('quick exit drops the key: coming back, the app is locked', async () => {
    await page.getByRole('button', { name: t('app.quickExit') }).click();
    await reachNeutralPage(page);
    await page.goto(appUrl(`/j/${J}`));
    await expectLocked(page, t);
    expect(await failedAttempts(page)).toBe(0);
  });

  it('after ten wrong PINs in a row the unlock screen offers to wipe this device, which erases every record', async () => {
    expect(await failedAttempts(page)).toBe(0);
    for (let attempt = 1; attempt <= 10; attempt++) {
      // Past any wait the previous wrong PIN started.
      await page.clock.fastForward(15 * 60_000);
      await unlock(page, t, `10000${attempt % 10}`);
      await expect.poll(() => failedAttempts(page)).toBe(attempt);
      expect(await page.getByRole('heading', { name: t('protection:unlock.forgotTitle') }).count()).toBe(
        attempt >= 10 ? 1 : 0,
      );
    }
    await page.getByRole('heading', { name: t('protection:unlock.forgotTitle') }).waitFor();
    expect(await rowCount(page, 'sealed')).toBeGreaterThan(0);

    await page.getByRole('button', { name: t('protection:wipe.start') }).click();
    await page.getByText(t('protection:wipe.confirm')).waitFor();
    await expectAccessible(page, 'the unlock screen offering to wipe (en)');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: t('protection:wipe.confirmButton') }).click(),
    ]);

    // The app starts again as on a new phone, in the language it showed, with no PIN.
    await page.locator('main h1').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await rowCount(page, 'vaultKeys')).toBe(0);
    expect(await rowCount(page, 'sealed')).toBe(0);
    expect(Object.values(await databaseText(page)).join('\n')).not.toContain(NOTE_WORDS[0]);
    // The app itself stays precached: it still opens offline.
    expect(
      await page.evaluate(async () => (await caches.keys()).some((name) => name.startsWith('workbox-precache'))),
    ).toBe(true);
    await page.goto(appUrl(`/j/${J}`));
    await page.locator('nav').first().waitFor();
    await page.goto(appUrl(`/j/${J}/cases`));
    await expectHeading(page, t('protection:setup.title'));
  });
});

interface SessionHistory {
  currentIndex: number;
  urls: string[];
}

/** The tab's session history as the browser keeps it (what back and forward walk through). */
async function sessionHistory(page: Page): Promise<SessionHistory> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const history = (await cdp.send('Page.getNavigationHistory')) as {
      currentIndex: number;
      entries: { url: string }[];
    };
    return { currentIndex: history.currentIndex, urls: history.entries.map((entry) => entry.url) };
  } finally {
    await cdp.detach();
  }
}

async function historyUrls(page: Page): Promise<string[]> {
  return (await sessionHistory(page)).urls;
}

const isNeutral = (url: string) => url === 'about:blank' || new URL(url).pathname === '/blank.html';

/**
 * Quick exit walks back through the tab's history and then replaces the page: a navigation on
 * the way may be aborted by the next, which page.waitForURL reports as an error. Wait for where it ends.
 */
async function reachNeutralPage(page: Page): Promise<void> {
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/blank.html');
  await page.waitForLoadState('load');
}

describe('quick exit', () => {
  const t = tFor('en');
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await session?.close();
  });

  /** A worker's visit: the route, the directory, a provider, a reload, the checklists. */
  async function visit(page: Page): Promise<void> {
    await page.goto(appUrl(`/j/${J}?lng=en`));
    await page.locator('nav').first().waitFor();
    await page.getByRole('link', { name: t('nav.providers') }).click();
    await page.locator('main .card-list a').first().click();
    await page.locator('main h1').first().waitFor();
    // A reload: the entries before it belong to an earlier page load.
    await page.reload();
    await page.locator('main h1').first().waitFor();
    await page.getByRole('link', { name: t('nav.checklists') }).click();
    await expectHeading(page, t('checklists.title'));
    expect((await historyUrls(page)).filter((url) => !isNeutral(url)).length).toBeGreaterThanOrEqual(4);
  }

  async function expectNothingOfTheApp(page: Page): Promise<void> {
    await reachNeutralPage(page);
    expect(await page.title()).toBe('New tab');
    expect((await page.locator('body').innerText()).trim()).toBe('');
    const html = await page.content();
    expect(html).not.toMatch(/rutas/i);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    const urls = await historyUrls(page);
    expect(
      urls.filter((url) => !isNeutral(url)),
      'app pages left in the session history',
    ).toEqual([]);
    // Back and forward as far as they go: never an app page, never anything of the app on screen.
    const seen: string[] = [];
    const step = async (move: () => Promise<unknown>) => {
      await move();
      await page.waitForLoadState('load');
      seen.push(page.url());
      expect(
        await page
          .locator('body')
          .innerText()
          .catch(() => ''),
      ).not.toMatch(/rutas|quick exit/i);
    };
    for (let h = await sessionHistory(page); h.currentIndex > 0; h = await sessionHistory(page)) {
      await step(() => page.goBack());
    }
    for (let h = await sessionHistory(page); h.currentIndex < h.urls.length - 1; h = await sessionHistory(page)) {
      await step(() => page.goForward());
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.filter((url) => !isNeutral(url)),
      'app pages reached by back or forward',
    ).toEqual([]);
  }

  it('the control in the top bar leaves for a blank page and takes the app out of the back history', async () => {
    const page = await session.context.newPage();
    await visit(page);
    const button = page.getByRole('button', { name: t('app.quickExit') });
    const box = await button.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await button.click();
    await expectNothingOfTheApp(page);
    await page.close();
  });

  it('Escape pressed three times does the same', async () => {
    const page = await session.context.newPage();
    await visit(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expectNothingOfTheApp(page);
    await page.close();
  });

  it('works without the Navigation API too (other browsers), from the router history index', async () => {
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'navigation', { value: undefined });
    });
    await visit(page);
    await page.getByRole('button', { name: t('app.quickExit') }).click();
    await expectNothingOfTheApp(page);
    await page.close();
  });

  it('works from the first screen too, and the neutral page opens offline', async () => {
    const page = await session.context.newPage();
    await page.goto(appUrl(`/j/${J}?lng=en`));
    await page.locator('nav').first().waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await session.context.setOffline(true);
    try {
      await page.getByRole('button', { name: t('app.quickExit') }).click();
      await expectNothingOfTheApp(page);
    } finally {
      await session.context.setOffline(false);
    }
    await page.close();
  });
});

describe('protection screens in Spanish', () => {
  const t = tFor('es');
  let session: AppSession;

  beforeAll(async () => {
    session = await openBrowser({ locale: 'es-HN' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('PIN set-up in settings, the settings section and the unlock screen: accessible, in Spanish', async () => {
    const { page } = session;
    await page.goto(appUrl('/settings?lng=es'));
    await expectHeading(page, t('settings.title'));
    await expectHtmlLang(page, 'es');
    await page.getByRole('heading', { name: t('protection:setup.title') }).waitFor();
    expect(await page.getByRole('button', { name: t('app.quickExit') }).isVisible()).toBe(true);
    await expectAccessible(page, 'settings without a PIN (es)');

    await setPin(page, t, PIN);
    await page.getByRole('button', { name: t('protection:settings.lockNow') }).waitFor();
    await expectAccessible(page, 'settings with a PIN (es)');

    await page.getByRole('button', { name: t('protection:wipe.start') }).click();
    await page.getByText(t('protection:wipe.confirm')).waitFor();
    await expectAccessible(page, 'settings asking to confirm the wipe (es)');
    await page.getByRole('button', { name: t('protection:wipe.cancel') }).click();

    await page.getByRole('button', { name: t('protection:settings.lockNow') }).click();
    await expectLocked(page, t);
    await expectAccessible(page, 'the unlock screen (es)');

    await page.goto(appUrl(`/j/${J}/cases/new?lng=es`));
    await expectLocked(page, t);
    await unlock(page, t, PIN);
    await page.locator('#case-notes').waitFor();
  });

  it('the PIN set-up screen of a protected screen, in Spanish', async () => {
    const page = await session.context.newPage();
    // A fresh device: wipe what the previous test set up, from settings, after confirming.
    await openUnlocked(page, t, '/settings?lng=es');
    await expectHeading(page, t('settings.title'));
    await page.getByRole('button', { name: t('protection:wipe.start') }).click();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: t('protection:wipe.confirmButton') }).click(),
    ]);
    await page.locator('main h1').first().waitFor();

    await page.goto(appUrl(`/j/${J}/cases/new?lng=es`));
    await expectHeading(page, t('protection:setup.title'));
    await expectAccessible(page, 'the PIN set-up screen (es)');
    await page.close();
  });
});
