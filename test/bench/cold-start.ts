import type { BrowserContext, Page } from 'playwright-core';
import { openBrowser, RenderMarks, stopServiceWorkers, waitForServiceWorkerControl } from './browser';
import { HELLO_SELECTOR } from './hello-app';
import { log, withTimeout } from './log';
import { reactProbe } from './page-scripts';
import { SEARCH_BOX, settle } from './search-page';
import { type TypingCheck, typingChecks } from './typing-check';
import type { Cleanup } from './workspace';

export interface ColdStartTarget {
  url: string;
  /** Path opened at every start. */
  path: string;
}

export interface ColdSample {
  /** ms from navigation start until the HTML document had arrived (from the service worker). */
  documentReceivedAt: number;
  /** ... until the last JS or CSS file requested before DOMContentLoaded had arrived. */
  assetsReceivedAt: number;
  /** ... until DOMContentLoaded: module scripts fetched and their top-level code run. */
  scriptsRunAt: number;
  /** ms from navigation start until the watched element was in the DOM. */
  insertedAt: number;
  /** ms from navigation start until the frame showing it was painted. */
  paintedAt: number;
  /** DevTools confirmed the service worker was stopped before the navigation. */
  workerWasStopped: boolean;
  /** User Timing marks the page had set when the frame was painted. */
  marks: { name: string; startTime: number }[];
}

export interface ColdStartResult {
  chromium: string;
  cpuThrottle: number;
  warmUpRounds: number;
  app: ColdSample[];
  hello: ColdSample[];
  /** Same-origin /assets/ files the page had requested by the time the watched element was painted (last round). */
  appAssets: string[];
  helloAssets: string[];
  /** A fixed loop timed in the page without and with the throttle: checks the throttle is applied. */
  throttleCheck: { unthrottledMs: number; throttledMs: number };
  typing: TypingCheck[];
}

const ROUTE_SELECTOR = '#route-title';
const CPU_THROTTLE = 4;
const WARM_UP_ROUNDS = 2;

/** First visit, online: the service worker installs and takes control; the app installs its handbooks. */
async function installOnline(context: BrowserContext, marks: RenderMarks, target: ColdStartTarget): Promise<void> {
  const page = await context.newPage();
  const rendered = marks.next(page, 120_000);
  await page.goto(target.url + target.path);
  await rendered;
  await waitForServiceWorkerControl(page);
  // Let the app finish writing what it remembers (last jurisdiction) before the tab closes.
  await page.waitForTimeout(500);
  await page.close();
}

/** One start of an installed PWA: new tab, worker stopped, offline, CPU throttled, open `path`. */
async function coldStart(
  context: BrowserContext,
  marks: RenderMarks,
  target: ColdStartTarget,
  { listAssets }: { listAssets: boolean },
): Promise<ColdSample & { assets: string[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    const workerWasStopped = await stopServiceWorkers(cdp);
    await withTimeout(cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE }), 10_000, 'throttle');
    const rendered = marks.next(page, 120_000);
    await page.goto(target.url + target.path, { waitUntil: 'commit' });
    const mark = await rendered;
    if (!mark.controlled) throw new Error(`${mark.url} was not controlled by its service worker`);
    const origin = new URL(target.url).origin;
    const isAsset = (r: { name: string }) => {
      const url = new URL(r.name);
      return url.origin === origin && url.pathname.startsWith('/assets/');
    };
    const assetTimings = mark.resources.filter(isAsset);
    // A resource shows in the timeline once its response has ended: list the files requested
    // by the time of the paint a moment later, so that late responses are not missed.
    let assets: string[] = [];
    if (listAssets) {
      await page.waitForTimeout(1_000);
      const requested = await page.evaluate(
        (paintedAt) =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => entry.startTime <= paintedAt)
            .map((entry) => entry.name),
        mark.paintedAt,
      );
      assets = requested.filter((name) => isAsset({ name })).map((name) => new URL(name).pathname.slice(1));
    }
    return {
      documentReceivedAt: mark.documentReceivedAt,
      assetsReceivedAt: Math.max(
        ...assetTimings
          .filter((r) => /\.(js|css)$/.test(r.name) && r.startTime <= mark.scriptsRunAt)
          .map((r) => r.responseEnd),
      ),
      scriptsRunAt: mark.scriptsRunAt,
      insertedAt: mark.insertedAt,
      paintedAt: mark.paintedAt,
      workerWasStopped,
      marks: mark.marks,
      assets,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

async function measureThrottle(page: Page): Promise<{ unthrottledMs: number; throttledMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  const loop = () =>
    page.evaluate(() => {
      const start = performance.now();
      let x = 0;
      for (let i = 0; i < 2e7; i++) x = (x + i * i) % 1000003;
      return [performance.now() - start, x];
    });
  try {
    await loop();
    const [unthrottledMs = 0] = await loop();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    const [throttledMs = 0] = await loop();
    return { unthrottledMs, throttledMs };
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

/**
 * Figure 2: offline cold start of the app's route screen against the bare hello PWA, both
 * installed in the same fresh Chromium, samples interleaved (ABBA) after warm-up rounds.
 */
export async function measureColdStart(
  app: ColdStartTarget,
  hello: ColdStartTarget,
  { samples, cleanup }: { samples: number; cleanup: Cleanup },
): Promise<ColdStartResult> {
  const browser = await openBrowser();
  cleanup.add('close Chromium (cold start)', () => browser.close());
  const { context } = browser;
  const marks = await RenderMarks.install(context, `${ROUTE_SELECTOR}, ${HELLO_SELECTOR}`);

  log('cold start: installing both PWAs online');
  await installOnline(context, marks, app);
  await installOnline(context, marks, hello);

  const result: ColdStartResult = {
    chromium: browser.version,
    cpuThrottle: CPU_THROTTLE,
    warmUpRounds: WARM_UP_ROUNDS,
    app: [],
    hello: [],
    appAssets: [],
    helloAssets: [],
    throttleCheck: { unthrottledMs: 0, throttledMs: 0 },
    typing: [],
  };

  await context.setOffline(true);
  for (let round = 0; round < WARM_UP_ROUNDS + samples; round++) {
    if (round % 5 === 0) log(`cold start: round ${round + 1} of ${WARM_UP_ROUNDS + samples}`);
    const order = round % 2 === 0 ? (['app', 'hello'] as const) : (['hello', 'app'] as const);
    for (const name of order) {
      const listAssets = round === WARM_UP_ROUNDS + samples - 1;
      const { assets, ...sample } = await coldStart(context, marks, name === 'app' ? app : hello, { listAssets });
      if (round < WARM_UP_ROUNDS) continue;
      result[name].push(sample);
      if (listAssets) result[name === 'app' ? 'appAssets' : 'helloAssets'] = assets;
    }
  }

  log('cold start: throttle check and typing check');
  const blank = context.pages()[0] ?? (await context.newPage());
  result.throttleCheck = await measureThrottle(blank);

  // Typing into the real directory (the sample handbook) on the throttled CPU, still offline.
  await context.addInitScript({ content: await reactProbe() });
  const page = await context.newPage();
  await page.goto(`${app.url}${app.path}/providers`);
  await page.waitForSelector(SEARCH_BOX);
  await settle(page, 300);
  result.typing = await typingChecks(page, CPU_THROTTLE);
  await page.close();

  // Not back online: switching the network emulation after service workers were stopped
  // through DevTools hangs this Chromium; the browser is closed instead.
  await browser.close();
  return result;
}
