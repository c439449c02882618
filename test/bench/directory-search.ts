import { BENCH_JURISDICTION, type QueryKind, SEARCH_QUERIES } from './bench-data';
import { openBrowser, RenderMarks, waitForServiceWorkerControl } from './browser';
import type { LoadTiming, PureSearchTiming } from './page/directory-probe';
import type { QueryTiming } from './page/react-probe';
import { directoryProbe, reactProbe } from './page-scripts';
import { countIn, RESULT_COUNT, runQuery, settle } from './search-page';
import { type TypingCheck, typingChecks } from './typing-check';
import type { Cleanup } from './workspace';

export interface DirectorySearchResult {
  chromium: string;
  providers: number;
  /** Fresh device: navigation → results painted, including download, hash check and install of the handbook. */
  firstVisitMs: number;
  /** Handbook already in IndexedDB: navigation → the directory's results painted. */
  firstOpenMs: number[];
  /** In-page, the app's own code: read from IndexedDB, then build the search index. */
  load: LoadTiming[];
  /** Typing into the search box: input event → results committed / painted. */
  ui: (QueryTiming & { kind: QueryKind; expectedHits: number; shownHits: number | undefined })[];
  /** ProviderDirectory.search alone, per query (median of repeats). */
  pure: (PureSearchTiming & { kind: QueryKind })[];
  /** ProviderDirectory.search with no text: every provider, sorted by name (what an empty box shows). */
  pureEmpty: PureSearchTiming;
  typing: TypingCheck[];
}

const FIRST_OPEN_SAMPLES = 5;
const LOAD_SAMPLES = 5;
const PURE_REPEATS = 21;
export const WARM_UP_QUERIES = ['salud', 'sal', 'consulado'];

/**
 * Figure 3: the directory of a 5,000-provider handbook that the app itself installed into
 * IndexedDB, searched the way a worker does — typing into the search box — with no CPU
 * throttling; plus, as context, the first open of the directory and the app's own store,
 * index and search code timed on their own in the same page.
 */
export async function measureDirectorySearch(url: string, cleanup: Cleanup): Promise<DirectorySearchResult> {
  const browser = await openBrowser();
  cleanup.add('close Chromium (directory search)', () => browser.close());
  const { context } = browser;
  const marks = await RenderMarks.install(context, RESULT_COUNT);
  await context.addInitScript({ content: await reactProbe() });
  const page = await context.newPage();
  const directoryUrl = `${url}/j/${BENCH_JURISDICTION}/providers`;

  const firstVisit = marks.next(page, 300_000);
  await page.goto(directoryUrl);
  const firstVisitMs = (await firstVisit).paintedAt;
  await waitForServiceWorkerControl(page);
  await settle(page);

  const firstOpenMs: number[] = [];
  let providers = 0;
  for (let i = 0; i < FIRST_OPEN_SAMPLES; i++) {
    const opened = marks.next(page, 120_000);
    await page.goto(directoryUrl);
    firstOpenMs.push((await opened).paintedAt);
    providers = countIn((await page.textContent(RESULT_COUNT)) ?? '') ?? 0;
  }
  await settle(page);

  for (const text of WARM_UP_QUERIES) await runQuery(page, text);
  const ui: DirectorySearchResult['ui'] = [];
  let previous = WARM_UP_QUERIES.at(-1);
  for (const [i, { text, kind }] of SEARCH_QUERIES.entries()) {
    if (text === previous) throw new Error(`"${text}" twice in a row would render nothing new`);
    previous = text;
    // Spread the input over a 60 Hz frame (0–16 ms after a paint), reproducibly.
    const timing = await runQuery(page, text, (i * 7) % 17);
    ui.push({ ...timing, kind, expectedHits: -1, shownHits: countIn(timing.status) });
  }

  const typing = await typingChecks(page, 1);

  await page.addScriptTag({ content: await directoryProbe() });
  const load: LoadTiming[] = [];
  for (let i = 0; i < LOAD_SAMPLES; i++) {
    load.push(
      await page.evaluate((id) => window.__rutasDirectoryProbe?.load(id) as Promise<LoadTiming>, BENCH_JURISDICTION),
    );
  }
  const texts = SEARCH_QUERIES.map((q) => q.text);
  const language = await page.evaluate(() => document.documentElement.lang);
  // One pass to warm the JIT, then the measured pass.
  await page.evaluate(([t, l]) => window.__rutasDirectoryProbe?.search(t, 3, l), [texts, language] as const);
  const pureTimings = await page.evaluate(
    ([t, r, l]) => window.__rutasDirectoryProbe?.search(t, r, l) as PureSearchTiming[],
    [texts, PURE_REPEATS, language] as const,
  );
  const [pureEmpty] = await page.evaluate(
    ([l]) => window.__rutasDirectoryProbe?.search([''], 5, l) as PureSearchTiming[],
    [language] as const,
  );
  if (!pureEmpty) throw new Error('the empty search was not timed');
  const pure = pureTimings.map((timing, i) => ({ ...timing, kind: SEARCH_QUERIES[i]?.kind ?? 'word' }));
  ui.forEach((query, i) => {
    query.expectedHits = pure[i]?.hits ?? -1;
  });

  await browser.close();
  return { chromium: browser.version, providers, firstVisitMs, firstOpenMs, load, ui, pure, pureEmpty, typing };
}
