import { availableParallelism } from 'node:os';
import { FLEET_WINDOWS, type FleetResult } from './device-fleet';
import type { ManifestThroughputResult, ThroughputMode, ThroughputRun } from './manifest-throughput';
import { code, kb, ms, ratio, table, verdict } from './report-format';
import { median } from './stats';
import type { BrowserSyncResult } from './sync-browser';
import type { NodeCheckResult, WireSample } from './sync-check';
import type { NodeUpdateResult } from './sync-delta';

/** The sync benchmarks' results (issue 3), figures 4–8 of BENCHMARKS.md. */
export interface SyncFigures {
  jurisdictionId: string;
  providers: number;
  nodeCheck: NodeCheckResult;
  nodeUpdate: NodeUpdateResult;
  browser: BrowserSyncResult;
  throughput: ManifestThroughputResult;
  fleet: FleetResult;
}

export const SYNC_TARGETS = {
  checkRequests: 1,
  checkBytes: 1000,
  updateBytes: 10_000,
  applyMs: 1000,
  throughputRatio: 0.5,
  fleetErrors: 0,
} as const;

const bytes = (n: number) => `${n.toLocaleString('en')} B`;
const wire = (s: WireSample) => s.sent + s.received;
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;
/** Responses per CPU-second the server used: what other work on the machine takes away cancels out. */
const perCpuSecond = (r: ThroughputRun) => r.perSecond / r.serverCpu;

/** The headline of each figure, computed once for the summary, the findings and the sections. */
function figures(s: SyncFigures) {
  const checkBytes = median(s.browser.checks.map(wire));
  const checkRequests = Math.max(...s.browser.checks.map((c) => c.requests));
  const checkPass =
    checkRequests <= SYNC_TARGETS.checkRequests &&
    checkBytes <= SYNC_TARGETS.checkBytes &&
    s.browser.checks.every((c) => c.outcome === 'up-to-date');
  const updateBytes = wire(s.browser.update);
  const snapshotBytes = wire(s.nodeUpdate.snapshot.wire);
  const updatePass = updateBytes <= SYNC_TARGETS.updateBytes;
  const applyTotals = s.browser.apply.map((a) => a.parseMs + a.installMs);
  const applyMs = median(applyTotals);
  const applyPass = applyMs <= SYNC_TARGETS.applyMs;
  const mean = (server: ThroughputRun['server'], mode: ThroughputMode) => {
    const runs = s.throughput.runs.filter((r) => r.server === server && r.mode === mode);
    return runs.reduce((sum, r) => sum + r.perSecond, 0) / runs.length;
  };
  const throughputRatio = (mode: ThroughputMode) => mean('rutas', mode) / mean('bare', mode);
  const meanPerCpu = (server: ThroughputRun['server'], mode: ThroughputMode) => {
    const runs = s.throughput.runs.filter((r) => r.server === server && r.mode === mode);
    return runs.reduce((sum, r) => sum + perCpuSecond(r), 0) / runs.length;
  };
  const cpuRatio = (mode: ThroughputMode) => meanPerCpu('rutas', mode) / meanPerCpu('bare', mode);
  const throughputPass =
    throughputRatio('conditional') >= SYNC_TARGETS.throughputRatio &&
    s.throughput.runs.every((r) => r.unexpected === 0);
  const fleetPass = s.fleet.errorCount === SYNC_TARGETS.fleetErrors && s.fleet.onLatest === s.fleet.devices;
  return {
    checkBytes,
    checkRequests,
    checkPass,
    updateBytes,
    snapshotBytes,
    updatePass,
    applyMs,
    applyPass,
    mean,
    throughputRatio,
    cpuRatio,
    throughputPass,
    fleetPass,
  };
}

