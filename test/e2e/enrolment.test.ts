import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type AppSession,
  appUrl,
  expectHeading,
  openBrowser,
  openScreen,
  textOf,
  waitForServiceWorker,
} from './support-app';
import { authoredHandbook, localized, restrictedProviders, ui } from './support-data';

const run = promisify(execFile);
const JURISDICTION = 'hn-ocotepeque';

/** A coordinator's command, run against the running server's store. */
async function rutas(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['bin/rutas.js', ...args], {
    env: { ...process.env, RUTAS_DATA_DIR: inject('appDataDir') },
  });
  return stdout;
}

function deviceIdOf(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('rutas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('deviceId');
          request.onsuccess = () => resolve(request.result.value);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/**
 * Shelters and safe houses reach only phones a coordinator enrolled, and leave a phone
 * whose enrolment was revoked at its next sync.
 */
describe('enrolment and confidential services', () => {
  let session: AppSession;
  let shelter: { id: string; name: string };

  beforeAll(async () => {
    const [restricted] = restrictedProviders(await authoredHandbook(JURISDICTION));
    if (!restricted) throw new Error(`${JURISDICTION} should hold a restricted provider`);
    shelter = { id: restricted.id, name: localized(restricted.name, 'en') };
    session = await openBrowser({ locale: 'en-US' });
    await openScreen(session.page, `/j/${JURISDICTION}`);
    await waitForServiceWorker(session.page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a phone enrolled with a one-time code shows the shelter; revoked, it loses it at the next sync', async () => {
    const { page } = session;
    await openScreen(page, `/j/${JURISDICTION}/providers/${shelter.id}`);
    await expectHeading(page, ui('en', 'notFound.provider'));

    const printed = await rutas('enrol', JURISDICTION, '--url', appUrl('/').replace(/\/$/, ''));
    const link = /open (\S+\/enrol\?code=\S+)/.exec(printed)?.[1];
    expect(link, printed).toBeDefined();
    await page.goto(link as string);
    await page.getByRole('button', { name: ui('en', 'enrol.submit'), exact: true }).click();
    await page.getByText(ui('en', 'enrol.done')).waitFor({ timeout: 20_000 });

    await openScreen(page, `/j/${JURISDICTION}/providers/${shelter.id}`);
    await expectHeading(page, shelter.name);

    // The same code does not enrol a second phone.
    const other = await openBrowser({ locale: 'en-US' });
    try {
      await other.page.goto(link as string);
      await other.page.getByRole('button', { name: ui('en', 'enrol.submit'), exact: true }).click();
      await other.page.getByText(ui('en', 'enrol.error.used')).waitFor({ timeout: 20_000 });
    } finally {
      await other.close();
    }

    const deviceId = await deviceIdOf(page);
    expect(await rutas('devices', JURISDICTION)).toContain(deviceId);
    await rutas('revoke', deviceId, '--jurisdiction', JURISDICTION);
    await page.getByRole('button', { name: ui('en', 'sync.updateNowNamed') }).click();
    await page.getByText(ui('en', 'changes.revoked')).waitFor({ timeout: 20_000 });
    await page.reload();
    await expectHeading(page, ui('en', 'notFound.provider'));
    expect(await textOf(page.locator('body'))).not.toContain(shelter.name);
  });
});
