import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReleaseManifest } from '../../src/core/sync/protocol';
import { type FaultyProxy, startFaultyProxy } from '../support/faulty-proxy';
import { type AppSession, openBrowser, textOf, waitForServiceWorker } from './support-app';
import { authoredHandbook, localized, provider, ui } from './support-data';

const run = promisify(execFile);
const JURISDICTION = 'hn-ocotepeque';
const PROVIDER = 'hospital-ocotepeque';
const ORIGINAL_NUMBER = '+50426533060';

/** A coordinator's copy of the handbook folder, published with the real CLI into the running server's store. */
class Coordinator {
  private number = ORIGINAL_NUMBER;
  private next = 4100;
  private constructor(private readonly folder: string) {}

  static async start(): Promise<Coordinator> {
    const root = await mkdtemp(join(tmpdir(), 'rutas-coordinator-'));
    const folder = join(root, JURISDICTION);
    await cp(resolve('routes-data', JURISDICTION), folder, { recursive: true });
    return new Coordinator(folder);
  }

  /** Changes the hospital's phone and publishes; returns the number as a worker in Honduras reads it. */
  async publishNewPhone(): Promise<{ number: string; shown: string }> {
    const file = join(this.folder, 'providers.yaml');
    const digits = String(this.next++);
    const number = `+5042653${digits}`;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(`"${this.number}"`, `"${number}"`));
    this.number = number;
    const { stdout } = await run(process.execPath, ['bin/rutas.js', 'publish', this.folder], {
      env: { ...process.env, RUTAS_DATA_DIR: inject('appDataDir') },
    });
    const release = Number(/Published hn-ocotepeque release (\d+)/.exec(stdout)?.[1]);
    expect(release, stdout).toBeGreaterThan(1);
    await serverAnnounces(release);
    return { number, shown: `2653-${digits}` };
  }

  close() {
    return rm(resolve(this.folder, '..'), { recursive: true, force: true });
  }
}

const providerPath = `/j/${JURISDICTION}/providers/${PROVIDER}`;

/** A running server answers manifests from a view at most a second old: wait until it announces the release. */
async function serverAnnounces(release: number): Promise<void> {
  const manifest = new URL(`/api/v1/jurisdictions/${JURISDICTION}/manifest`, inject('appUrl'));
  await expect
    .poll(async () => ((await (await fetch(manifest)).json()) as ReleaseManifest).release.header.number, {
      timeout: 10_000,
    })
    .toBe(release);
}

/** The hospital's number as the provider screen lists it (the call button beside it only says "Call"). */
async function phoneOnScreen(page: Page): Promise<string> {
  return textOf(page.locator('main a[href^="tel:"]', { hasText: /^\d{4}-\d{4}$/ }).first());
}

/** The release number the status line shows ("Release 3 · updated …"). */
async function releaseOnScreen(page: Page): Promise<number> {
  const status = await textOf(page.locator('.handbook-status .status-line p'));
  return Number(/(\d+)/.exec(status)?.[1]);
}

/** Waits until the check in progress (on start, or asked for) has finished and said how it went. */
async function checkFinished(page: Page): Promise<void> {
  const status = page.locator('.handbook-status [role="status"]');
  await expect
    .poll(async () => textOf(status), { timeout: 20_000 })
    .toSatisfy((text: string) => text !== '' && text !== ui('en', 'sync.checking'));
}

/** Presses "Update now" and waits for the check to finish. */
async function updateNow(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: ui('en', 'sync.updateNowNamed') });
  await button.click();
  // The button is disabled while the check runs; a check quicker than this poll is over anyway.
  await expect
    .poll(() => button.isDisabled(), { timeout: 1_000 })
    .toBe(true)
    .catch(() => undefined);
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await expect
    .poll(async () => textOf(page.locator('.handbook-status [role="status"]')))
    .not.toBe(ui('en', 'sync.checking'));
}

/** What the device database holds for the hospital and the jurisdiction's release, read from the page. */
function heldByDevice(page: Page): Promise<{ release: number; numbers: string[] }> {
  return page.evaluate(
    ({ jurisdictionId, providerId }) =>
      new Promise((resolvePromise, reject) => {
        const open = indexedDB.open('rutas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['releases', 'providers'], 'readonly');
          const release = tx.objectStore('releases').get(jurisdictionId);
          const record = tx.objectStore('providers').get([jurisdictionId, providerId]);
          tx.oncomplete = () => {
            db.close();
            resolvePromise({
              release: release.result.number,
              numbers: record.result.phones.map((phone: { number: string }) => phone.number),
            });
          };
        };
      }),
    { jurisdictionId: JURISDICTION, providerId: PROVIDER },
  );
}

