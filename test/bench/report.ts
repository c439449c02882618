import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { AppBuild } from './app-build';
import type { BundleAnalysis, Bytes, FileGroup } from './bundle-size';
import type { ColdSample, ColdStartResult } from './cold-start';
import { type DirectorySearchResult, WARM_UP_QUERIES } from './directory-search';
import type { MachineInfo } from './machine';
import { type PinUnlockResult, pinUnlockFindings, pinUnlockSection, pinUnlockSummaryRow } from './pin-unlock';
import { code, kb, ms, ratio, table, verdict } from './report-format';
import { type RouteEngineResult, routeEngineFindings, routeEngineSection, routeEngineSummaryRow } from './route-engine';
import { median, type Summary, summarize } from './stats';
import { type SyncFigures, syncFindings, syncSections, syncSummaryRows } from './sync-report';
import type { TypingCheck } from './typing-check';
import { PROJECT_ROOT } from './workspace';

export interface ReportInput {
  startedAt: Date;
  finishedAt: Date;
  machine: MachineInfo;
  versions: Record<string, string>;
  benchBuild: AppBuild;
  app: BundleAnalysis;
  hello: BundleAnalysis;
  coldStart: ColdStartResult;
  search: DirectorySearchResult;
  sync: SyncFigures;
  pinUnlock: PinUnlockResult;
  routeEngine: RouteEngineResult;
}

/** Figure number of the route computation (issue 5) in BENCHMARKS.md. */
const PIN_FIGURE = '9';
const ROUTE_FIGURE = '10';

export const TARGETS = {
  criticalPathGzipBytes: 150_000,
  coldStartRatio: 1.5,
  searchMedianMs: 16,
} as const;

const bytesCells = (b: Bytes) => [kb(b.raw), kb(b.gzip), kb(b.brotli)];

function filesTable(group: FileGroup): string {
  return table(
    ['file', 'why', 'raw', 'gzip -9', 'brotli -11'],
    [
      ...group.files.map((f) => [code(f.file), f.why, ...bytesCells(f)]),
      ['**total**', '', ...bytesCells(group.total).map((c) => `**${c}**`)],
    ],
  );
}

const SUMMARY_HEADER = ['', 'median', 'p95', 'min', 'max', 'n'];
const summaryRow = (label: string, s: Summary) => [
  label,
  ms(s.median),
  ms(s.p95),
  ms(s.min),
  ms(s.max),
  String(s.count),
];

/** Consecutive phases of a cold start, as durations per sample. */
const PHASES: { label: string; of: (s: ColdSample) => number }[] = [
  { label: 'navigation → HTML received (worker start, precache read)', of: (s) => s.documentReceivedAt },
  { label: 'HTML → static JS + CSS received', of: (s) => s.assetsReceivedAt - s.documentReceivedAt },
  { label: 'JS received → module scripts run (DOMContentLoaded)', of: (s) => s.scriptsRunAt - s.assetsReceivedAt },
  {
    label: 'DOMContentLoaded → element in the DOM (async boot, React render)',
    of: (s) => s.insertedAt - s.scriptsRunAt,
  },
  { label: 'in the DOM → painted (style, layout, paint)', of: (s) => s.paintedAt - s.insertedAt },
];

function phaseMedians(samples: ColdSample[]): number[] {
  return PHASES.map((phase) => median(samples.map(phase.of)));
}

