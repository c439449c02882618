import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { syncPaths } from '../../src/core/sync/protocol';
import { type ChildServer, type RecordedResponse, recordResponse, startBareServer } from './child-server';
import { log } from './log';
import type { SyncStore } from './sync-store';

export type ThroughputMode = 'conditional' | 'unconditional';

export interface ThroughputRun {
  server: 'rutas' | 'bare';
  mode: ThroughputMode;
  /** Responses per second (mean over the run's seconds). */
  perSecond: number;
  total: number;
  latencyP50: number;
  latencyP99: number;
  /** Responses with another status than the expected one, connection errors and timeouts. */
  unexpected: number;
  errors: number;
  /** CPU seconds the server's process used per second of the run (1 = one core busy all the time). */
  serverCpu: number;
  /** The same for this process, where autocannon runs. */
  loadCpu: number;
  /** Cores busy in the whole machine meanwhile: well above serverCpu + loadCpu means other work competed. */
  machineCpu: number;
}

export interface ManifestThroughputResult {
  connections: number;
  seconds: number;
  rounds: number;
  runs: ThroughputRun[];
  /** The recorded response per mode: status and bytes of headers + body as the bare server replays them. */
  responses: Record<ThroughputMode, { status: number; bodyBytes: number; headers: string[] }>;
}

const CONNECTIONS = 100;
const SECONDS = 10;
const WARM_UP_SECONDS = 3;
const ROUNDS = 3;
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Busy and total CPU time of the whole machine so far, in ticks summed over its cores (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const values = ticks.map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

async function load(
  server: ChildServer,
  path: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<{ result: autocannon.Result; serverCpu: number; loadCpu: number; machineCpu: number }> {
  const serverBefore = cpuSecondsOf(server.pid);
  const machineBefore = machineTicks();
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({ url: server.url + path, connections: CONNECTIONS, duration: seconds, headers });
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(loadBefore);
  const machineAfter = machineTicks();
  return {
    machineCpu:
      ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * availableParallelism(),
    result,
    serverCpu: (cpuSecondsOf(server.pid) - serverBefore) / elapsed,
    loadCpu: (used.user + used.system) / 1e6 / elapsed,
  };
}

/**
 * Figure 4: manifest checks per second from autocannon (100 connections) against the real
 * server, and against a bare node:http server replaying the real server's response byte
 * for byte (same status, headers, body), in the same run. Each server runs in a process of
 * its own and autocannon in this one — on a 2-core machine each gets a core; autocannon in
 * the server's process would halve the server's share. Rounds alternate the order
 * (rutas, bare; bare, rutas), after a warm-up of each.
 */
export async function measureManifestThroughput(
  rutas: ChildServer,
  store: SyncStore,
  runDir: string,
): Promise<ManifestThroughputResult> {
  const { manifest } = syncPaths(store.jurisdictionId, 'public');
  const first = await recordResponse(rutas.url + manifest, {});
  const etag = first.headers.etag;
  if (first.status !== 200 || typeof etag !== 'string') throw new Error(`the manifest answered ${first.status}`);
  const requests: Record<ThroughputMode, { headers: Record<string, string>; status: number }> = {
    conditional: { headers: { 'if-none-match': etag }, status: 304 },
    unconditional: { headers: {}, status: 200 },
  };

  const runs: ThroughputRun[] = [];
  const responses = {} as ManifestThroughputResult['responses'];
  for (const mode of ['conditional', 'unconditional'] as const) {
    const { headers, status } = requests[mode];
    const recorded: RecordedResponse = await recordResponse(rutas.url + manifest, headers);
    if (recorded.status !== status) throw new Error(`${mode} manifest request answered ${recorded.status}`);
    responses[mode] = {
      status,
      bodyBytes: Buffer.from(recorded.body, 'base64').length,
      headers: Object.entries(recorded.headers).map(([name, value]) => `${name}: ${value}`),
    };
    const file = join(runDir, `manifest-${mode}.json`);
    writeFileSync(file, JSON.stringify(recorded));
    const bare = await startBareServer(file);
    try {
      const servers = { rutas, bare };
      for (const server of [rutas, bare]) await load(server, manifest, headers, WARM_UP_SECONDS);
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['rutas', 'bare'] as const) : (['bare', 'rutas'] as const);
        for (const name of order) {
          const { result, serverCpu, loadCpu, machineCpu } = await load(servers[name], manifest, headers, SECONDS);
          const expected = result.statusCodeStats?.[`${status}`]?.count ?? 0;
          runs.push({
            server: name,
            mode,
            perSecond: result.requests.average,
            total: result.requests.total,
            latencyP50: result.latency.p50,
            latencyP99: result.latency.p99,
            unexpected: result.requests.total - expected + result.errors,
            errors: result.errors,
            serverCpu,
            loadCpu,
            machineCpu,
          });
          log(`  ${mode} ${name}: ${Math.round(result.requests.average)} per second`);
        }
      }
    } finally {
      await bare.close();
    }
  }
  return { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, runs, responses };
}
