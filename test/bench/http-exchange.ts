import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as received (compressed when the server compressed it). */
  wireBody: Buffer;
  /** The body decoded (gzip / br undone). */
  body: Buffer;
  ms: number;
}

/** What a browser's fetch announces it can decode; the sync benchmarks send it so the server compresses as for a phone. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === undefined || encoding === 'identity') return body;
  throw new Error(`the server answered with an encoding the benchmark cannot decode: ${encoding}`);
}

/** One keep-alive connection, like one phone's: requests reuse it one after the other. */
export function deviceAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

/** A request with node:http, body read whole and decoded. */
export function exchange(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
    agent,
  }: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {},
): Promise<Exchange> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, ...(agent && { agent }) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        try {
          const wireBody = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            wireBody,
            body: decode(wireBody, response.headers['content-encoding']),
            ms: performance.now() - started,
          });
        } catch (error) {
          reject(error);
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
