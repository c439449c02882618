import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_ROOT,
  ReleaseChangesSchema,
  ReleaseManifestSchema,
  ReleaseSnapshotSchema,
  syncPaths,
} from '../../../../src/core/sync/protocol';
import { verifyChanges, verifySnapshot } from '../../../../src/core/sync/verify';
import { LATEST_RELEASE_TTL_MS } from '../../../../src/server/api/latest-releases';
import { type ApiFixture, JURISDICTION, RESTRICTED_PROVIDER, secondReleaseInput, startApi } from './api-fixture';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const publicPaths = syncPaths(JURISDICTION, 'public');
const enrolledPaths = syncPaths(JURISDICTION, 'enrolled');

let api: ApiFixture;
beforeEach(async () => {
  api = await startApi();
});
afterEach(async () => {
  await api.close();
});

const get = (url: string, headers: Record<string, string> = {}) => api.server.inject({ method: 'GET', url, headers });
const expected = (variant: 'public' | 'enrolled' = 'public') => ({
  jurisdictionId: JURISDICTION,
  variant,
  publicKey: api.publicKey,
});

describe('the no-change check', () => {
  it('is one conditional request: the release the device holds is answered 304 with no body', async () => {
    const first = await get(publicPaths.manifest);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(ReleaseManifestSchema.parse(first.json()).release.header.number).toBe(1);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"public-1-[0-9a-f]{16}"$/);

    const again = await get(publicPaths.manifest, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
  });

  it('costs less than 1 KB on the wire, status line and headers included', async () => {
    const response = await get(publicPaths.manifest, { 'accept-encoding': 'gzip, br' });
    const headers = Object.entries(response.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const bytes = Buffer.byteLength(`HTTP/1.1 200 OK\r\n${headers}\r\n`) + response.rawPayload.length;
    expect(bytes).toBeLessThanOrEqual(1024);
  });

  it('serves a release another process publishes into the same store, without a restart, within the cache bound', async () => {
    const before = await get(publicPaths.manifest);
    await api.publishElsewhere(secondReleaseInput());
    const publishedAt = performance.now();
    let response = await get(publicPaths.manifest, { 'if-none-match': before.headers.etag as string });
    while (response.statusCode === 304 && performance.now() - publishedAt < LATEST_RELEASE_TTL_MS + 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await get(publicPaths.manifest, { 'if-none-match': before.headers.etag as string });
    }
    expect(performance.now() - publishedAt).toBeLessThanOrEqual(LATEST_RELEASE_TTL_MS + 250);
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).not.toBe(before.headers.etag);
    expect(ReleaseManifestSchema.parse(response.json()).release.header.number).toBe(2);
  });

  it('answers 404 with a message for a jurisdiction the server does not publish', async () => {
    const response = await get(syncPaths('gt-nowhere', 'public').manifest);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: expect.stringContaining('gt-nowhere') });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('releases and changes', () => {
  it('a snapshot verifies against the store signing key, and is cached for good with a validator', async () => {
    const response = await get(publicPaths.snapshot(1));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    const verified = await verifySnapshot(response.json(), expected());
    expect(verified.release.header.number).toBe(1);
    expect(verified.records.map((record) => record.key)).toEqual(
      [...verified.records.map((record) => record.key)].sort(),
    );

    const again = await get(publicPaths.snapshot(1), { 'if-none-match': response.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('the changes from 1 to 2 carry exactly the changed provider and the removed one, and verify on release 1', async () => {
    const one = await verifySnapshot((await get(publicPaths.snapshot(1))).json(), expected());
    await api.publishElsewhere(secondReleaseInput());

    const response = await get(publicPaths.changes(2, 1));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    const changes = ReleaseChangesSchema.parse(response.json());
    expect(changes.changed.map((record) => record.key)).toEqual(['provider/caminos']);
    expect(changes.removed).toEqual(['provider/consulado-guatemala']);
    expect(changes.from).toEqual({ number: 1, stateHash: one.release.header.stateHash });

    const held = { number: 1, stateHash: one.release.header.stateHash, recordHashes: one.recordHashes };
    const verified = await verifyChanges(response.json(), held, expected());
    expect(verified.release.header.number).toBe(2);
    const two = await verifySnapshot((await get(publicPaths.snapshot(2))).json(), expected());
    expect(verified.recordHashes).toEqual(two.recordHashes);
  });

  it('refuses changes that do not go forward, and numbers that are not whole numbers, with 400', async () => {
    await api.publishElsewhere(secondReleaseInput());
    const base = publicPaths.manifest.replace(/\/manifest$/, '');
    for (const url of [
      publicPaths.changes(1, 1),
      publicPaths.changes(1, 2),
      `${base}/releases/2/changes/x`,
      `${base}/releases/1.5`,
      `${base}/releases/0`,
      `${base}/releases/-1`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: expect.any(String) }] });
    }
  });

  it('answers 404 for releases that do not exist', async () => {
    await api.publishElsewhere(secondReleaseInput());
    for (const url of [publicPaths.snapshot(9), publicPaths.changes(9, 1), publicPaths.changes(3, 2)]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error).toBe('not_found');
    }
  });

  it('compresses releases for a weak link: gzip or brotli, as the device accepts', async () => {
    const plain = await get(publicPaths.snapshot(1));
    const gzipped = await get(publicPaths.snapshot(1), { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString())).toEqual(plain.json());
    expect(gzipped.headers.etag).toBe(plain.headers.etag);

    const brotli = await get(publicPaths.snapshot(1), { 'accept-encoding': 'br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString())).toEqual(plain.json());
  });
});

describe('restricted providers', () => {
  it('are in no public answer, and only in the enrolled variant of the enrolled device', async () => {
    await api.publishElsewhere(secondReleaseInput());
    const publicUrls = [
      `${API_ROOT}/jurisdictions`,
      publicPaths.manifest,
      publicPaths.snapshot(1),
      publicPaths.snapshot(2),
      publicPaths.changes(2, 1),
    ];
    for (const url of publicUrls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain(RESTRICTED_PROVIDER);
      expect(response.body, url).not.toContain('Casa Refugio Escondida');
      expect(response.body, url).not.toContain('33572814');
    }
    const snapshot = ReleaseSnapshotSchema.parse((await get(publicPaths.snapshot(2))).json());
    expect(snapshot.records.map((record) => record.key)).not.toContain(`provider/${RESTRICTED_PROVIDER}`);

    const { deviceToken } = await api.enrol(JURISDICTION);
    const authorization = `Bearer ${deviceToken}`;
    const enrolled = await get(enrolledPaths.snapshot(2), { authorization });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.headers['cache-control']).toBe('private, no-store');
    const verified = await verifySnapshot(enrolled.json(), expected('enrolled'));
    expect(verified.records.map((record) => record.key)).toContain(`provider/${RESTRICTED_PROVIDER}`);

    const changes = ReleaseChangesSchema.parse((await get(enrolledPaths.changes(2, 1), { authorization })).json());
    expect(changes.changed.map((record) => record.key)).toEqual([
      'provider/caminos',
      `provider/${RESTRICTED_PROVIDER}`,
    ]);
  });

  it('the enrolled manifest is never stored by a cache, and records which release the device last asked about', async () => {
    const { deviceId, deviceToken } = await api.enrol(JURISDICTION);
    const response = await get(enrolledPaths.manifest, { authorization: `Bearer ${deviceToken}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.etag).toMatch(/^"enrolled-1-/);
    const device = (await api.storage.devices(JURISDICTION)).find((candidate) => candidate.id === deviceId);
    expect(device).toMatchObject({ releaseNumber: 1, lastSeenAt: expect.any(String) });
  });
});

describe('the jurisdiction list', () => {
  it('lists every jurisdiction with a public release, by id', async () => {
    const response = await get(`${API_ROOT}/jurisdictions`);
    expect(response.json()).toEqual([
      expect.objectContaining({ id: 'hn-otra', latestRelease: 1, country: 'HN' }),
      expect.objectContaining({
        id: JURISDICTION,
        latestRelease: 1,
        name: expect.objectContaining({ es: expect.any(String) }),
      }),
    ]);
  });
});
