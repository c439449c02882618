import type { RutasDatabase } from '../db/database';
import { SyncEngine } from './engine';
import { registerSyncEngine } from './registry';

/** Starts syncing in the browser (loaded with a dynamic import after the first screen). */
export function startSync(db: RutasDatabase, ready?: Promise<unknown>): SyncEngine {
  const engine = new SyncEngine(db, { ready });
  registerSyncEngine(engine);
  engine.start();
  // Background Sync, where the browser has it, is only an extra trigger: the page flushes on its own.
  return engine;
}
