/**
 * `npm run bench`: builds the app and its baselines, measures the figures of the performance
 * issue and of the sync issue and (re)writes BENCHMARKS.md — figure 1 in bundle-size.ts, 2 in
 * cold-start.ts, 3 in directory-search.ts; the sync figures 4 (no-change check) in
 * sync-check.ts and sync-browser.ts, 5 (one provider changed) in sync-delta.ts and
 * sync-browser.ts, 6 (applying a full release) in sync-browser.ts, 7 (manifest checks per
 * second) in manifest-throughput.ts, 8 (200 devices) in device-fleet.ts; report.ts and
 * sync-report.ts lay them out; figure 10 (route computation, issue 5) is measured and laid
 * out in route-engine.ts; figure 9 (PIN unlock, issue 5) in pin-unlock.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LATEST_RELEASE_TTL_MS } from '../../src/server/api/latest-releases';
import { buildApp } from './app-build';
import { writeBenchRoutesData } from './bench-data';
import { analyseBuild } from './bundle-size';
import { startCountingProxy } from './byte-counter';
import { startRutasServer } from './child-server';
import { measureColdStart } from './cold-start';
import { measureDeviceFleet } from './device-fleet';
import { measureDirectorySearch } from './directory-search';
import { buildHelloApp } from './hello-app';
import { log } from './log';
import { describeMachine } from './machine';
import { measureManifestThroughput } from './manifest-throughput';
import { measurePinUnlock } from './pin-unlock';
import { formatMarkdown, renderReport } from './report';
import { measureRouteEngine, ROUTE_BENCH } from './route-engine';
import { serveBuild } from './serve';
import { measureBrowserSync } from './sync-browser';
import { measureNodeCheck } from './sync-check';
import { measureNodeUpdate } from './sync-delta';
import { createSyncStore, publishPhoneChange } from './sync-store';
import { Cleanup, makeRunDir, PROJECT_ROOT, removeDir } from './workspace';

const COLD_START_SAMPLES = 20;

function packageVersion(name: string): string {
  const require = createRequire(join(PROJECT_ROOT, 'package.json'));
  const manifest = require.resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function main(cleanup: Cleanup): Promise<void> {
  const startedAt = new Date();
  process.chdir(PROJECT_ROOT);
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const machine = describeMachine();
  const runDir = makeRunDir();
  cleanup.add(`remove ${runDir}`, () => removeDir(runDir));

  // In this process and CPU-bound: measured first, before builds, servers and browsers start.
  log(`route computation: ${ROUTE_BENCH.steps}-step route × ${ROUTE_BENCH.providers} providers`);
  const routeEngine = measureRouteEngine();

  log('building the app (project vite.config.ts)');
  const appBuild = await buildApp(join(runDir, 'app'));
  log('building the bare Vite + React hello PWA');
  const helloDist = await buildHelloApp(join(runDir, 'hello'));
  const app = analyseBuild(appBuild.outDir);
  const hello = analyseBuild(helloDist);
  log(`critical path: app ${app.critical.total.gzip} B gzip, hello ${hello.critical.total.gzip} B gzip`);

  log('generating the 5,000-provider handbook and building the app with it');
  const routesData = join(runDir, 'routes-data');
  const generated = writeBenchRoutesData(PROJECT_ROOT, routesData);
  const benchBuild = await buildApp(join(runDir, 'bench-5000'), { routesData, tolerateOversizedPrecache: true });
  for (const { file, size } of benchBuild.notPrecached) log(`not precached (too big): ${file}, ${size}`);
  log(`${generated.providers} public providers in ${generated.folder}`);

  const appServer = await serveBuild(appBuild.outDir, appBuild.dataDir);
  cleanup.add('stop the app server', () => appServer.close());
  // The hello PWA has no handbooks; the server still wants a store: an empty one.
  const helloServer = await serveBuild(helloDist, join(runDir, 'hello-store'));
  cleanup.add('stop the hello server', () => helloServer.close());
  const benchServer = await serveBuild(benchBuild.outDir, benchBuild.dataDir);
  cleanup.add('stop the bench-5000 server', () => benchServer.close());

  log(`offline cold start: ${COLD_START_SAMPLES} samples each, interleaved`);
  const coldStart = await measureColdStart(
    { url: appServer.url, path: '/j/hn-ocotepeque' },
    { url: helloServer.url, path: '/j/hn-ocotepeque' },
    { samples: COLD_START_SAMPLES, cleanup },
  );
  log('directory search over 5,000 providers');
  const search = await measureDirectorySearch(benchServer.url, cleanup);
  log('PIN unlock in Chromium, full speed and 4× CPU');
  const pinUnlock = await measurePinUnlock(appServer.url, cleanup);

  log('sync: publishing the generated 2,000-provider jurisdiction into a fresh store (release 1)');
  const store = await createSyncStore(runDir);
  const syncServer = await startRutasServer(appBuild.outDir, store.dataDir);
  cleanup.add('stop the sync server', () => syncServer.close());
  const proxy = await startCountingProxy({ host: '127.0.0.1', port: syncServer.port });
  cleanup.add('stop the counting proxy', () => proxy.close());
  log('no-change check (node:http)');
  const nodeCheck = await measureNodeCheck(proxy, store);
  const held = { number: nodeCheck.releaseNumber, etag: nodeCheck.etag };
  log(`publishing release ${held.number + 1}: one provider's phone changed`);
  await publishPhoneChange(store);
  // The running server serves a release published by another process within its cache's lifetime.
  await sleep(LATEST_RELEASE_TTL_MS + 250);
  log('update after one change (node:http)');
  const nodeUpdate = await measureNodeUpdate(proxy, store, held);
  log('device sync in Chromium: update, no-change checks, full release applied');
  const browserSync = await measureBrowserSync(proxy, store, held, cleanup);
  log('manifest checks per second (autocannon, 100 connections)');
  const throughput = await measureManifestThroughput(syncServer, store, runDir);
  log('200 simulated devices for 60 s, a release published every 10 s');
  const fleet = await measureDeviceFleet(syncServer, store);

  machine.chromium = coldStart.chromium;
  machine.loadAverage.end = loadavg()[0];

  const report = renderReport({
    startedAt,
    finishedAt: new Date(),
    machine,
    versions: Object.fromEntries(
      [
        'vite',
        'react',
        'react-dom',
        'vite-plugin-pwa',
        'playwright-core',
        'fastify',
        'better-sqlite3',
        'dexie',
        'autocannon',
      ].map((name) => [name, packageVersion(name)]),
    ),
    benchBuild,
    app,
    hello,
    coldStart,
    search,
    pinUnlock,
    routeEngine,
    sync: {
      jurisdictionId: store.jurisdictionId,
      providers: store.providers,
      nodeCheck,
      nodeUpdate,
      browser: browserSync,
      throughput,
      fleet,
    },
  });
  const reportFile = join(PROJECT_ROOT, 'BENCHMARKS.md');
  writeFileSync(reportFile, report);
  formatMarkdown(reportFile);
  const summary = report.slice(report.indexOf('## Summary'), report.indexOf('## 1.'));
  console.log(`\n${summary}`);
  log('wrote BENCHMARKS.md');
}

const cleanup = new Cleanup();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: cleaning up`);
    void cleanup.run().finally(() => process.exit(130));
  });
}

try {
  await main(cleanup);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
