import { type ChildProcess, fork } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { withTimeout } from './log';
import { BENCH_DIR } from './workspace';

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid: number;
  close(): Promise<void>;
}

/** Runs test/bench/processes/<script> (TypeScript, through tsx) and waits for the port it listens on. */
async function startChild(script: string, args: string[]): Promise<ChildServer> {
  const child: ChildProcess = fork(join(BENCH_DIR, 'processes', script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
      child.once('error', reject);
    }),
    60_000,
    `${script} start`,
  );
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      });
      return closing;
    },
  };
}

/** The project's real server (buildServer over openStorage) in its own process. */
export function startRutasServer(appDir: string, dataDir: string): Promise<ChildServer> {
  return startChild('rutas-server.ts', [appDir, dataDir]);
}

/** A bare node:http server that answers every request with `responseFile` (a RecordedResponse), in its own process. */
export function startBareServer(responseFile: string): Promise<ChildServer> {
  return startChild('bare-server.ts', [responseFile]);
}

/** A response as the bare baseline server replays it. */
export interface RecordedResponse {
  status: number;
  /** Every header but those node:http writes itself on each response (Date, Connection, Keep-Alive). */
  headers: Record<string, string | string[]>;
  /** Base64. */
  body: string;
}

const WRITTEN_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** One response of a server, recorded so that the bare server can send the same bytes. */
export function recordResponse(url: string, headers: Record<string, string>): Promise<RecordedResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const kept: RecordedResponse['headers'] = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !WRITTEN_BY_NODE.has(name)) kept[name] = value;
        }
        resolve({ status: response.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks).toString('base64') });
      });
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
