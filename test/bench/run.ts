/**
 * `npm run bench`: builds the app and its baselines, measures the three figures of the
 * performance issue in real Chromium and (re)writes BENCHMARKS.md — figure 1 in
 * bundle-size.ts, 2 in cold-start.ts, 3 in directory-search.ts; report.ts lays them out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app-build';
import { writeBenchRoutesData } from './bench-data';
import { analyseBuild } from './bundle-size';
import { measureColdStart } from './cold-start';
import { measureDirectorySearch } from './directory-search';
import { buildHelloApp } from './hello-app';
import { log } from './log';
import { describeMachine } from './machine';
import { formatMarkdown, renderReport } from './report';
import { serveBuild } from './serve';
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

  const appServer = await serveBuild(appBuild.outDir);
  cleanup.add('stop the app server', () => appServer.close());
  const helloServer = await serveBuild(helloDist);
  cleanup.add('stop the hello server', () => helloServer.close());
  const benchServer = await serveBuild(benchBuild.outDir);
  cleanup.add('stop the bench-5000 server', () => benchServer.close());

  log(`offline cold start: ${COLD_START_SAMPLES} samples each, interleaved`);
  const coldStart = await measureColdStart(
    { url: appServer.url, path: '/j/hn-ocotepeque' },
    { url: helloServer.url, path: '/j/hn-ocotepeque' },
    { samples: COLD_START_SAMPLES, cleanup },
  );
  log('directory search over 5,000 providers');
  const search = await measureDirectorySearch(benchServer.url, cleanup);
  machine.chromium = coldStart.chromium;
  machine.loadAverage.end = loadavg()[0];

  const report = renderReport({
    startedAt,
    finishedAt: new Date(),
    machine,
    versions: Object.fromEntries(
      ['vite', 'react', 'react-dom', 'vite-plugin-pwa', 'playwright-core'].map((name) => [name, packageVersion(name)]),
    ),
    benchBuild,
    app,
    hello,
    coldStart,
    search,
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
