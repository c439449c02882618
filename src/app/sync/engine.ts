import type { RutasDatabase } from '../db/database';
import { type AggregatesFlush, flushAggregates } from './aggregates';
import { type Connection, connect, type SyncOptions } from './connection';
import { fetchReportOutcomes, flushOutbox, type OutboxFlush } from './outbox';
import type { SyncControls, SyncStatus } from './registry';
import { type SyncOutcome, syncJurisdiction } from './sync-jurisdiction';

export const PERIODIC_CHECK_MS = 15 * 60 * 1000;

export interface SyncRun {
  outcomes: SyncOutcome[];
  outbox: OutboxFlush;
  aggregates: AggregatesFlush;
}

export interface EngineOptions extends SyncOptions {
  /** Settles when the bundled releases are installed; no run starts before. */
  ready?: Promise<unknown>;
}

/** Refuses work asked for after the page has chosen to reload into a new version of the app. */
export class SyncPausedError extends Error {
  constructor() {
    super('Sync is paused while the app reloads into its new version');
    this.name = 'SyncPausedError';
  }
}

/**
 * Keeps every jurisdiction on the device current and delivers the outbox. One piece of work
 * at a time: a full run asked for while one is under way joins it; a single jurisdiction
 * (after enrolling) waits for the run in progress.
 */
export class SyncEngine implements SyncControls {
  private readonly connection: Connection;
  private readonly ready: Promise<unknown>;
  private queue: Promise<unknown> = Promise.resolve();
  private pendingRun?: Promise<SyncRun>;
  private current: SyncStatus = { running: false, outcomes: {} };
  private readonly listeners = new Set<() => void>();
  private busy = 0;
  private paused = false;

  constructor(
    private readonly db: RutasDatabase,
    options: EngineOptions = {},
  ) {
    this.connection = connect(options);
    this.ready = (options.ready ?? Promise.resolve()).catch(() => undefined);
  }

  syncNow(): Promise<SyncRun> {
    this.pendingRun ??= this.exclusive(() => this.runAll()).finally(() => {
      this.pendingRun = undefined;
    });
    return this.pendingRun;
  }

  syncJurisdiction(jurisdictionId: string): Promise<SyncOutcome> {
    return this.exclusive(async () => {
      const outcome = await syncJurisdiction(this.db, jurisdictionId, this.connection);
      this.record([outcome]);
      return outcome;
    });
  }

  flushOutbox(): Promise<OutboxFlush> {
    return this.exclusive(() => flushOutbox(this.db, this.connection));
  }

  async pause(): Promise<void> {
    this.paused = true;
    await this.queue;
  }

  status(): SyncStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs now, then on `online`, when the app becomes visible again and every 15 minutes
   * while open. Returns what stops it.
   */
  start(target: Window = window, every = PERIODIC_CHECK_MS): () => void {
    const run = () => {
      if (!this.paused) void this.syncNow().catch((error) => console.error('Sync failed', error));
    };
    const onVisible = () => target.document.visibilityState === 'visible' && run();
    target.addEventListener('online', run);
    target.document.addEventListener('visibilitychange', onVisible);
    const timer = target.setInterval(run, every);
    run();
    return () => {
      target.removeEventListener('online', run);
      target.document.removeEventListener('visibilitychange', onVisible);
      target.clearInterval(timer);
    };
  }

  private async runAll(): Promise<SyncRun> {
    const [releases, enrolments] = await Promise.all([this.db.releases.toArray(), this.db.enrolments.toArray()]);
    const ids = [...new Set([...releases, ...enrolments].map((r) => r.jurisdictionId))].sort();
    const outcomes: SyncOutcome[] = [];
    for (const id of ids) outcomes.push(await syncJurisdiction(this.db, id, this.connection));
    this.record(outcomes);
    const outbox = await flushOutbox(this.db, this.connection);
    await fetchReportOutcomes(this.db, this.connection);
    // Last: the counts are optional, and the manifests just read say whether they are collected.
    const aggregates = await flushAggregates(this.db, this.connection);
    return { outcomes, outbox, aggregates };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.paused) return Promise.reject(new SyncPausedError());
    const next = this.queue.then(async () => {
      await this.ready;
      this.setRunning(+1);
      try {
        return await work();
      } finally {
        this.setRunning(-1);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private setRunning(delta: number) {
    this.busy += delta;
    this.publish({ ...this.current, running: this.busy > 0 });
  }

  private record(outcomes: SyncOutcome[]) {
    const byId = Object.fromEntries(outcomes.map((o) => [o.jurisdictionId, o]));
    this.publish({ ...this.current, outcomes: { ...this.current.outcomes, ...byId } });
  }

  private publish(status: SyncStatus) {
    this.current = status;
    for (const listener of this.listeners) listener();
  }
}
