import { mkdir, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Handbook } from '../../../../src/core/handbook/schema';
import type { ReleaseVariant } from '../../../../src/core/release/records';
import type { ReleaseSnapshot } from '../../../../src/core/sync/protocol';
import { LATEST_RELEASE_TTL_MS } from '../../../../src/server/api/latest-releases';
import { buildServer, type ServerOptions } from '../../../../src/server/app';
import { publishHandbook } from '../../../../src/server/publishing/publish';
import { ensureSigningKey } from '../../../../src/server/publishing/signing-key';
import { releaseSnapshot } from '../../../../src/server/publishing/snapshots';
import { openStorage } from '../../../../src/server/storage/open';
import type { Storage } from '../../../../src/server/storage/types';
import { removeTemporaryDirectory, temporaryDirectory } from '../../support/handbook-folder';

const PUBLISHED_AT = new Date('2026-11-01T00:00:00Z');

/** The server's store (real SQLite in a temporary folder), publishing as `rutas publish` does. */
export interface ReleaseStore {
  storage: Storage;
  /** The store's Ed25519 public key, as an app build pins it. */
  publicKey: string;
  /** Publishes the handbook as its jurisdiction's next release (both variants) and returns its number. */
  publish(handbook: Handbook, at?: Date): Promise<number>;
  snapshot(jurisdictionId: string, variant: ReleaseVariant, number: number): Promise<ReleaseSnapshot>;
  close(): Promise<void>;
}

/** Opens a fresh store; `sameKeyAs` makes it sign with another store's key (another server, same key). */
export async function openReleaseStore(sameKeyAs?: ReleaseStore): Promise<ReleaseStore> {
  const dataDir = await temporaryDirectory('rutas-device-store-');
  const storage = await openStorage({ dataDir });
  const key = sameKeyAs
    ? await storage.saveSigningKey(await ensureSigningKey(sameKeyAs.storage))
    : await ensureSigningKey(storage);
  let closed: Promise<void> | undefined;
  return {
    storage,
    publicKey: key.publicKey,
    async publish(handbook, at = PUBLISHED_AT) {
      const outcome = await publishHandbook(storage, handbook, at);
      if (outcome.status !== 'created') throw new Error(`Release ${outcome.number} already holds this content`);
      return outcome.number;
    },
    async snapshot(jurisdictionId, variant, number) {
      const snapshot = await releaseSnapshot(storage, jurisdictionId, number, variant);
      if (!snapshot) throw new Error(`No release ${number} (${variant}) of ${jurisdictionId}`);
      return snapshot;
    },
    close() {
      closed ??= storage.close().then(() => removeTemporaryDirectory(dataDir));
      return closed;
    },
  };
}

/** Another store's public key: what a device pinning the wrong key holds. */
export async function anotherPublicKey(): Promise<string> {
  const other = await openReleaseStore();
  await other.close();
  return other.publicKey;
}

export interface ServedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  store: ReleaseStore;
  /** Every request the server received, in order. */
  readonly requests: ServedRequest[];
  /**
   * Publishes a release and resolves once the server serves it: the server keeps its view
   * of the latest releases for LATEST_RELEASE_TTL_MS, so a check right after a publish may
   * still be told about the previous release.
   */
  publish(handbook: Handbook, at?: Date): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real sync server (Fastify, real SQLite store) listening on 127.0.0.1 on a free port;
 * `options` go to the server (anonymous aggregates, its clock, its limits per address).
 */
export async function startRealServer(
  store: ReleaseStore,
  options: Pick<ServerOptions, 'aggregates' | 'now' | 'throttles'> = {},
): Promise<RunningServer> {
  const appDir = await temporaryDirectory('rutas-device-app-');
  await mkdir(appDir, { recursive: true });
  await writeFile(join(appDir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
  const app = await buildServer({ appDir, storage: store.storage, ...options });
  const requests: ServedRequest[] = [];
  let lastAnsweredAt = Number.NEGATIVE_INFINITY;
  app.addHook('onRequest', async (request) => {
    requests.push({ method: request.method, path: request.url.split('?', 1)[0] as string, headers: request.headers });
  });
  app.addHook('onResponse', async () => {
    lastAnsweredAt = performance.now();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    store,
    requests,
    async publish(handbook, at) {
      const number = await store.publish(handbook, at);
      // Whatever the server cached was loaded before its last answer; a margin covers timer granularity.
      const wait = lastAnsweredAt + LATEST_RELEASE_TTL_MS + 5 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return number;
    },
    close() {
      closed ??= app.close().then(() => removeTemporaryDirectory(appDir));
      return closed;
    },
  };
}

/**
 * The snapshots of successive releases of the given editions, published from a fresh store
 * (so numbered from 1) that signs with `signer`'s key.
 */
export async function publishedSnapshots(
  signer: ReleaseStore,
  editions: Handbook[],
  variant: ReleaseVariant = 'public',
  publishedAt?: Date,
): Promise<ReleaseSnapshot[]> {
  const store = await openReleaseStore(signer);
  try {
    const snapshots: ReleaseSnapshot[] = [];
    for (const edition of editions) {
      const number = await store.publish(edition, publishedAt);
      snapshots.push(await store.snapshot(edition.jurisdiction.id, variant, number));
    }
    return snapshots;
  } finally {
    await store.close();
  }
}
