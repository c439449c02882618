/**
 * Route computation (issue 5): `adaptRoute` on a generated 200-step route (7 stages) with
 * 2,000 providers that have schedules and coordinates, for several cases; the baseline, in the
 * same run, is the plain filter of the route's steps by the case's facts, with no providers.
 * `npx tsx test/bench/route-engine.ts` measures and prints this figure alone.
 */
import { pathToFileURL } from 'node:url';
import { deriveCaseFacts } from '../../src/core/case/facts';
import { ADULT_WHO_CONSENTS, type CaseAnswers } from '../../src/core/case/model';
import type { ActionRoute, CaseFact, RouteStep, Schedule, ServiceType } from '../../src/core/handbook/schema';
import { POPULATIONS, ROUTE_STAGE_KINDS, SERVICE_TYPES } from '../../src/core/handbook/taxonomy';
import { adaptRoute } from '../../src/core/route-engine/adapt-route';
import type { RoutableProvider, RouteCase } from '../../src/core/route-engine/types';
import { random } from './bench-data';
import { code, ms, ratio, table, verdict } from './report-format';
import { type Summary, summarize } from './stats';

export const ROUTE_BENCH = { steps: 200, stages: ROUTE_STAGE_KINDS.length, providers: 2000 } as const;
const WARM_UP_ROUNDS = 20;
const ROUNDS = 75;
export const ROUTE_TARGET_P95_MS = 50;

const NOW = new Date('2026-03-11T16:00:00Z'); // a Wednesday, 10:00 in Honduras
const TIME_ZONE = 'America/Tegucigalpa';
const WORKER = { latitude: 14.4343, longitude: -89.1829 };

const ALL_WEEK: Schedule['byday'] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WEEKDAYS: Schedule['byday'] = ['MO', 'TU', 'WE', 'TH', 'FR'];
/** Opening hours as providers publish them: round the clock, office hours, nights, split shifts, none. */
const HOURS: Schedule[][] = [
  [{ byday: ALL_WEEK, opens_at: '00:00', closes_at: '24:00' }],
  [{ byday: WEEKDAYS, opens_at: '08:00', closes_at: '16:00' }],
  [
    { byday: WEEKDAYS, opens_at: '08:00', closes_at: '12:00' },
    { byday: WEEKDAYS, opens_at: '13:30', closes_at: '17:00' },
  ],
  [{ byday: ALL_WEEK, opens_at: '18:00', closes_at: '06:00' }],
  [
    { byday: WEEKDAYS, opens_at: '07:00', closes_at: '15:00' },
    { byday: ['SA', 'SU'], opens_at: '09:00', closes_at: '13:00' },
  ],
  [],
];
const LANGUAGES = ['en', 'fr', 'ht', 'pt', 'miq', 'caa'];

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T;
}

function pickSome<T>(next: () => number, values: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, values.length)) chosen.add(pick(next, values));
  return [...chosen];
}

export function benchProviders(count: number = ROUTE_BENCH.providers): RoutableProvider[] {
  const next = random(5);
  return Array.from({ length: count }, (_, i) => {
    const located = next() < 0.9;
    return {
      id: `proveedor-${String(i).padStart(4, '0')}`,
      services: pickSome(next, SERVICE_TYPES, 1 + Math.floor(next() * 3)),
      populations: pickSome(next, POPULATIONS, 1 + Math.floor(next() * 4)),
      languages: ['es', ...pickSome(next, LANGUAGES, Math.floor(next() * 3))],
      schedules: pick(next, HOURS),
      ...(located ? { latitude: 14.43 + (next() - 0.5) * 0.8, longitude: -89.18 + (next() - 0.5) * 0.8 } : {}),
    };
  });
}

/** What a step is for: the facts it needs or excludes and the service its responsible providers give. */
interface StepTheme {
  share: number;
  service: ServiceType;
  all: CaseFact[];
  none: CaseFact[];
}
const THEMES: StepTheme[] = [
  { share: 0.02, service: 'emergency', all: ['immediate_danger'], none: [] },
  { share: 0.03, service: 'sexual_violence_care', all: ['sexual_violence_72h'], none: [] },
  { share: 0.08, service: 'child_protection', all: ['child'], none: [] },
  { share: 0.04, service: 'shelter', all: ['child'], none: ['immediate_danger'] },
  { share: 0.06, service: 'consular', all: ['foreign_national'], none: [] },
  { share: 0.04, service: 'migration_asylum', all: ['foreign_national'], none: ['child'] },
  { share: 0.03, service: 'mental_health', all: ['lgbtiq'], none: [] },
  { share: 0.03, service: 'case_management', all: ['disability'], none: [] },
  { share: 0.05, service: 'case_management', all: ['consent'], none: ['child'] },
  { share: 0.03, service: 'case_management', all: [], none: ['consent', 'child'] },
  { share: 0.05, service: 'prosecutor', all: ['wishes_to_report'], none: [] },
  { share: 0.03, service: 'legal_aid', all: [], none: ['wishes_to_report'] },
];

