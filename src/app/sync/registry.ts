import { useSyncExternalStore } from 'react';
import type { SyncOutcome } from './sync-jurisdiction';

/** What the screens show of the engine: whether it is checking, and how the last run ended. */
export interface SyncStatus {
  running: boolean;
  /** The outcome of the latest check of each jurisdiction in this session. */
  outcomes: Record<string, SyncOutcome>;
}

/** What screens may ask of the sync engine (kept apart from it so the engine loads after the first screen). */
export interface SyncControls {
  /** Checks every jurisdiction and flushes the outbox; joins a run already in progress. */
  syncNow(): Promise<unknown>;
  /** Checks one jurisdiction now (after enrolling or leaving). */
  syncJurisdiction(jurisdictionId: string): Promise<SyncOutcome>;
  /** Sends waiting field reports now. */
  flushOutbox(): Promise<unknown>;
  /**
   * Starts no new request from now on and settles when the work under way has finished: a
   * request that reaches the service worker while it is being replaced parks the new version.
   */
  pause(): Promise<void>;
  status(): SyncStatus;
  subscribe(listener: () => void): () => void;
}

let engine: SyncControls | undefined;
const listeners = new Set<() => void>();

/** Called once the engine has loaded; `undefined` unregisters it (tests). */
export function registerSyncEngine(controls: SyncControls | undefined): void {
  engine = controls;
  for (const listener of listeners) listener();
}

function subscribeToRegistry(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The sync engine, or undefined until it has loaded (or when the device database is unavailable). */
export function useSyncEngine(): SyncControls | undefined {
  return useSyncExternalStore(
    subscribeToRegistry,
    () => engine,
    () => engine,
  );
}

const IDLE: SyncStatus = { running: false, outcomes: {} };
const noSubscription = () => () => undefined;

export function useSyncStatus(): SyncStatus {
  const controls = useSyncEngine();
  return useSyncExternalStore(
    controls ? (listener) => controls.subscribe(listener) : noSubscription,
    () => controls?.status() ?? IDLE,
    () => controls?.status() ?? IDLE,
  );
}