export function syncSummaryRows(s: SyncFigures): string[][] {
  const f = figures(s);
  const fleetTotal = s.fleet.latency.all.count + s.fleet.errorCount;
  return [
    [
      '4',
      'No-change check of a device holding the latest release (Chromium, on the wire, headers included)',
      `${f.checkRequests} request, ${bytes(f.checkBytes)}`,
      `${bytes(median(s.nodeCheck.samples.map(wire)))}: minimal Node client`,
      '',
      `1 request, ≤ ${kb(SYNC_TARGETS.checkBytes)}`,
      verdict(f.checkPass),
    ],
    [
      '5',
      `One provider's phone changed in a ${s.providers.toLocaleString('en')}-provider jurisdiction: bytes a device transfers to update (Chromium)`,
      kb(f.updateBytes),
      `${kb(f.snapshotBytes)}: full snapshot, ${s.nodeUpdate.snapshot.encoding} as served`,
      ratio(f.updateBytes / f.snapshotBytes),
      `≤ ${kb(SYNC_TARGETS.updateBytes)}`,
      verdict(f.updatePass),
    ],
    [
      '6',
      `Verifying and installing a full ${s.providers.toLocaleString('en')}-provider release into IndexedDB in Chromium (median of ${s.browser.apply.length}, fresh database each)`,
      ms(f.applyMs),
      `${ms(median(s.browser.verifyMs))}: verification alone`,
      ratio(f.applyMs / median(s.browser.verifyMs)),
      `≤ ${ms(SYNC_TARGETS.applyMs)}`,
      verdict(f.applyPass),
    ],
    [
      '7',
      `Manifest checks (304) per second, loopback, ${s.throughput.connections} connections`,
      perSecond(f.mean('rutas', 'conditional')),
      `${perSecond(f.mean('bare', 'conditional'))}: bare node:http, same bytes`,
      ratio(f.throughputRatio('conditional')),
      `≥ ${ratio(SYNC_TARGETS.throughputRatio)}`,
      verdict(f.throughputPass),
    ],
    [
      '8',
      `${s.fleet.devices} simulated devices syncing for ${s.fleet.seconds} s while releases are published: errors (p99 latency ${ms(s.fleet.latency.all.p99)})`,
      `${s.fleet.errorCount} of ${fleetTotal.toLocaleString('en')} requests`,
      '',
      '',
      `0 errors; every device on the latest release (${s.fleet.onLatest} of ${s.fleet.devices})`,
      verdict(f.fleetPass),
    ],
  ];
}

