import type { Page } from 'playwright-core';

/** The directory screen's search box, result count and result cards. */
export const SEARCH_BOX = '#provider-search';
export const RESULT_COUNT = '.result-count[role="status"]';
const RESULT_CARDS = '.card-list > li';

/** React counts as settled once nothing was committed for this long after the last commit. */
const QUIET_MS = 100;
const TIMEOUT_MS = 20_000;

/** "5,000 services" / "5.000 servicios" → 5000. */
export function countIn(status: string): number | undefined {
  const digits = /\d[\d.,\s]*/.exec(status)?.[0].replace(/\D/g, '');
  return digits ? Number(digits) : undefined;
}

/**
 * Puts `text` in the search box the way typing does and times it (page/react-probe.ts),
 * `phaseMs` after a painted frame.
 */
export const runQuery = (page: Page, text: string, phaseMs = 0) =>
  page.evaluate(
    ([query, options]) => {
      if (!window.__rutasReactProbe) throw new Error('react-probe is not installed');
      return window.__rutasReactProbe.runQuery(query, options);
    },
    [
      text,
      {
        input: SEARCH_BOX,
        status: RESULT_COUNT,
        list: RESULT_CARDS,
        phaseMs,
        quietMs: QUIET_MS,
        timeoutMs: TIMEOUT_MS,
      },
    ] as const,
  );

/** Waits until React has committed everything it had to and painted it. */
export const settle = (page: Page, quietMs = QUIET_MS) =>
  page.evaluate(
    ([quiet, timeout]) => {
      if (!window.__rutasReactProbe) throw new Error('react-probe is not installed');
      return window.__rutasReactProbe.settle(quiet, timeout);
    },
    [quietMs, TIMEOUT_MS] as const,
  );
