/**
 * The baseline of the manifest-throughput benchmark: a bare node:http server answering every
 * request with one recorded response — same status, headers and body as the real server's —
 * in a process of its own, like the real server. Argument: <response.json> (RecordedResponse).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedResponse } from '../child-server';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: bare-server.ts <response.json>');
const recorded = JSON.parse(readFileSync(file, 'utf8')) as RecordedResponse;
const body = Buffer.from(recorded.body, 'base64');

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(recorded.status, recorded.headers);
  response.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
