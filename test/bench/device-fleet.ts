import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  FIELD_REPORT_PROBLEMS,
  FIELD_REPORTS_PATH,
  type FieldReport,
  FieldReportSchema,
  syncPaths,
} from '../../src/core/sync/protocol';
import { openStorage } from '../../src/server/storage/open';
import type { ChildServer } from './child-server';
import { BROWSER_ACCEPT_ENCODING, deviceAgent, exchange } from './http-exchange';
import { log } from './log';
import { percentile } from './stats';
import { publishPhoneChangeWithCli, type SyncStore } from './sync-store';

export type FleetRequestKind = 'check (304)' | 'check (200)' | 'changes' | 'field report';
/**
 * When a request ran: while `rutas publish` ran; in the seconds after a publish, when every
 * device finds the new release at once; or at other times.
 */
export type FleetWindow = 'during a publish' | 'up to 3 s after a publish' | 'other times';
export const FLEET_WINDOWS: readonly FleetWindow[] = ['during a publish', 'up to 3 s after a publish', 'other times'];
const AFTER_PUBLISH_MS = 3000;

export interface FleetResult {
  devices: number;
  seconds: number;
  publishEverySeconds: number;
  thinkMs: { min: number; max: number };
  /** Chance of a field report after a check, and of that report being a resend of the last. */
  reportChance: number;
  resendChance: number;
  /** Releases published during the run, by the CLI in its own process: when, and how long each publish took. */
  published: { number: number; atSeconds: number; ms: number }[];
  latest: number;
  /** Requests by kind, with their latencies (ms, send → response read whole). */
  requests: Record<FleetRequestKind, number>;
  latency: Record<FleetRequestKind | 'all' | FleetWindow, { p50: number; p99: number; max: number; count: number }>;
  /** Non-2xx/304 responses and network errors, by kind of failure, with an example each. */
  errors: { kind: string; count: number; example: string }[];
  errorCount: number;
  /** How many devices ended holding the latest release; the others' releases. */
  onLatest: number;
  behind: number[];
  /** Field reports the server stored for the jurisdiction, against the distinct reports sent. */
  reportsStored: number;
  reportsSent: number;
  reportsResent: number;
  /** This (client) process's event-loop delay during the run: latency measured here includes it. */
  clientLoopDelayP99: number;
}

const DEVICES = 200;
const SECONDS = 60;
const PUBLISH_EVERY_SECONDS = 10;
/** The last publish leaves this long for every device to catch up (CLI run, server cache, think time). */
const LAST_PUBLISH_BEFORE_END_SECONDS = 12;
const THINK_MS = { min: 200, max: 1000 };
const REPORT_CHANCE = 0.05;
const RESEND_CHANCE = 0.3;

interface Held {
  number: number;
  etag: string;
}

/**
 * Figure 5: DEVICES simulated devices — Node, real HTTP, one keep-alive connection each — sync
 * with the real server over SQLite for SECONDS: a conditional manifest check; when a newer
 * release appears, the changes from the held one; now and then a field report (a new one, or
 * a resend of the last, which must be idempotent); a random think time between. Meanwhile a
 * coordinator publishes a changed phone number every PUBLISH_EVERY_SECONDS with `rutas
 * publish`, in its own process, into the store the server is running on.
 */
