import { createConnection, createServer, type Socket } from 'node:net';

export interface WireCount {
  /** Bytes from the client to the server: request lines, headers and bodies. */
  sent: number;
  /** Bytes from the server to the client: status lines, headers and bodies as sent (compressed or not). */
  received: number;
  /** TCP connections the client opened. */
  connections: number;
}

export interface CountingProxy {
  /** http://127.0.0.1:<port>: point the client here instead of at the server. */
  url: string;
  /** Starts counting from zero. */
  reset(): void;
  count(): WireCount;
  /** The first bytes sent each way since the last reset (up to 4 KB each), as text: what the count is made of. */
  transcript(): { sent: string; received: string };
  close(): Promise<void>;
}

const TRANSCRIPT_BYTES = 4096;

/**
 * A TCP relay in front of a server that counts the bytes crossing it in each direction: the
 * HTTP messages exactly as they travel on the wire, headers included, whatever the client
 * (Node, Chromium). TCP/IP framing and TLS are not counted (loopback, plain HTTP).
 */
export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  let count: WireCount = { sent: 0, received: 0, connections: 0 };
  let kept = { sent: [] as Buffer[], received: [] as Buffer[] };
  const keep = (into: Buffer[], chunk: Buffer) => {
    const held = into.reduce((sum, c) => sum + c.length, 0);
    if (held < TRANSCRIPT_BYTES) into.push(chunk.subarray(0, TRANSCRIPT_BYTES - held));
  };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    count.connections++;
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      count.sent += chunk.length;
      keep(kept.sent, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      count.received += chunk.length;
      keep(kept.received, chunk);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the counting proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    reset: () => {
      count = { sent: 0, received: 0, connections: 0 };
      kept = { sent: [], received: [] };
    },
    count: () => ({ ...count }),
    transcript: () => ({
      sent: Buffer.concat(kept.sent).toString('latin1'),
      received: Buffer.concat(kept.received).toString('latin1'),
    }),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