/** The theme a roll of the dice falls on; none (no conditions, any service) for about half the steps. */
function themeFor(roll: number): StepTheme | undefined {
  let below = 0;
  for (const theme of THEMES) {
    below += theme.share;
    if (roll < below) return theme;
  }
  return undefined;
}

export function benchRoute(providers: readonly RoutableProvider[]): ActionRoute {
  const next = random(11);
  const offering = new Map<ServiceType, string[]>();
  for (const provider of providers) {
    for (const service of provider.services) offering.set(service, [...(offering.get(service) ?? []), provider.id]);
  }
  const perStage = Math.ceil(ROUTE_BENCH.steps / ROUTE_BENCH.stages);
  return {
    id: 'ruta-bench',
    title: { es: 'Ruta de prueba', en: 'Bench route' },
    summary: { es: 'Generada', en: 'Generated' },
    principles: [],
    stages: ROUTE_STAGE_KINDS.map((kind, s) => ({
      id: `etapa-${s}`,
      kind,
      title: { es: `Etapa ${s}`, en: `Stage ${s}` },
      steps: Array.from({ length: Math.min(perStage, ROUTE_BENCH.steps - s * perStage) }, (_, j): RouteStep => {
        const theme = themeFor(next());
        const service = theme?.service ?? pick(next, SERVICE_TYPES);
        return {
          id: `paso-${s}-${j}`,
          title: { es: `Paso ${s}.${j}`, en: `Step ${s}.${j}` },
          action: { es: 'Actúe', en: 'Act' },
          responsible: pickSome(next, offering.get(service) ?? [], 1 + Math.floor(next() * 3)),
          ...(theme ? { conditions: { all: theme.all, none: theme.none } } : {}),
        };
      }),
    })),
  };
}

const ADULT: CaseAnswers = { ...ADULT_WHO_CONSENTS };

/** Cases that take different branches of the engine: priorities, safeguards, language, no position. */
export const BENCH_CASES: { label: string; answers: CaseAnswers; position?: typeof WORKER; personLanguage?: string }[] =
  [
    { label: 'adult who consents', answers: ADULT, position: WORKER, personLanguage: 'es' },
    {
      label: 'age unknown, foreign national, speaks French',
      answers: { ...ADULT, child: 'unknown', foreignNational: 'yes', consent: 'unknown' },
      position: WORKER,
      personLanguage: 'fr',
    },
    {
      label: 'child in danger, sexual violence at an unknown time',
      answers: { ...ADULT, child: 'yes', immediateDanger: 'yes', sexualViolence: 'yes' },
      position: WORKER,
    },
    {
      label: 'sexual violence 100 h ago, LGBTIQ+, disability, no position',
      answers: {
        ...ADULT,
        sexualViolence: 'yes',
        incidentAt: new Date(NOW.getTime() - 100 * 3_600_000).toISOString(),
        lgbtiq: 'yes',
        disability: 'yes',
        wishesToReport: 'yes',
      },
    },
  ];

/** The baseline: which steps apply, with no provider looked at. */
function filterSteps(input: RouteCase): number {
  const facts = new Set(deriveCaseFacts(input.answers, input.now).facts);
  let shown = 0;
  for (const stage of input.route.stages) {
    for (const step of stage.steps) {
      const conditions = step.conditions;
      if (!conditions || (conditions.all.every((f) => facts.has(f)) && !conditions.none.some((f) => facts.has(f)))) {
        shown++;
      }
    }
  }
  return shown;
}

export interface RouteEngineCase {
  label: string;
  steps: number;
  safeguards: string[];
  providerFits: number;
  engine: Summary;
  baseline: Summary;
}

export interface RouteEngineResult {
  steps: number;
  stages: number;
  providers: number;
  rounds: number;
  engine: Summary;
  baseline: Summary;
  cases: RouteEngineCase[];
}

