import { syncPaths } from '../../src/core/sync/protocol';
import type { CountingProxy } from './byte-counter';
import { BROWSER_ACCEPT_ENCODING, deviceAgent, exchange } from './http-exchange';
import type { SyncStore } from './sync-store';

/** What crossed the wire for one device action (a check, an update): every request and response, headers included. */
export interface WireSample {
  requests: number;
  /** Status of each response, in order. */
  statuses: number[];
  sent: number;
  received: number;
  /** New TCP connections the action opened (0 when it reused the device's keep-alive connection). */
  connections: number;
}

export interface NodeCheckResult {
  releaseNumber: number;
  /** The ETag the device holds and sends back. */
  etag: string;
  /** Checks on one keep-alive connection; the first one opened it. */
  samples: WireSample[];
  /** The last check's bytes as text: what the count is made of. */
  transcript: { sent: string; received: string };
}

const CHECKS = 10;

/**
 * Figure 1, Node client: a device that holds the latest release (its ETag taken from a first
 * 200) checks for updates — one conditional GET of the manifest with If-None-Match — through
 * the counting proxy, CHECKS times on one keep-alive connection. Headers: those node:http
 * always sends (Host, Connection) and what the protocol needs (If-None-Match, Accept-Encoding
 * as a browser sends it); Chromium's own, heavier headers are measured in sync-browser.ts.
 */
export async function measureNodeCheck(proxy: CountingProxy, store: SyncStore): Promise<NodeCheckResult> {
  const { manifest } = syncPaths(store.jurisdictionId, 'public');
  const headers = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };
  const first = await exchange(proxy.url + manifest, { headers });
  const etag = first.headers.etag;
  if (first.status !== 200 || !etag) throw new Error(`the manifest answered ${first.status} without an ETag`);
  const releaseNumber = (JSON.parse(first.body.toString('utf8')) as { release: { header: { number: number } } }).release
    .header.number;

  const agent = deviceAgent();
  const samples: WireSample[] = [];
  let transcript = { sent: '', received: '' };
  try {
    for (let i = 0; i < CHECKS; i++) {
      proxy.reset();
      const check = await exchange(proxy.url + manifest, { headers: { ...headers, 'if-none-match': etag }, agent });
      const count = proxy.count();
      samples.push({ requests: 1, statuses: [check.status], ...count });
      transcript = proxy.transcript();
    }
  } finally {
    agent.destroy();
  }
  return { releaseNumber, etag, samples, transcript };
}