describe('a device keeps its handbook in step with what coordinators publish', () => {
  let proxy: FaultyProxy;
  let session: AppSession;
  let coordinator: Coordinator;
  let hospitalName: string;

  beforeAll(async () => {
    proxy = await startFaultyProxy(inject('appUrl'));
    coordinator = await Coordinator.start();
    hospitalName = localized(provider(await authoredHandbook(JURISDICTION), PROVIDER).name, 'en');
    session = await openBrowser({ locale: 'en-US' });
    await session.page.goto(new URL(providerPath, proxy.url).href);
    await waitForServiceWorker(session.page);
    await session.page.locator('main a[href^="tel:"]', { hasText: '2653-3060' }).first().waitFor();
  });

  afterAll(async () => {
    await session?.close();
    await proxy?.close();
    await coordinator?.close();
  });

  it('offline while a coordinator publishes a new phone number, it shows the new number and what changed once back online', async () => {
    const { page, context } = session;
    const before = await releaseOnScreen(page);
    await context.setOffline(true);
    let published: Awaited<ReturnType<Coordinator['publishNewPhone']>>;
    try {
      published = await coordinator.publishNewPhone();
      expect(await phoneOnScreen(page)).toBe('2653-3060');
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(() => phoneOnScreen(page), { timeout: 30_000 }).toBe(published.shown);
    expect(await releaseOnScreen(page)).toBe(before + 1);
    const changes = page.locator('.what-changed li');
    await expect
      .poll(() => changes.allInnerTexts())
      .toEqual([ui('en', 'changes.changed', { name: hospitalName, fields: ui('en', 'changes.field.phones') })]);
    expect(proxy.faulted).toEqual([]);
  });

  it('refuses a release altered on the way, keeps the handbook it has and says why', async () => {
    const { page } = session;
    const held = await releaseOnScreen(page);
    const shownBefore = await phoneOnScreen(page);
    const published = await coordinator.publishNewPhone();
    // The attacker rewrites the new number in every release payload, delta and full snapshot alike.
    proxy.setFault({ kind: 'rewrite', rewrite: (body) => body.replaceAll(published.number, '+50499990000') }, (path) =>
      path.includes('/releases/'),
    );
    try {
      await updateNow(page);
      await expect
        .poll(() => textOf(page.locator('.handbook-status [role="alert"]')))
        .toBe(`${ui('en', 'sync.error.state-hash')} ${ui('en', 'sync.stillUsing', { number: held })}`);
      expect(await phoneOnScreen(page)).toBe(shownBefore);
      expect(await releaseOnScreen(page)).toBe(held);
      expect(proxy.faulted.some((path) => path.includes('/changes/'))).toBe(true);
      expect(proxy.faulted.some((path) => /\/releases\/\d+$/.test(path))).toBe(true);
    } finally {
      proxy.setFault({ kind: 'none' });
    }
    await updateNow(page);
    expect(await phoneOnScreen(page)).toBe(published.shown);
    expect(await page.locator('.handbook-status [role="alert"]').count()).toBe(0);
  });

  it('a connection cut at any byte of a sync leaves the old release or the new one, never a mix', async () => {
    const { page } = session;
    let lastPublished = '';
    const outcomes = new Set<'kept' | 'updated'>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 6_000 }), fc.boolean(), async (afterBytes, manifestToo) => {
        const held = await heldByDevice(page);
        const published = await coordinator.publishNewPhone();
        lastPublished = published.number;
        proxy.setFault({ kind: 'cut', afterBytes }, (path) => manifestToo || path.includes('/releases/'));
        try {
          await updateNow(page);
        } finally {
          proxy.setFault({ kind: 'none' });
        }
        const now = await heldByDevice(page);
        outcomes.add(now.release === held.release ? 'kept' : 'updated');
        if (now.release === held.release) expect(now.numbers).toEqual(held.numbers);
        else {
          expect(now.release).toBeGreaterThan(held.release);
          expect(now.numbers).toContain(published.number);
        }
        // A reload shows what the database holds; its own check on start runs unhindered.
        await page.reload();
        await checkFinished(page);
        const shownRelease = await heldByDevice(page);
        expect(await releaseOnScreen(page)).toBe(shownRelease.release);
        expect(await phoneOnScreen(page)).toBe(`2653-${shownRelease.numbers[0]?.slice(-4)}`);
      }),
      // Always: a cut before the first byte of the manifest, one inside the changes, and no cut at all.
      {
        numRuns: 12,
        examples: [
          [0, true],
          [120, false],
          [10_000_000, false],
        ],
      },
    );
    expect([...outcomes].sort()).toEqual(['kept', 'updated']);
    await updateNow(page);
    expect((await heldByDevice(page)).numbers).toContain(lastPublished);
  });
});
