/**
 * Injected into a blank page of the sync server's origin: drives the device's own sync code
 * (src/app/sync: installSnapshot, syncJurisdiction) on databases of its own, so the sync
 * benchmarks measure what a phone runs — the check and the update on the wire, and the time
 * to verify and install a full release — without the app's UI or service worker around it.
 */
import Dexie from 'dexie';
import { RutasDatabase } from '../../../src/app/db/database';
import { connect } from '../../../src/app/sync/connection';
import { installSnapshot } from '../../../src/app/sync/install';
import { type SyncOutcome, syncJurisdiction } from '../../../src/app/sync/sync-jurisdiction';
import type { RecordChange } from '../../../src/core/release/changes';
import { type Expected, verifySnapshot } from '../../../src/core/sync/verify';

export interface ApplyTiming {
  /** JSON.parse of the snapshot's text (what response.json() does). */
  parseMs: number;
  /** installSnapshot: signature and state-hash verification, then the one Dexie transaction. */
  installMs: number;
  records: number;
}

export interface SyncProbe {
  /** Fetches a release file once and keeps its text; returns its length in characters. */
  load(path: string): Promise<number>;
  /** A device holding the release at `path` (loaded), with the manifest ETag that names it. */
  hold(database: string, path: string, expected: Expected, etag: string): Promise<number>;
  /** One run of the device's sync of a jurisdiction, as the engine does it; and what it shows as changed. */
  sync(
    database: string,
    jurisdictionId: string,
    publicKey: string,
  ): Promise<{ outcome: SyncOutcome; whatChanged: RecordChange[] | undefined }>;
  /** Installs the release at `path` (loaded) into a new, empty database, timed; the database is deleted after. */
  timeApply(database: string, path: string, expected: Expected): Promise<ApplyTiming>;
  /** verifySnapshot alone on the release at `path` (loaded), in milliseconds. */
  timeVerify(path: string, expected: Expected): Promise<number>;
  remove(database: string): Promise<void>;
}

declare global {
  interface Window {
    __rutasSyncProbe?: SyncProbe;
  }
}

const texts = new Map<string, string>();

function loaded(path: string): string {
  const text = texts.get(path);
  if (text === undefined) throw new Error(`load(${path}) first`);
  return text;
}

window.__rutasSyncProbe = {
  async load(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const text = await response.text();
    texts.set(path, text);
    return text.length;
  },

  async hold(database, path, expected, etag) {
    const db = new RutasDatabase(database);
    try {
      const installed = await installSnapshot(db, JSON.parse(loaded(path)), expected, {
        etag: { variant: expected.variant, value: etag },
      });
      return installed.number;
    } finally {
      db.close();
    }
  },

  async sync(database, jurisdictionId, publicKey) {
    const db = new RutasDatabase(database);
    try {
      const outcome = await syncJurisdiction(db, jurisdictionId, connect({ origin: location.origin, publicKey }));
      const state = await db.syncStates.get(jurisdictionId);
      return { outcome, whatChanged: state?.whatChanged?.changes };
    } finally {
      db.close();
    }
  },

  async timeApply(database, path, expected) {
    await Dexie.delete(database);
    const db = new RutasDatabase(database);
    await db.open();
    try {
      const text = loaded(path);
      const parseStart = performance.now();
      const payload = JSON.parse(text) as { records: unknown[] };
      const installStart = performance.now();
      await installSnapshot(db, payload, expected);
      const installEnd = performance.now();
      return {
        parseMs: installStart - parseStart,
        installMs: installEnd - installStart,
        records: payload.records.length,
      };
    } finally {
      db.close();
      await Dexie.delete(database);
    }
  },

  async timeVerify(path, expected) {
    const payload = JSON.parse(loaded(path)) as unknown;
    const start = performance.now();
    await verifySnapshot(payload, expected);
    return performance.now() - start;
  },

  async remove(database) {
    await Dexie.delete(database);
  },
};