export async function measureDeviceFleet(server: ChildServer, store: SyncStore): Promise<FleetResult> {
  const paths = syncPaths(store.jurisdictionId, 'public');
  const accept = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };
  const start = await exchange(server.url + paths.manifest, { headers: accept });
  const startEtag = start.headers.etag;
  if (start.status !== 200 || !startEtag) throw new Error(`the manifest answered ${start.status}`);
  const startHeld: Held = { number: store.latest, etag: startEtag };

  const latencies = new Map<FleetRequestKind | FleetWindow, number[]>();
  const note = (key: FleetRequestKind | FleetWindow, ms: number) => {
    const list = latencies.get(key) ?? [];
    list.push(ms);
    latencies.set(key, list);
  };
  /** Publishes under way, and a count bumped when one starts or ends: a request that saw it move overlapped one. */
  let publishing = 0;
  let publishEvents = 0;
  let lastPublishEnd = Number.NEGATIVE_INFINITY;
  const errors = new Map<string, { count: number; example: string }>();
  const fail = (kind: string, example: string) => {
    const entry = errors.get(kind) ?? { count: 0, example };
    entry.count++;
    errors.set(kind, entry);
  };
  let reportsSent = 0;
  let reportsResent = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  const t0 = performance.now();
  const endAt = t0 + SECONDS * 1000;
  const elapsed = () => (performance.now() - t0) / 1000;

  /** One request, timed; undefined (and counted as an error) when it failed or answered an unexpected status. */
  const timed = async (
    kind: FleetRequestKind | 'check',
    path: string,
    init: Parameters<typeof exchange>[1],
    ok: (status: number) => boolean,
  ) => {
    const started = performance.now();
    const eventsBefore = publishEvents;
    const publishingBefore = publishing > 0;
    try {
      const response = await exchange(server.url + path, init);
      const ms = performance.now() - started;
      const overlapped = publishingBefore || publishEvents !== eventsBefore;
      const window: FleetWindow = overlapped
        ? 'during a publish'
        : started - lastPublishEnd < AFTER_PUBLISH_MS
          ? 'up to 3 s after a publish'
          : 'other times';
      if (!ok(response.status)) {
        fail(`${kind}: HTTP ${response.status}`, `${path}: ${response.body.toString('utf8').slice(0, 200)}`);
        return undefined;
      }
      note(kind === 'check' ? (response.status === 304 ? 'check (304)' : 'check (200)') : kind, ms);
      note(window, ms);
      return response;
    } catch (error) {
      fail(
        `${kind}: ${(error as NodeJS.ErrnoException).code ?? 'network error'}`,
        `${path}: ${(error as Error).message}`,
      );
      return undefined;
    }
  };

  const device = async (): Promise<Held> => {
    const agent = deviceAgent();
    const deviceId = randomUUID();
    let held = { ...startHeld };
    let lastReport: FieldReport | undefined;
    try {
      await sleep(Math.random() * THINK_MS.max);
      while (performance.now() < endAt) {
        const check = await timed(
          'check',
          paths.manifest,
          { headers: { ...accept, 'if-none-match': held.etag }, agent },
          (s) => s === 200 || s === 304,
        );
        if (check?.status === 200) {
          const number = (JSON.parse(check.body.toString('utf8')) as { release: { header: { number: number } } })
            .release.header.number;
          if (number > held.number) {
            const changes = await timed(
              'changes',
              paths.changes(number, held.number),
              { headers: accept, agent },
              (s) => s === 200,
            );
            const got =
              changes && (JSON.parse(changes.body.toString('utf8')) as { release: { header: { number: number } } });
            if (got?.release.header.number === number) held = { number, etag: String(check.headers.etag) };
            else if (changes) fail('changes: wrong release', `${paths.changes(number, held.number)}`);
          }
        }
        if (Math.random() < REPORT_CHANCE) {
          const resend = lastReport !== undefined && Math.random() < RESEND_CHANCE;
          const report: FieldReport =
            resend && lastReport ? lastReport : fieldReport(deviceId, store.jurisdictionId, held.number);
          if (resend) reportsResent++;
          else reportsSent++;
          lastReport = report;
          await timed(
            'field report',
            FIELD_REPORTS_PATH,
            {
              method: 'POST',
              headers: { ...accept, 'content-type': 'application/json' },
              body: JSON.stringify(report),
              agent,
            },
            (s) => s === 200 || s === 201,
          );
        }
        await sleep(THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min));
      }
      return held;
    } finally {
      agent.destroy();
    }
  };

  const coordinator = async () => {
    const published: FleetResult['published'] = [];
    for (
      let at = PUBLISH_EVERY_SECONDS / 2;
      at <= SECONDS - LAST_PUBLISH_BEFORE_END_SECONDS;
      at += PUBLISH_EVERY_SECONDS
    ) {
      await sleep(Math.max(0, at - elapsed()) * 1000);
      const startedAt = elapsed();
      publishing++;
      publishEvents++;
      const { number, ms } = await publishPhoneChangeWithCli(store).finally(() => {
        publishing--;
        publishEvents++;
        lastPublishEnd = performance.now();
      });
      published.push({ number, atSeconds: startedAt, ms });
      log(`  published release ${number} at ${startedAt.toFixed(1)} s (${Math.round(ms)} ms)`);
    }
    return published;
  };

  const [held, published] = await Promise.all([Promise.all(Array.from({ length: DEVICES }, device)), coordinator()]);
  loopDelay.disable();

  const storage = await openStorage({ dataDir: store.dataDir });
  let latest: number;
  let reportsStored: number;
  try {
    latest = (await storage.latestRelease(store.jurisdictionId, 'public'))?.number ?? 0;
    reportsStored = (await storage.fieldReports(store.jurisdictionId)).length;
  } finally {
    await storage.close();
  }
  if (latest !== store.latest)
    throw new Error(`the store holds release ${latest}, the CLI should have made ${store.latest}`);

  const summary = (values: number[]) =>
    values.length === 0
      ? { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, count: 0 }
      : { p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values), count: values.length };
  const kinds: FleetRequestKind[] = ['check (304)', 'check (200)', 'changes', 'field report'];
  const latency = Object.fromEntries([
    ...kinds.map((kind) => [kind, summary(latencies.get(kind) ?? [])]),
    ['all', summary(kinds.flatMap((kind) => latencies.get(kind) ?? []))],
    ...FLEET_WINDOWS.map((w) => [w, summary(latencies.get(w) ?? [])]),
  ]) as FleetResult['latency'];
  const errorList = [...errors].map(([kind, { count, example }]) => ({ kind, count, example }));
  return {
    devices: DEVICES,
    seconds: SECONDS,
    publishEverySeconds: PUBLISH_EVERY_SECONDS,
    thinkMs: THINK_MS,
    reportChance: REPORT_CHANCE,
    resendChance: RESEND_CHANCE,
    published,
    latest,
    requests: Object.fromEntries(
      kinds.map((kind) => [kind, latencies.get(kind)?.length ?? 0]),
    ) as FleetResult['requests'],
    latency,
    errors: errorList,
    errorCount: errorList.reduce((sum, e) => sum + e.count, 0),
    onLatest: held.filter((h) => h.number === latest).length,
    behind: held.filter((h) => h.number !== latest).map((h) => h.number),
    reportsStored,
    reportsSent,
    reportsResent,
    clientLoopDelayP99: loopDelay.percentile(99) / 1e6,
  };
}

/** A worker's report on a random generated provider, valid by the protocol's schema. */
function fieldReport(deviceId: string, jurisdictionId: string, releaseNumber: number): FieldReport {
  const problem = FIELD_REPORT_PROBLEMS[Math.floor(Math.random() * FIELD_REPORT_PROBLEMS.length)] ?? 'other';
  return FieldReportSchema.parse({
    id: randomUUID(),
    deviceId,
    jurisdictionId,
    providerId: `bench-proveedor-${String(1 + Math.floor(Math.random() * 1900)).padStart(5, '0')}`,
    releaseNumber,
    problem,
    details: problem === 'other' ? 'El número suena ocupado todo el día (benchmark)' : '',
    reportedAt: new Date().toISOString(),
  });
}
