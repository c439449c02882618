import type { Page } from 'playwright-core';
import { runQuery, SEARCH_BOX, settle } from './search-page';

export interface TypingCheck {
  typed: string;
  delayMs: number;
  cpuThrottle: number;
  /** What the search box holds once the app has settled. */
  value: string;
}

const TYPED = 'atencion psicologica';
/** A burst (as fast as DevTools delivers keys) and a brisk typist. */
const DELAYS_MS = [0, 100];

/**
 * Types into the (emptied) search box key by key — real key events through DevTools — and
 * reads what the box holds once the app has settled: a keystroke the app drops shows here.
 */
async function typingCheck(page: Page, delayMs: number, cpuThrottle: number): Promise<TypingCheck> {
  if ((await page.inputValue(SEARCH_BOX)) !== '') await runQuery(page, '');
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    await page.locator(SEARCH_BOX).pressSequentially(TYPED, { delay: delayMs });
    await settle(page, 300);
    return { typed: TYPED, delayMs, cpuThrottle, value: await page.inputValue(SEARCH_BOX) };
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

/** The typing check at each delay, on a directory page with the react probe installed. */
export async function typingChecks(page: Page, cpuThrottle: number): Promise<TypingCheck[]> {
  const checks: TypingCheck[] = [];
  for (const delayMs of DELAYS_MS) checks.push(await typingCheck(page, delayMs, cpuThrottle));
  return checks;
}
