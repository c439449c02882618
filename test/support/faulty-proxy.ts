import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the next API responses: pass them, cut them after some bytes, or rewrite them. */
export type Fault =
  | { kind: 'none' }
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'rewrite'; rewrite: (body: string, path: string) => string };

export interface FaultyProxy {
  url: string;
  /** Applies to responses of paths under /api/ that `matches`, until changed. */
  setFault(fault: Fault, matches?: (path: string) => boolean): void;
  /** API paths whose responses were cut or rewritten, in order. */
  readonly faulted: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the real server that misbehaves like a weak mobile link or a
 * hostile network: it drops the connection after a given byte of a response, or alters it.
 * The page talks only to the proxy, so everything the browser sees went through it.
 */
export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const upstream = new URL(target);
  let fault: Fault = { kind: 'none' };
  let matches: (path: string) => boolean = () => true;
  const faulted: string[] = [];

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const active = path.startsWith('/api/') && fault.kind !== 'none' && matches(path) ? fault : undefined;
    const headers = { ...request.headers, host: upstream.host };
    // A rewrite needs the plain text; a cut counts the bytes as they travel, compressed or not.
    if (active?.kind === 'rewrite') headers['accept-encoding'] = 'identity';
    const outgoing = forward(
      { host: upstream.hostname, port: upstream.port, method: request.method, path, headers },
      (incoming) => {
        if (!active) {
          response.writeHead(incoming.statusCode ?? 502, incoming.headers);
          incoming.pipe(response);
          return;
        }
        faulted.push(path);
        if (active.kind === 'cut') {
          response.writeHead(incoming.statusCode ?? 502, incoming.headers);
          let sent = 0;
          incoming.on('data', (chunk: Buffer) => {
            const room = active.afterBytes - sent;
            if (room > 0) response.write(chunk.subarray(0, room));
            sent += chunk.length;
            if (sent >= active.afterBytes) {
              incoming.destroy();
              response.socket?.destroy();
            }
          });
          // A response shorter than the cut arrives whole.
          incoming.on('end', () => response.end());
          return;
        }
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const body = Buffer.from(active.rewrite(Buffer.concat(chunks).toString('utf8'), path), 'utf8');
          const { 'content-length': _length, etag: _etag, ...rest } = incoming.headers;
          response.writeHead(incoming.statusCode ?? 502, { ...rest, 'content-length': body.length });
          response.end(body);
        });
      },
    );
    outgoing.on('error', () => response.socket?.destroy());
    request.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    setFault(next, filter = () => true) {
      fault = next;
      matches = filter;
    },
    faulted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
