import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { type BrowserSession, launchChromium } from '../support/browser';
import { withTimeout } from './log';
import type { RenderMark } from './page/render-probe';
import { renderProbe } from './page-scripts';

const claimedProfiles = new Set<string>();

/**
 * The profile directory (--user-data-dir) of a Chromium this process launched and no other
 * session claimed yet, read from /proc. Playwright's own SIGINT handler kills the browser
 * on Ctrl-C, after which the support launcher's close() throws before removing the profile:
 * knowing it lets the cleanup remove it anyway. Undefined where /proc is not available.
 */
function claimOwnChromiumProfile(): string | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const arg = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .find((a) => a.startsWith('--user-data-dir='));
      const dir = arg?.slice('--user-data-dir='.length);
      if (dir && !claimedProfiles.has(dir)) {
        claimedProfiles.add(dir);
        return dir;
      }
    } catch {
      // The process ended meanwhile, or is not readable: not ours.
    }
  }
  return undefined;
}

/**
 * Playwright answers Ctrl-C by closing its browsers and exiting at once, which would cut the
 * run's own cleanup (servers, temporary directories) short; run.ts handles SIGINT itself and
 * closes the browsers first. Playwright re-installs its handler at each launch.
 */
function leaveSigintToTheRun(): void {
  for (const listener of process.listeners('SIGINT')) {
    if (listener.name === 'sigintHandler') process.off('SIGINT', listener);
  }
}

/** Chromium with a fresh profile (test/support/browser.ts) and its version. */
export async function openBrowser(): Promise<BrowserSession & { version: string }> {
  const session = await launchChromium();
  leaveSigintToTheRun();
  const profile = claimOwnChromiumProfile();
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  const cdp = await session.context.newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  let closing: Promise<void> | undefined;
  return {
    context: session.context,
    close: () => {
      closing ??= session.close().finally(() => {
        if (profile) rmSync(profile, { recursive: true, force: true });
      });
      return closing;
    },
    version: product.replace(/^(Headless)?Chrome\//, ''),
  };
}

/**
 * When an element first renders in a page, as the page itself measured it (page/render-probe.ts),
 * handed to Node through a binding so nothing polls the page while it boots.
 */
export class RenderMarks {
  private readonly waiters = new Map<Page, (mark: RenderMark) => void>();

  private constructor() {}

  static async install(context: BrowserContext, selector: string): Promise<RenderMarks> {
    const marks = new RenderMarks();
    await context.exposeBinding('__benchRendered', ({ page }, mark: RenderMark) => {
      const resolve = marks.waiters.get(page);
      marks.waiters.delete(page);
      resolve?.(mark);
    });
    await context.addInitScript({ content: await renderProbe(selector) });
    return marks;
  }

  /** The next mark the page reports; call before navigating. */
  next(page: Page, timeoutMs: number): Promise<RenderMark> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(page);
        reject(new Error(`${page.url()}: nothing rendered within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(page, (mark) => {
        clearTimeout(timer);
        resolve(mark);
      });
    });
  }
}

/** Waits until a service worker controls the page (first visit: install, activate, clients.claim()). */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: timeoutMs });
}

/**
 * Stops every running service worker, as after the browser let them idle, so the next
 * navigation has to start the worker again. True once DevTools reports them all stopped.
 */
export async function stopServiceWorkers(cdp: CDPSession, timeoutMs = 5_000): Promise<boolean> {
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) status.set(version.versionId, version.runningStatus);
  });
  await withTimeout(cdp.send('ServiceWorker.enable'), 10_000, 'ServiceWorker.enable');
  await withTimeout(cdp.send('ServiceWorker.stopAllWorkers'), 10_000, 'ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + timeoutMs;
  let stopped = false;
  while (Date.now() < deadline) {
    stopped = status.size > 0 && [...status.values()].every((s) => s === 'stopped');
    if (stopped) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await withTimeout(cdp.send('ServiceWorker.disable'), 10_000, 'ServiceWorker.disable');
  return stopped;
}