/** Interleaved runs — baseline, engine, for each case in turn — after warm-up rounds that are discarded. */
export function measureRouteEngine(): RouteEngineResult {
  const providers = benchProviders();
  const route = benchRoute(providers);
  const inputs: RouteCase[] = BENCH_CASES.map((c) => ({
    route,
    providers,
    answers: c.answers,
    now: NOW,
    timeZone: TIME_ZONE,
    position: c.position,
    personLanguage: c.personLanguage,
  }));
  const engineMs = inputs.map((): number[] => []);
  const baselineMs = inputs.map((): number[] => []);
  let sink = 0;
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    inputs.forEach((input, i) => {
      const filterStart = performance.now();
      sink += filterSteps(input);
      const filterEnd = performance.now();
      sink += adaptRoute(input).steps.length;
      const engineEnd = performance.now();
      if (round < WARM_UP_ROUNDS) return;
      baselineMs[i]?.push(filterEnd - filterStart);
      engineMs[i]?.push(engineEnd - filterEnd);
    });
  }
  if (sink === 0) throw new Error('the route engine showed no step at all');
  return {
    ...ROUTE_BENCH,
    steps: route.stages.reduce((sum, stage) => sum + stage.steps.length, 0),
    rounds: ROUNDS,
    engine: summarize(engineMs.flat()),
    baseline: summarize(baselineMs.flat()),
    cases: inputs.map((input, i) => {
      const adapted = adaptRoute(input);
      return {
        label: BENCH_CASES[i]?.label ?? '',
        steps: adapted.steps.length,
        safeguards: adapted.steps.flatMap((s) => s.safeguard ?? []),
        providerFits: adapted.steps.reduce((sum, s) => sum + s.providers.length, 0),
        engine: summarize(engineMs[i] ?? []),
        baseline: summarize(baselineMs[i] ?? []),
      };
    }),
  };
}

/** The baseline takes microseconds: BENCHMARKS.md's 0.1 ms steps would show it as 0.0 ms. */
const fine = (value: number) => (value < 1 ? `${(value * 1000).toFixed(0)} µs` : ms(value));
const summaryRow = (label: string, s: Summary) => [
  label,
  fine(s.median),
  fine(s.p95),
  fine(s.min),
  fine(s.max),
  String(s.count),
];
const passes = (r: RouteEngineResult) => r.engine.p95 <= ROUTE_TARGET_P95_MS;
const title = (r: RouteEngineResult) =>
  `Route computation: ${r.steps}-step route × ${r.providers.toLocaleString('en')} providers`;

/** The figure's row in the summary table of BENCHMARKS.md. */
export function routeEngineSummaryRow(figure: string, r: RouteEngineResult): string[] {
  return [
    figure,
    `${title(r)}, adaptRoute in Node (median; p95 ${ms(r.engine.p95)})`,
    ms(r.engine.median),
    `${fine(r.baseline.median)}: the steps filtered by the case's facts, no providers (p95 ${fine(r.baseline.p95)})`,
    ratio(r.engine.median / r.baseline.median),
    `p95 ≤ ${ms(ROUTE_TARGET_P95_MS)}`,
    verdict(passes(r)),
  ];
}

export function routeEngineFindings(figure: string, r: RouteEngineResult): string[] {
  if (passes(r)) return [];
  return [
    `Figure ${figure} misses its target: adapting a ${r.steps}-step route with ${r.providers.toLocaleString('en')} providers takes ${ms(r.engine.p95)} at p95 (median ${ms(r.engine.median)}; target p95 ≤ ${ms(ROUTE_TARGET_P95_MS)}).`,
  ];
}

export function routeEngineSection(figure: string, r: RouteEngineResult): string {
  return `## ${figure}. Route computation (issue 5)

${code('adaptRoute')} (src/core/route-engine/adapt-route.ts) run in this Node process on a
generated route of ${r.steps} steps in ${r.stages} stages (one of each stage kind; about half of the steps
with conditions: immediate danger, sexual violence, children, foreign nationals, consent, wish to
report…; one to three responsible providers each) and ${r.providers.toLocaleString('en')} generated providers
(one to three service types, populations, languages, opening hours of six kinds — round the
clock, office hours, split shifts, nights, none — and coordinates for nine in ten), for ${BENCH_CASES.length}
cases, with ${code('now')} on a Wednesday morning in Honduras. Each computation starts from nothing
(facts, provider index, "open now", distances, ranking). The baseline is the plain filter of
the route's steps by the case's facts, with no provider looked at. Per round, each case runs the
baseline and then the engine; ${r.rounds} rounds after ${WARM_UP_ROUNDS} discarded warm-up rounds
(${r.engine.count} samples each). No CPU throttling: a low-end phone is several times slower.

${table(
  ['', 'median', 'p95', 'min', 'max', 'n'],
  [
    summaryRow('**adaptRoute**', r.engine),
    summaryRow("the route's steps filtered by the facts (baseline)", r.baseline),
  ],
)}

Ratio of the medians: **${ratio(r.engine.median / r.baseline.median)}**.

${table(
  ['case', 'steps shown', 'safeguards added', 'provider fits', 'adaptRoute median', 'p95', 'baseline median'],
  r.cases.map((c) => [
    c.label,
    String(c.steps),
    c.safeguards.length > 0 ? c.safeguards.map(code).join(', ') : 'none',
    String(c.providerFits),
    ms(c.engine.median),
    ms(c.engine.p95),
    fine(c.baseline.median),
  ]),
)}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = measureRouteEngine();
  console.log(routeEngineSection('10', result));
  console.log(
    table(['#', 'figure', 'value', 'baseline', 'ratio', 'target', 'result'], [routeEngineSummaryRow('10', result)]),
  );
}
