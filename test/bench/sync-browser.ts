import type { Page } from 'playwright-core';
import type { RecordChange } from '../../src/core/release/changes';
import { syncPaths } from '../../src/core/sync/protocol';
import type { Expected } from '../../src/core/sync/verify';
import { openBrowser } from './browser';
import type { CountingProxy } from './byte-counter';
import type { ApplyTiming, SyncProbe } from './page/sync-probe';
import { syncProbe } from './page-scripts';
import type { WireSample } from './sync-check';
import type { SyncStore } from './sync-store';
import type { Cleanup } from './workspace';

export interface BrowserSyncResult {
  chromium: string;
  /** Figure 2 in Chromium: the device engine's update from the held release to the latest. */
  update: WireSample & { outcome: string; from: number; to: number; whatChanged: RecordChange[] };
  /** Figure 1 in Chromium: the device engine's check once it holds the latest release. */
  checks: (WireSample & { outcome: string })[];
  checkTranscript: { sent: string; received: string };
  /** Figure 3: parse + installSnapshot of the full latest release, a fresh database each. */
  apply: ApplyTiming[];
  /** The same at CPU_THROTTLE× CPU (DevTools throttling), as on a low-end phone. */
  applyThrottled: ApplyTiming[];
  cpuThrottle: number;
  /** verifySnapshot alone (signature + every record's hash + state hash), same release. */
  verifyMs: number[];
  snapshotChars: number;
}

const BLANK_PATH = '/__bench/sync';
const CHECKS = 5;
export const APPLY_RUNS = 7;
const THROTTLED_RUNS = 3;
const CPU_THROTTLE = 4;
const VERIFY_RUNS = 5;

/** The probe's calls, each one page.evaluate: the arrow functions run in the page (no closure), where the probe is installed. */
function probeOf(page: Page) {
  return {
    load: (path: string) => page.evaluate((p) => (window.__rutasSyncProbe as SyncProbe).load(p), path),
    hold: (db: string, path: string, expected: Expected, etag: string) =>
      page.evaluate(([d, p, e, t]) => (window.__rutasSyncProbe as SyncProbe).hold(d, p, e, t), [
        db,
        path,
        expected,
        etag,
      ] as const),
    sync: (db: string, id: string, key: string) =>
      page.evaluate(([d, i, k]) => (window.__rutasSyncProbe as SyncProbe).sync(d, i, k), [db, id, key] as const),
    timeApply: (db: string, path: string, expected: Expected) =>
      page.evaluate(([d, p, e]) => (window.__rutasSyncProbe as SyncProbe).timeApply(d, p, e), [
        db,
        path,
        expected,
      ] as const),
    timeVerify: (path: string, expected: Expected) =>
      page.evaluate(([p, e]) => (window.__rutasSyncProbe as SyncProbe).timeVerify(p, e), [path, expected] as const),
    remove: (db: string) => page.evaluate((d) => (window.__rutasSyncProbe as SyncProbe).remove(d), db),
  };
}

/**
 * Figures 1–3 on a real device: the device's own sync code (page/sync-probe.ts) in Chromium,
 * on a blank page of the sync server's origin — reached through the counting proxy, so the
 * bytes are those Chromium puts on the wire, its own headers included.
 */
export async function measureBrowserSync(
  proxy: CountingProxy,
  store: SyncStore,
  held: { number: number; etag: string },
  cleanup: Cleanup,
): Promise<BrowserSyncResult> {
  const browser = await openBrowser();
  cleanup.add('close Chromium (sync)', () => browser.close());
  const page = await browser.context.newPage();
  // A same-origin page of nothing (no icon request either), answered by Playwright, not the server.
  await page.route(proxy.url + BLANK_PATH, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html><head><title>sync bench</title><link rel="icon" href="data:,"></head><body></body></html>',
    }),
  );
  await page.goto(proxy.url + BLANK_PATH);
  await page.unroute(proxy.url + BLANK_PATH);
  await page.addScriptTag({ content: await syncProbe(store.publicKey) });

  let requests: string[] | undefined;
  page.on('request', (request) => requests?.push(request.url()));
  const watch = async <T>(action: () => Promise<T>): Promise<{ result: T; wire: WireSample }> => {
    await page.waitForTimeout(100);
    proxy.reset();
    requests = [];
    const result = await action();
    const seen = requests;
    requests = undefined;
    return { result, wire: { requests: seen.length, statuses: [], ...proxy.count() } };
  };

  const paths = syncPaths(store.jurisdictionId, 'public');
  const expected: Expected = { jurisdictionId: store.jurisdictionId, variant: 'public', publicKey: store.publicKey };
  const heldPath = paths.snapshot(held.number);
  const latestPath = paths.snapshot(store.latest);
  const probe = probeOf(page);
  await probe.load(heldPath);
  const snapshotChars = await probe.load(latestPath);

  const device = 'bench-device';
  await probe.remove(device);
  await probe.hold(device, heldPath, expected, held.etag);
  const sync = () => probe.sync(device, store.jurisdictionId, store.publicKey);

  const updated = await watch(sync);
  const { outcome, whatChanged } = updated.result;
  if (outcome.status !== 'updated') throw new Error(`the device did not update: ${JSON.stringify(outcome)}`);
  const update = {
    ...updated.wire,
    outcome: outcome.status,
    from: outcome.from ?? 0,
    to: outcome.number,
    whatChanged: whatChanged ?? [],
  };

  const checks: BrowserSyncResult['checks'] = [];
  let checkTranscript = { sent: '', received: '' };
  for (let i = 0; i < CHECKS; i++) {
    const checked = await watch(sync);
    checks.push({ ...checked.wire, outcome: checked.result.outcome.status });
    checkTranscript = proxy.transcript();
  }
  await probe.remove(device);

  const timeApply = (i: number) => probe.timeApply(`bench-apply-${i}`, latestPath, expected);
  const apply: ApplyTiming[] = [];
  for (let i = 0; i < APPLY_RUNS; i++) apply.push(await timeApply(i));
  const verifyMs: number[] = [];
  for (let i = 0; i < VERIFY_RUNS; i++) {
    verifyMs.push(await probe.timeVerify(latestPath, expected));
  }

  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  const applyThrottled: ApplyTiming[] = [];
  for (let i = 0; i < THROTTLED_RUNS; i++) applyThrottled.push(await timeApply(APPLY_RUNS + i));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();

  await browser.close();
  return {
    chromium: browser.version,
    update,
    checks,
    checkTranscript,
    apply,
    applyThrottled,
    cpuThrottle: CPU_THROTTLE,
    verifyMs,
    snapshotChars,
  };
}