export function syncFindings(s: SyncFigures): string[] {
  const f = figures(s);
  const findings: string[] = [];
  if (!f.checkPass) {
    const node = median(s.nodeCheck.samples.map(wire));
    findings.push(
      `Figure 4 misses its target: a no-change check from Chromium takes ${f.checkRequests} request(s) and ${bytes(f.checkBytes)} (target 1 request, ≤ ${bytes(SYNC_TARGETS.checkBytes)}); the same check from a client sending only the headers the protocol needs takes ${bytes(node)}, so ${bytes(f.checkBytes - node)} are Chromium's own request headers (User-Agent, client hints, Sec-Fetch-*, Accept-Language), which a page cannot remove.`,
    );
  }
  if (!f.updatePass) {
    const biggest = [...s.nodeUpdate.steps].sort((a, b) => b.received - a.received)[0];
    findings.push(
      `Figure 5 misses its target: updating after one phone change transfers ${kb(f.updateBytes)} (target ≤ ${kb(SYNC_TARGETS.updateBytes)}); the largest part is ${code(biggest?.path ?? '?')} (${bytes(biggest?.received ?? 0)} received, ${biggest?.encoding}).`,
    );
  }
  if (!f.applyPass) {
    const install = median(s.browser.apply.map((a) => a.installMs));
    const verify = median(s.browser.verifyMs);
    findings.push(
      `Figure 6 misses its target: parsing, verifying and installing the full ${s.providers.toLocaleString('en')}-provider release takes ${ms(f.applyMs)} (target ≤ ${ms(SYNC_TARGETS.applyMs)}): JSON.parse ${ms(median(s.browser.apply.map((a) => a.parseMs)))}, verification ${ms(verify)} (hashing every record), the Dexie transaction about ${ms(install - verify)}.`,
    );
  }
  if (!f.throughputPass) {
    const conditional = f.throughputRatio('conditional');
    const unexpected = s.throughput.runs.reduce((sum, r) => sum + r.unexpected, 0);
    findings.push(
      conditional < SYNC_TARGETS.throughputRatio
        ? `Figure 7 misses its target: the real server answers ${perSecond(f.mean('rutas', 'conditional'))} manifest checks against the bare server's ${perSecond(f.mean('bare', 'conditional'))} (${ratio(conditional)}, target ≥ ${ratio(SYNC_TARGETS.throughputRatio)}).`
        : `Figure 7: ${unexpected} responses had another status than expected, or failed.`,
    );
  }
  if (!f.fleetPass) {
    findings.push(
      `Figure 8 misses its target: ${s.fleet.errorCount} errors (${s.fleet.errors.map((e) => `${e.count}× ${e.kind}`).join(', ') || 'none'}); ${s.fleet.onLatest} of ${s.fleet.devices} devices ended on the latest release${s.fleet.behind.length > 0 ? ` (the others on ${[...new Set(s.fleet.behind)].join(', ')})` : ''}.`,
    );
  }
  const conditional = f.throughputRatio('conditional');
  if (f.throughputPass && conditional < SYNC_TARGETS.throughputRatio * 1.2) {
    findings.push(
      `Figure 7 meets its target narrowly: ${ratio(conditional)} against ≥ ${ratio(SYNC_TARGETS.throughputRatio)} (per server CPU-second ${ratio(f.cpuRatio('conditional'))}); a busier run may fall below it. A no-change check costs the real server about twice what the bare server spends on the same bytes.`,
    );
  }
  if (s.fleet.latency.all.p99 > 500) {
    const windows = FLEET_WINDOWS.map((w) => ({ w, l: s.fleet.latency[w] })).filter(({ l }) => l.count > 0);
    const worst = [...windows].sort((a, b) => b.l.p99 - a.l.p99)[0];
    findings.push(
      `Figure 8: the p99 latency is ${ms(s.fleet.latency.all.p99)}; by when the request ran: ${windows.map(({ w, l }) => `${w} p99 ${ms(l.p99)} (${l.count.toLocaleString('en')} requests)`).join(', ')}${worst ? ` — the slow requests are those ${worst.w}` : ''}. See section 8.`,
    );
  }
  return findings;
}

const wireRow = (label: string, w: WireSample) => [
  label,
  String(w.requests),
  bytes(w.sent),
  bytes(w.received),
  `**${bytes(wire(w))}**`,
  String(w.connections),
];
const WIRE_HEADER = ['', 'requests', 'sent', 'received', 'total', 'new connections'];

function fence(text: string): string {
  return `\`\`\`http\n${text.replace(/\r\n/g, '\n').trimEnd()}\n\`\`\``;
}

