import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAxeViolations, smallTouchTargets } from './support-a11y';
import { type Language, ui } from './support-data';

/** The worker's PIN in every case test: six digits, neither repeated nor consecutive. */
export const PIN = '482913';

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The protected screens ask for a PIN: set one the first time, enter it after a reload or a lock. */
export async function passTheLock(page: Page, language: Language, then: RegExp | string): Promise<void> {
  const setup = page.getByRole('heading', { name: ui(language, 'protection:setup.title') });
  const unlock = page.getByRole('heading', { name: ui(language, 'protection:unlock.title') });
  const arrived = page.locator('main h1', { hasText: then });
  await setup.or(unlock).or(arrived).first().waitFor();
  if (await setup.isVisible()) {
    const newPin = new RegExp(
      `^${escapeRegExp(ui(language, 'protection:setup.pin', { min: '@' })).replace('@', String.raw`\d+`)}`,
    );
    await page.getByLabel(newPin).fill(PIN);
    await page.getByLabel(ui(language, 'protection:setup.repeat')).fill(PIN);
    await page.getByLabel(ui(language, 'protection:setup.understood')).check();
    await page.getByRole('button', { name: ui(language, 'protection:setup.submit') }).click();
  } else if (await unlock.isVisible()) {
    await page.getByLabel(ui(language, 'protection:unlock.pin'), { exact: true }).fill(PIN);
    await page.getByRole('button', { name: ui(language, 'protection:unlock.submit') }).click();
  }
}

/** Answers one decision point of the case by its question and answer labels. */
export async function answerFact(page: Page, language: Language, fact: string, value: 'yes' | 'no' | 'unknown') {
  await page
    .getByRole('group', { name: ui(language, `cases:facts.${fact}.question`) })
    .getByRole('radio', { name: ui(language, `cases:answer.${value}`), exact: true })
    .check();
}

export async function expectAccessible(page: Page, screen: string) {
  expect(await seriousAxeViolations(page), `axe on the ${screen}`).toEqual([]);
  expect((await smallTouchTargets(page)).offenders, `touch targets on the ${screen}`).toEqual([]);
}

/** Every sealed row as IndexedDB holds it, decoded as text: what someone copying the storage would read. */
export async function storedText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('rutas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('sealed').objectStore('sealed').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const decoder = new TextDecoder('utf-8', { fatal: false });
            const rows = request.result as { kind: string; id: string; ciphertext: ArrayBuffer }[];
            resolve(rows.map((row) => `${row.kind} ${row.id} ${decoder.decode(row.ciphertext)}`).join('\n'));
            open.result.close();
          };
        };
      }),
  );
}

/**
 * Everything the app's IndexedDB database holds, every store and every row, with bytes decoded as
 * text: a copy of the phone's storage, as someone who took the phone would read it.
 */
export async function wholeDatabaseText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const decoder = new TextDecoder('utf-8', { fatal: false });
        const asText = (value: unknown): string => {
          if (value instanceof ArrayBuffer) return decoder.decode(value);
          if (ArrayBuffer.isView(value)) return decoder.decode(value);
          if (Array.isArray(value)) return value.map(asText).join(' ');
          if (value && typeof value === 'object')
            return Object.entries(value)
              .map(([key, v]) => `${key}=${asText(v)}`)
              .join(' ');
          return String(value);
        };
        const open = indexedDB.open('rutas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const transaction = db.transaction(names);
          const parts: string[] = [];
          for (const name of names) {
            const request = transaction.objectStore(name).getAll();
            request.onsuccess = () => parts.push(`${name}: ${request.result.map(asText).join('\n')}`);
          }
          transaction.oncomplete = () => {
            db.close();
            resolve(parts.join('\n'));
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/**
 * Web Share and printing, stood in for: headless Chromium has no share sheet, a print dialog would
 * block the page, and the test must read what was shared.
 */
export async function captureSharing(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shared: ShareData[] = [];
    Object.assign(window, { __shared: shared });
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: ShareData) => {
        shared.push(data);
      },
    });
    window.print = () => {};
  });
}

/** What the page has shared through Web Share so far. */
export async function sharedSoFar(page: Page): Promise<ShareData[]> {
  return page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared);
}
