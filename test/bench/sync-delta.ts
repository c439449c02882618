import { syncPaths } from '../../src/core/sync/protocol';
import type { CountingProxy } from './byte-counter';
import { BROWSER_ACCEPT_ENCODING, deviceAgent, exchange } from './http-exchange';
import type { WireSample } from './sync-check';
import type { SyncStore } from './sync-store';

export interface SnapshotTransfer {
  /** Bytes on the wire for GET of the full release with the browser's Accept-Encoding. */
  wire: WireSample;
  /** How the server encoded it. */
  encoding: string;
  /** The JSON, uncompressed. */
  jsonBytes: number;
}

export interface NodeUpdateResult {
  from: number;
  to: number;
  /** Manifest (200, with the held ETag) + changes. */
  update: WireSample;
  /** Per request: path, status, encoding, bytes each way. */
  steps: { path: string; status: number; encoding: string; sent: number; received: number }[];
  /** What the changes held: record keys changed and removed. */
  changed: string[];
  removed: string[];
  snapshot: SnapshotTransfer;
}

interface ChangesPayload {
  changed: { key: string }[];
  removed: string[];
}

/**
 * Figure 2, Node client: the store's latest release changed one provider's phone; a device
 * holding the release before it (and that release's manifest ETag) updates the way the
 * device engine does — the conditional manifest request (now a 200), then the changes from
 * the release it holds — on one keep-alive connection, through the counting proxy. The full
 * snapshot of the new release is fetched the same way for the ratio.
 */
export async function measureNodeUpdate(
  proxy: CountingProxy,
  store: SyncStore,
  held: { number: number; etag: string },
): Promise<NodeUpdateResult> {
  const paths = syncPaths(store.jurisdictionId, 'public');
  const headers = { 'accept-encoding': BROWSER_ACCEPT_ENCODING };
  const agent = deviceAgent();
  try {
    proxy.reset();
    const steps: NodeUpdateResult['steps'] = [];
    let before = proxy.count();
    const step = async (path: string, extra: Record<string, string> = {}) => {
      const response = await exchange(proxy.url + path, { headers: { ...headers, ...extra }, agent });
      const now = proxy.count();
      steps.push({
        path,
        status: response.status,
        encoding: String(response.headers['content-encoding'] ?? 'identity'),
        sent: now.sent - before.sent,
        received: now.received - before.received,
      });
      before = now;
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return response;
    };

    const manifest = await step(paths.manifest, { 'if-none-match': held.etag });
    const to = (JSON.parse(manifest.body.toString('utf8')) as { release: { header: { number: number } } }).release
      .header.number;
    if (to <= held.number) throw new Error(`the manifest names release ${to}, not one newer than ${held.number}`);
    const changes = await step(paths.changes(to, held.number));
    const total = proxy.count();
    const payload = JSON.parse(changes.body.toString('utf8')) as ChangesPayload;

    proxy.reset();
    const snapshot = await exchange(proxy.url + paths.snapshot(to), { headers, agent });
    if (snapshot.status !== 200) throw new Error(`the snapshot answered ${snapshot.status}`);
    const snapshotCount = proxy.count();

    return {
      from: held.number,
      to,
      update: { requests: steps.length, statuses: steps.map((s) => s.status), ...total },
      steps,
      changed: payload.changed.map((record) => record.key),
      removed: payload.removed,
      snapshot: {
        wire: { requests: 1, statuses: [snapshot.status], ...snapshotCount },
        encoding: String(snapshot.headers['content-encoding'] ?? 'identity'),
        jsonBytes: snapshot.body.length,
      },
    };
  } finally {
    agent.destroy();
  }
}