export function syncSections(s: SyncFigures): string {
  const f = figures(s);
  const { browser, nodeCheck, nodeUpdate, throughput, fleet } = s;
  const n = s.providers.toLocaleString('en');
  const checkRuns = browser.checks.length;
  const applyMedian = (pick: (a: (typeof browser.apply)[number]) => number, list = browser.apply) =>
    ms(median(list.map(pick)));
  const modeRuns = (mode: ThroughputMode) => throughput.runs.filter((r) => r.mode === mode);

  return `## Sync: how the figures 4–8 were made

A fresh store (SQLite, as \`RUTAS_DATA_DIR\`) holds the generated jurisdiction ${code(s.jurisdictionId)}: the
Ocotepeque routes and checklists with generated providers up to ${n} public ones (the
generator of figure 3), published as release 1 with the project's own publishing code
(\`loadHandbookFolder\` + \`publishHandbook\`: record hashes, state hash, changelog, Ed25519
signature). Release 2 changes the first phone number of one provider in \`providers.yaml\`.
The real server (\`buildServer\` over \`openStorage\`) runs in a process of its own. Bytes are
counted by a TCP relay between client and server: every byte of the HTTP messages each way,
request and status lines, headers and bodies as sent (compressed where the server
compresses); TCP/IP framing is not counted (loopback, plain HTTP — TLS would add its own).

The device side runs in Chromium ${browser.chromium} on a blank page of the server's origin (through the relay) with the
app's own sync code bundled by esbuild (test/bench/page/sync-probe.ts): \`syncJurisdiction\`
(the check and the update the sync engine runs), \`installSnapshot\` and \`RutasDatabase\`
from src/app, each on a database of its own.

## 4. No-change check

The device holds release ${browser.update.to} and the manifest ETag it came with; the engine's check
(\`syncJurisdiction\`) sends one conditional request, ${code(`GET /api/v1/jurisdictions/${s.jurisdictionId}/manifest`)}
with \`If-None-Match\`, answered \`304 Not Modified\` with no body. ${checkRuns} checks in Chromium on
the page's keep-alive connection; ${nodeCheck.samples.length} with a node:http client sending only Host,
Connection, Accept-Encoding and If-None-Match.

${table(WIRE_HEADER, [
  wireRow(
    `Chromium, device engine (median of ${checkRuns}; outcome ${[...new Set(browser.checks.map((c) => code(c.outcome)))].join(', ')})`,
    {
      requests: f.checkRequests,
      statuses: [],
      sent: median(browser.checks.map((c) => c.sent)),
      received: median(browser.checks.map((c) => c.received)),
      connections: Math.max(...browser.checks.map((c) => c.connections)),
    },
  ),
  wireRow(
    `node:http, minimal headers (median of ${nodeCheck.samples.length}; status ${[...new Set(nodeCheck.samples.flatMap((c) => c.statuses))].join(', ')})`,
    {
      requests: 1,
      statuses: [],
      sent: median(nodeCheck.samples.map((c) => c.sent)),
      received: median(nodeCheck.samples.map((c) => c.received)),
      connections: nodeCheck.samples.reduce((sum, c) => sum + c.connections, 0),
    },
  ),
])}

What Chromium put on the wire for one check:

${fence(browser.checkTranscript.sent)}

${fence(browser.checkTranscript.received)}

## 5. One provider changed in a ${n}-provider jurisdiction

The device holds release ${browser.update.from} and its manifest ETag; release ${browser.update.to} changed one
provider's phone. The engine's update: the conditional manifest request (a 200 with the new
signed header), then \`GET …/releases/${nodeUpdate.to}/changes/${nodeUpdate.from}\` (changed records and removed
keys only), verified against the held record hashes and the signed state hash, and applied
in one Dexie transaction. The "what changed" list the device then shows:
${browser.update.whatChanged.length > 0 ? browser.update.whatChanged.map((c) => code(JSON.stringify(c))).join(', ') : '(empty)'}.
The changes held ${nodeUpdate.changed.length} changed record(s) (${nodeUpdate.changed.map(code).join(', ')}) and ${nodeUpdate.removed.length} removed.

${table(WIRE_HEADER, [
  wireRow(
    `**Chromium, device engine: ${code(browser.update.outcome)} ${browser.update.from} → ${browser.update.to}**`,
    browser.update,
  ),
  wireRow('node:http, minimal headers: manifest + changes', nodeUpdate.update),
  ...nodeUpdate.steps.map((step) =>
    wireRow(`… ${code(step.path)} (${step.status}, ${step.encoding})`, {
      requests: 1,
      statuses: [step.status],
      sent: step.sent,
      received: step.received,
      connections: 0,
    }),
  ),
  wireRow(
    `full snapshot of release ${nodeUpdate.to} (node:http, ${nodeUpdate.snapshot.encoding}; ${kb(nodeUpdate.snapshot.jsonBytes)} of JSON)`,
    nodeUpdate.snapshot.wire,
  ),
])}

Every request sent \`Accept-Encoding: gzip, deflate, br, zstd\`, as Chromium does. Ratio of the update (Chromium) to
the full snapshot as served: **${ratio(f.updateBytes / f.snapshotBytes)}** (${(100 * (f.updateBytes / f.snapshotBytes)).toFixed(2)} %).

## 6. Applying a full ${n}-provider release in Chromium

The release's JSON (${kb(browser.snapshotChars)}, ${n} providers) is fetched once into the page; then,
${browser.apply.length} times, each into a new empty database: \`JSON.parse\` (what \`response.json()\` does), then
the app's \`installSnapshot\`: the Ed25519 signature of the header checked against the pinned
key (WebCrypto), every record hashed (SHA-256 of its canonical JSON) and the state hash
compared with the signed one, then every record written, the release and sync state
recorded, in one Dexie transaction. The database is deleted after each run. No CPU throttling
unless stated.

${table(
  ['', 'median', 'min', 'max', 'runs'],
  [
    [
      '**parse + verify + install**',
      `**${ms(f.applyMs)}**`,
      ms(Math.min(...browser.apply.map((a) => a.parseMs + a.installMs))),
      ms(Math.max(...browser.apply.map((a) => a.parseMs + a.installMs))),
      String(browser.apply.length),
    ],
    ['JSON.parse', applyMedian((a) => a.parseMs), '', '', String(browser.apply.length)],
    [
      'installSnapshot (verify + Dexie transaction)',
      applyMedian((a) => a.installMs),
      '',
      '',
      String(browser.apply.length),
    ],
    [
      'verifySnapshot alone (signature, record hashes, state hash)',
      ms(median(browser.verifyMs)),
      ms(Math.min(...browser.verifyMs)),
      ms(Math.max(...browser.verifyMs)),
      String(browser.verifyMs.length),
    ],
    [
      `parse + verify + install at ${browser.cpuThrottle}× CPU throttling (a low-end phone)`,
      applyMedian((a) => a.parseMs + a.installMs, browser.applyThrottled),
      ms(Math.min(...browser.applyThrottled.map((a) => a.parseMs + a.installMs))),
      ms(Math.max(...browser.applyThrottled.map((a) => a.parseMs + a.installMs))),
      String(browser.applyThrottled.length),
    ],
  ],
)}

The first run in the page (JIT cold): ${ms((browser.apply[0]?.parseMs ?? 0) + (browser.apply[0]?.installMs ?? 0))}. Records per release: ${browser.apply[0]?.records ?? '?'}.

## 7. Manifest checks per second

autocannon ${throughput.connections} connections, ${throughput.seconds} s per run, against the real server (the manifest
route over SQLite, as in production: request validation, the latest-release cache, ETag
comparison) and against a bare \`node:http\` server that answers every request with the real
server's recorded response, byte for byte (same status, headers and body; Date, Connection
and Keep-Alive written by node:http in both). Each server runs in its own process and
autocannon in the benchmark's process: this machine has two cores, and autocannon in the
server's process would take half of the server's core. ${throughput.rounds} rounds per kind of request,
alternating which server goes first, after a warm-up of each. "CPU" is CPU seconds per second
of the run of the server's process and of autocannon's (1.00 = one core busy all the time):
a server near 1.00 is the bottleneck; autocannon near 1.00 means the load generator limits
the figure. "Machine CPU" is every core's busy time (${availableParallelism()} cores): well above the sum of the
two, other work on the machine competed during the run. Because such competition moves
responses per second a lot between runs, "per server CPU-second" (responses per second ÷
server CPU) is given as a cross-check: it measures the cost of one response whatever share
of the machine the server got.

${(['conditional', 'unconditional'] as const)
  .map(
    (
      mode,
    ) => `**${mode === 'conditional' ? 'Conditional (If-None-Match → 304)' : 'Unconditional (→ 200 with the manifest)'}**: ratio ${ratio(f.throughputRatio(mode))} (per server CPU-second: ${ratio(f.cpuRatio(mode))}) — response ${throughput.responses[mode].status}, ${bytes(throughput.responses[mode].bodyBytes)} body, headers ${throughput.responses[mode].headers.map(code).join(', ')}.

${table(
  [
    'run',
    'server',
    'responses/s',
    'total',
    'latency p50',
    'latency p99',
    'unexpected',
    'server CPU',
    'autocannon CPU',
    'machine CPU',
    'per server CPU-second',
  ],
  modeRuns(mode).map((r, i) => [
    String(Math.floor(i / 2) + 1),
    r.server === 'rutas' ? '**rutas**' : 'bare node:http',
    perSecond(r.perSecond),
    r.total.toLocaleString('en'),
    ms(r.latencyP50),
    ms(r.latencyP99),
    String(r.unexpected),
    r.serverCpu.toFixed(2),
    r.loadCpu.toFixed(2),
    r.machineCpu.toFixed(2),
    perCpuSecond(r).toLocaleString('en', { maximumFractionDigits: 0 }),
  ]),
)}`,
  )
  .join('\n\n')}

## 8. ${fleet.devices} simulated devices syncing for ${fleet.seconds} s

${fleet.devices} devices in the benchmark's process (Node, real HTTP, one keep-alive connection each) against the
real server (own process, SQLite). Each device starts holding the latest release and loops:
a conditional manifest check; when a newer release appears, the changes from the release it
holds (the number in the answer must be the one announced); with a ${Math.round(fleet.reportChance * 100)} % chance a field report
(a new one, with a device-generated UUID, or ${Math.round(fleet.resendChance * 100)} % of the time a resend of its last one, which
the server must take idempotently); then ${fleet.thinkMs.min}–${fleet.thinkMs.max} ms of think time (real phones check every few
minutes: this is a fleet of ${fleet.devices} compressed into a minute). Meanwhile a coordinator runs
\`rutas publish\` (its own process, same store) with a changed phone number every ${fleet.publishEverySeconds} s:
${fleet.published.map((p) => `release ${p.number} at ${p.atSeconds.toFixed(1)} s (${ms(p.ms)})`).join(', ')}.
Errors are any response other than 2xx/304 and any network error. Latency is from sending the
request to having read the whole response. The last rows split every request by when it
started: while a \`rutas publish\` ran (or ended during it); up to 3 s after one ended — the
server serves a new release within 1 s of its commit, and then every device gets a 200 and
asks for the changes within its think time, all at once; at other times (only 304 checks and
field reports).

${table(
  ['requests', 'count', 'p50', 'p99', 'max'],
  [
    ...(['check (304)', 'check (200)', 'changes', 'field report'] as const).map((kind) => [kind, kind] as const),
    ['all', '**all**'] as const,
    ...FLEET_WINDOWS.map((window) => [window, `all, ${window}`] as const),
  ].map(([kind, label]) => [
    label,
    fleet.latency[kind].count.toLocaleString('en'),
    ms(fleet.latency[kind].p50),
    ms(fleet.latency[kind].p99),
    ms(fleet.latency[kind].max),
  ]),
)}

- **Errors:** ${fleet.errorCount}${fleet.errors.length > 0 ? ` — ${fleet.errors.map((e) => `${e.count}× ${code(e.kind)} (e.g. ${code(e.example.slice(0, 160))})`).join('; ')}` : ''}
- **Devices on the latest release (${fleet.latest}) at the end:** ${fleet.onLatest} of ${fleet.devices}${fleet.behind.length > 0 ? ` (behind: ${fleet.behind.join(', ')})` : ''}
- **Field reports:** ${fleet.reportsSent} sent and ${fleet.reportsResent} resends; the server stored ${fleet.reportsStored}${fleet.reportsStored === fleet.reportsSent ? ' — each once' : ` — expected ${fleet.reportsSent}`}
- **Client event-loop delay p99:** ${ms(fleet.clientLoopDelayP99)} — the latencies are measured in the devices' process and include it
`;
}
