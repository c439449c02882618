import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIELD_REPORTS_PATH } from '../../../../src/core/sync/protocol';
import { publishHandbook } from '../../../../src/server/publishing/publish';
import { openStorage } from '../../../../src/server/storage/open';
import { sampleHandbook } from '../../support/handbook-fixture';
import { removeTemporaryDirectory, temporaryDirectory } from '../../support/handbook-folder';
import { JURISDICTION, SHELL } from './api-fixture';

let root: string | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (root) await removeTemporaryDirectory(root);
});

/** Starts the server in its own process and resolves with its port once it listens; logs are JSON lines. */
async function startServerProcess(): Promise<{ port: number; logs: string[]; exited: Promise<number | null> }> {
  root = await temporaryDirectory('rutas-shutdown-');
  const appDir = join(root, 'app');
  const dataDir = join(root, 'data');
  await mkdir(appDir);
  await writeFile(join(appDir, 'index.html'), SHELL);
  const storage = await openStorage({ dataDir });
  await publishHandbook(storage, sampleHandbook());
  await storage.close();

  const started = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(__dirname, 'run-server-child.ts'), appDir, dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child = started;
  const logs: string[] = [];
  const exited = new Promise<number | null>((done) => started.once('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    let buffered = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const entry = JSON.parse(line) as { msg: string; port?: number };
        if (entry.msg.startsWith('Rutas is running') && entry.port) done(entry.port);
      }
    });
    started.once('exit', () => fail(new Error(`the server exited before listening:\n${logs.join('\n')}`)));
  });
  return { port, logs, exited };
}

describe('stopping the server', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
    const { port, logs, exited } = await startServerProcess();
    const report = JSON.stringify({
      id: crypto.randomUUID(),
      deviceId: crypto.randomUUID(),
      jurisdictionId: JURISDICTION,
      providerId: 'caminos',
      releaseNumber: 1,
      problem: 'closed',
      details: '',
      reportedAt: '2025-02-01T09:30:00.000Z',
    });

    // A field report half-sent when the stop signal comes: headers and part of the body.
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((done) => socket.once('connect', () => done()));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.write(
      `POST ${FIELD_REPORTS_PATH} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(report)}\r\nConnection: close\r\n\r\n${report.slice(0, 20)}`,
    );
    await new Promise((done) => setTimeout(done, 200));

    child?.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 300));
    const refused = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);

    socket.end(report.slice(20));
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(await exited).toBe(0);
    expect(logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  }, 30_000);
});