function criticalPathCrossCheck(app: BundleAnalysis, loaded: string[]): string {
  const counted = new Set(app.critical.files.map((f) => f.file));
  const fetched = new Set(loaded.filter((f) => /\.(js|css)$/.test(f)));
  const notFetched = [...counted].filter((f) => !fetched.has(f));
  const notCounted = [...fetched].filter((f) => !counted.has(f));
  if (notFetched.length === 0 && notCounted.length === 0) {
    return 'Cross-check: in the offline cold starts of figure 2, the JS and CSS files the page had requested by the time the route screen was painted are exactly the files counted here.';
  }
  return [
    'Cross-check against the offline cold starts of figure 2 (files requested by the time the route screen was painted):',
    notFetched.length > 0 ? `counted but not requested then: ${notFetched.map(code).join(', ')}.` : '',
    notCounted.length > 0 ? `Requested but not counted: ${notCounted.map(code).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Median time of each User Timing mark the app set in every sample — only when it sets any. */
function marksTable(samples: ColdSample[]): string {
  const names = [...new Set(samples.flatMap((s) => s.marks.map((m) => m.name)))].filter((name) =>
    samples.every((s) => s.marks.some((m) => m.name === name)),
  );
  if (names.length === 0) return '';
  const at = (name: string) =>
    median(samples.map((s) => s.marks.find((m) => m.name === name)?.startTime ?? Number.NaN));
  const rows = names.sort((a, b) => at(a) - at(b)).map((name) => [code(name), ms(at(name))]);
  return `User Timing marks the app's code set during the start (median time since navigation start):\n\n${table(['mark', 'app'], rows)}\n\n`;
}

const typingRow = (where: string, t: TypingCheck) => [
  where,
  code(t.typed),
  `${t.delayMs} ms`,
  `${t.cpuThrottle}×`,
  code(t.value),
  t.value === t.typed ? 'none' : '**yes**',
];

export function renderReport(input: ReportInput): string {
  const { machine, app, hello, coldStart, search } = input;

  // Figure 1
  const appGzip = app.critical.total.gzip;
  const helloGzip = hello.critical.total.gzip;
  const sizePass = appGzip <= TARGETS.criticalPathGzipBytes;

  // Figure 2
  const painted = (samples: ColdSample[]) => summarize(samples.map((s) => s.paintedAt));
  const inserted = (samples: ColdSample[]) => summarize(samples.map((s) => s.insertedAt));
  const appStart = painted(coldStart.app);
  const helloStart = painted(coldStart.hello);
  const startRatio = appStart.median / helloStart.median;
  const startPass = startRatio <= TARGETS.coldStartRatio;
  const stoppedWorkers = [...coldStart.app, ...coldStart.hello].filter((s) => s.workerWasStopped).length;
  const appPhases = phaseMedians(coldStart.app);
  const helloPhases = phaseMedians(coldStart.hello);
  const phaseExtra = appPhases.map((value, i) => value - (helloPhases[i] ?? 0));

  // Figure 3
  const uiPaint = summarize(search.ui.map((q) => q.paintMs));
  const uiCommit = summarize(search.ui.map((q) => q.commitMs));
  const pure = summarize(search.pure.map((q) => q.ms));
  const searchPass = uiPaint.median <= TARGETS.searchMedianMs;
  const matched = search.ui.filter((q) => q.shownHits === q.expectedHits).length;
  const firstOpen = summarize(search.firstOpenMs);
  const read = summarize(search.load.map((l) => l.readMs));
  const index = summarize(search.load.map((l) => l.indexMs));
  const kinds = [...new Set(search.ui.map((q) => q.kind))];
  const typing = [
    ...coldStart.typing.map((t) => ['hn-ocotepeque (sample)', t] as const),
    ...search.typing.map((t) => ['bench-5000', t] as const),
  ];

  const findings: string[] = [];
  if (!sizePass) {
    const biggest = [...app.critical.files].sort((a, b) => b.gzip - a.gzip)[0];
    findings.push(
      `Figure 1 misses its target by ${kb(appGzip - TARGETS.criticalPathGzipBytes)} (${kb(appGzip)} against ${kb(TARGETS.criticalPathGzipBytes)}); the largest critical file is ${code(biggest?.file ?? '?')} (${kb(biggest?.gzip ?? 0)}).`,
    );
  }
  if (!startPass) {
    const worst = phaseExtra.indexOf(Math.max(...phaseExtra));
    findings.push(
      `Figure 2 misses its target: the route screen is painted after ${ratio(startRatio)} the hello PWA's time (target ≤ ${ratio(TARGETS.coldStartRatio)}): ${ms(appStart.median)} against a budget of ${ms(TARGETS.coldStartRatio * helloStart.median)}, ${ms(appStart.median - TARGETS.coldStartRatio * helloStart.median)} over. Of the ${ms(appStart.median - helloStart.median)} the app takes beyond the hello PWA (medians), the largest part is "${PHASES[worst]?.label}": +${ms(phaseExtra[worst] ?? 0)} (see the breakdown in section 2).`,
    );
  }
  if (!searchPass) {
    const slow = [...search.ui].sort((a, b) => b.paintMs - a.paintMs).slice(0, 3);
    findings.push(
      `Figure 3 misses its target: the median query takes ${ms(uiPaint.median)} from input to painted results (target ≤ ${ms(TARGETS.searchMedianMs)}; ${ms(uiCommit.median)} to the DOM commit). ProviderDirectory.search itself takes ${ms(pure.median)} (median), so the rest — React rendering the results, style, layout, paint — dominates. Slowest: ${slow.map((q) => `${code(q.text)} ${ms(q.paintMs)} (${q.shownHits ?? '?'} results, ${q.listItems} cards)`).join(', ')}.`,
    );
  }
  for (const [where, t] of typing) {
    if (t.value !== t.typed) {
      findings.push(
        `Typing into the directory's search box (${where}, ${t.delayMs} ms between keys, ${t.cpuThrottle}× CPU) loses keystrokes: typed ${code(t.typed)}, the box ends up holding ${code(t.value)}.`,
      );
    }
  }
  if (matched !== search.ui.length) {
    findings.push(
      `The directory showed a different result count than ProviderDirectory.search for ${search.ui.length - matched} of ${search.ui.length} queries (see "Every query").`,
    );
  }
  findings.push(...syncFindings(input.sync));
  findings.push(...pinUnlockFindings(PIN_FIGURE, input.pinUnlock));
  findings.push(...routeEngineFindings(ROUTE_FIGURE, input.routeEngine));
  for (const { file, size } of input.benchBuild.notPrecached) {
    findings.push(
      `Building the app with the 5,000-provider handbook fails in vite-plugin-pwa: ${code(file)} (${size}) exceeds workbox's 2 MiB precache limit and \`injectManifest.maximumFileSizeToCacheInBytes\` is not set in vite.config.ts. The benchmark goes on with the files the build had written; that file is left out of the precache, so the app could not (re)install that handbook without a connection.`,
    );
  }

  const seconds = (input.finishedAt.getTime() - input.startedAt.getTime()) / 1000;
  return `# Benchmarks

Written by \`npm run bench\` (test/bench/run.ts) — do not edit by hand, run it again. Every
number below was measured in this run, each baseline in the same run on the same machine.

- **Run:** ${input.startedAt.toISOString()} (took ${Math.round(seconds)} s)
- **Machine:** ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB memory, Node ${machine.node}, Chromium ${machine.chromium ?? 'unknown'}
- **Load average (1 min):** ${machine.loadAverage.start.toFixed(2)} at the start, ${machine.loadAverage.end?.toFixed(2) ?? '?'} at the end — absolute times move with other work on the machine; the ratios, from interleaved samples, much less
- **Tools:** ${Object.entries(input.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}

## Summary

${table(
  ['#', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'],
  [
    [
      '1',
      'Critical-path JS + CSS of the field screens, gzip',
      kb(appGzip),
      `${kb(helloGzip)}: bare Vite + React hello`,
      ratio(appGzip / helloGzip),
      `≤ ${kb(TARGETS.criticalPathGzipBytes)}`,
      verdict(sizePass),
    ],
    [
      '2',
      `Offline cold start until the route screen is painted, ${coldStart.cpuThrottle}× CPU (median; p95 ${ms(appStart.p95)})`,
      ms(appStart.median),
      `${ms(helloStart.median)}: hello PWA (p95 ${ms(helloStart.p95)})`,
      ratio(startRatio),
      `≤ ${ratio(TARGETS.coldStartRatio)}`,
      verdict(startPass),
    ],
    [
      '3',
      `Directory search over ${search.providers.toLocaleString('en')} providers in IndexedDB, input → results painted (median; p95 ${ms(uiPaint.p95)})`,
      ms(uiPaint.median),
      `${ms(pure.median)}: ProviderDirectory.search alone (p95 ${ms(pure.p95)})`,
      ratio(uiPaint.median / pure.median),
      `median ≤ ${ms(TARGETS.searchMedianMs)}`,
      verdict(searchPass),
    ],
    ...syncSummaryRows(input.sync),
    pinUnlockSummaryRow(PIN_FIGURE, input.pinUnlock),
    routeEngineSummaryRow(ROUTE_FIGURE, input.routeEngine),
  ],
)}

1 KB = 1,000 bytes. The target applies to the value for figures 1, 3, 4, 5, 6, 8, 9 and 10, to the ratio for figures 2 and 7.
Figures 4–8 are the sync benchmarks of issue 3; figures ${PIN_FIGURE} (PIN unlock) and ${ROUTE_FIGURE} (route computation) are those of issue 5.

## Findings

${findings.length > 0 ? findings.map((f) => `- ${f}`).join('\n') : '- Every figure meets its target.'}

## 1. Critical-path JS + CSS (gzip)

The app is built with its own \`vite.config.ts\` (Vite's \`build()\`, output in a temporary
directory) and the critical path is read from \`.vite/manifest.json\`: the entry chunk that
\`index.html\` loads, its static imports (recursively) and their CSS — the route screen is in
the entry — plus the dynamic imports that run at start-up: ${
    app.bootDynamicImports.length > 0
      ? `${app.bootDynamicImports.map(code).join(', ')}, which virtual:pwa-register's \`useRegisterSW()\` (in \`UpdatePrompt\`, rendered by the app shell) imports during the first render, so it is counted`
      : 'none found'
  }. Each file is compressed on its own with node:zlib (gzip level 9; brotli quality 11 for
reference). HTML, the web manifest, icons and handbooks are not counted.

### App: ${kb(appGzip)} gzip

${filesTable(app.critical)}

${criticalPathCrossCheck(app, coldStart.appAssets)}

### Baseline, bare Vite + React 19 hello: ${kb(helloGzip)} gzip

\`index.html\` + \`main.jsx\` rendering \`<h1>Hello</h1>\` with \`createRoot\` (react-dom/client),
\`@vitejs/plugin-react\`, vite-plugin-pwa (injectManifest, inline registration), built with the
same Vite in a temporary directory.

${filesTable(hello.critical)}

### Lazy screens (not on the critical path)

What each screen adds beyond the critical path when it is first opened (precached).

${table(
  ['screen', 'files', 'raw', 'gzip -9', 'brotli -11'],
  app.lazy.map((screen) => [
    screen.name,
    screen.files.map((f) => code(f.file)).join(', '),
    ...bytesCells(screen.total),
  ]),
)}

## 2. Offline cold start

Both PWAs are served by the project's server (\`buildServer\` from src/server/app.ts) and
opened in one fresh Chromium profile, first online: the service worker installs and takes
control, the app installs its handbooks and shows the route screen of \`/j/hn-ocotepeque\`.
Then for each sample: a new tab; every service worker stopped through DevTools
(\`ServiceWorker.stopAllWorkers\`, confirmed for ${stoppedWorkers} of ${coldStart.app.length + coldStart.hello.length} samples) so that the
start includes the worker's own start; network offline; \`Emulation.setCPUThrottlingRate
{rate: ${coldStart.cpuThrottle}}\`; navigation to \`/j/hn-ocotepeque\` (the hello PWA answers the
same path with its shell). An init script notes, in \`performance.now()\` time (since
navigation start), when \`#route-title\` (app) or the \`<h1>\` (hello) enters the DOM and when
the next frame after it has been painted (\`requestAnimationFrame\`, then a task); the figure
uses the latter. Samples alternate app/hello (ABBA) after ${coldStart.warmUpRounds} discarded warm-up rounds;
every sample was checked to be controlled by its service worker.

${table(SUMMARY_HEADER, [
  summaryRow('**app: route screen painted**', appStart),
  summaryRow('**hello: h1 painted**', helloStart),
  summaryRow('app: #route-title in the DOM', inserted(coldStart.app)),
  summaryRow('hello: h1 in the DOM', inserted(coldStart.hello)),
])}

Ratio of the medians (painted): **${ratio(startRatio)}**; of the p95s: ${ratio(appStart.p95 / helloStart.p95)}.

Where the time goes (median of each phase over the samples, so the rows need not add up
exactly to the totals above):

${table(
  ['phase', 'app', 'hello', 'app − hello'],
  PHASES.map((phase, i) => [
    phase.label,
    ms(appPhases[i] ?? Number.NaN),
    ms(helloPhases[i] ?? Number.NaN),
    ms(phaseExtra[i] ?? Number.NaN),
  ]),
)}

${marksTable(coldStart.app)}Throttle check: a fixed loop took ${ms(coldStart.throttleCheck.unthrottledMs)} unthrottled and
${ms(coldStart.throttleCheck.throttledMs)} at ${coldStart.cpuThrottle}× (${ratio(coldStart.throttleCheck.throttledMs / coldStart.throttleCheck.unthrottledMs)}).
Files the app had requested by the time the route screen was painted: ${coldStart.appAssets.map(code).join(', ')};
the hello PWA: ${coldStart.helloAssets.map(code).join(', ')}.

## 3. Directory search over ${search.providers.toLocaleString('en')} providers

Generated handbook \`bench-5000\`: the Ocotepeque jurisdiction, routes and checklists with
their own providers, plus generated providers (Spanish and English names and descriptions
with accents, every service type, mixes of populations and languages, schedules,
coordinates, Honduran phone numbers checked with libphonenumber-js) up to
${search.providers.toLocaleString('en')} public providers. The app is built with \`RUTAS_ROUTES_DATA\` pointing at it and
served; Chromium (no CPU throttling) opens \`/j/bench-5000/providers\` and the app installs
the handbook into IndexedDB itself.

Per query, in the page: 0–16 ms after a painted frame (spread evenly over the queries, as
keys arrive at any point of a 60 Hz frame), the search box's value is set with the native
setter and an \`input\` event dispatched, as typing does; the end is React's last commit for that update —
observed through the React DevTools global hook, which production react-dom calls after
every commit — and the next painted frame after it (\`requestAnimationFrame\`, then a task),
once React has nothing pending and 100 ms pass without a commit. "Painted" therefore includes
the wait for the next frame (up to 16.7 ms at 60 Hz); "committed" does not. ${search.ui.length} queries in
typing order, after ${WARM_UP_QUERIES.length} warm-up queries: whole words, prefixes letter by letter (from one
letter), words without their accents, one wrong letter, several words, English. The result
count on screen matched ProviderDirectory.search for ${matched} of ${search.ui.length} queries. "Pure search" is
the app's \`ProviderDirectory\` (bundled with esbuild, same service-type vocabulary from the
locales) run in the same page over the providers read back from IndexedDB: the median of
21 runs per query.

${table(SUMMARY_HEADER, [
  summaryRow('**input → results painted**', uiPaint),
  summaryRow('input → results committed to the DOM', uiCommit),
  summaryRow('ProviderDirectory.search alone', pure),
])}

By kind of query:

${table(
  ['kind', 'n', 'painted: median', 'p95', 'max', 'pure search: median', 'results: median', 'cards: median'],
  kinds.map((kind) => {
    const ofKind = search.ui.filter((q) => q.kind === kind);
    const ui = summarize(ofKind.map((q) => q.paintMs));
    const pureKind = search.pure.filter((q) => q.kind === kind);
    return [
      kind,
      String(ui.count),
      ms(ui.median),
      ms(ui.p95),
      ms(ui.max),
      ms(median(pureKind.map((q) => q.ms))),
      String(Math.round(median(pureKind.map((q) => q.hits)))),
      String(Math.round(median(ofKind.map((q) => q.listItems)))),
    ];
  }),
)}

Context, same page and data:

${table(SUMMARY_HEADER, [
  summaryRow('first open of the directory, handbook in IndexedDB: navigation → results painted', firstOpen),
  summaryRow(`read the handbook from IndexedDB (the app's DexieHandbookStore.handbook)`, read),
  summaryRow('build the search index (new ProviderDirectory)', index),
  [
    'ProviderDirectory.search with an empty box (every provider, sorted by name)',
    ms(search.pureEmpty.ms),
    '',
    '',
    '',
    '5 runs',
  ],
])}

First visit on a fresh device (the handbook downloaded, hash-checked and installed into
IndexedDB, then the directory painted): ${ms(search.firstVisitMs)}.

### Typing check

Real key events (Playwright \`pressSequentially\` through DevTools) into the emptied search
box; once the app has settled the box should hold exactly what was typed.

${table(
  ['handbook', 'typed', 'between keys', 'CPU', 'box holds', 'keys lost'],
  typing.map(([where, t]) => typingRow(where, t)),
)}

<details><summary>Every query</summary>

${table(
  ['#', 'query', 'kind', 'results', 'cards', 'React commits', 'last commit', 'painted', 'pure search'],
  search.ui.map((q, i) => [
    String(i + 1),
    code(q.text),
    q.kind,
    q.shownHits === q.expectedHits ? String(q.shownHits) : `${q.shownHits ?? '?'} (search: ${q.expectedHits})`,
    String(q.listItems),
    String(q.commits),
    ms(q.commitMs),
    ms(q.paintMs),
    ms(search.pure[i]?.ms ?? Number.NaN),
  ]),
)}

</details>

${syncSections(input.sync)}

${pinUnlockSection(PIN_FIGURE, input.pinUnlock)}

${routeEngineSection(ROUTE_FIGURE, input.routeEngine)}`;
}

/**
 * Lays the Markdown out the way the project's formatter does (Biome aligns table columns),
 * so that `npm test` (biome check .) accepts the generated file as it is.
 */
export function formatMarkdown(file: string): void {
  try {
    execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', file], {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    });
  } catch (error) {
    console.warn(`biome could not format ${file}: ${(error as Error).message}`);
  }
}
