import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './log';

/** test/bench/ */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** The project root (where package.json, vite.config.ts and node_modules/ are). */
export const PROJECT_ROOT = resolve(BENCH_DIR, '../..');
/** Scratch space inside the project, so Node resolution finds the project's node_modules/. Git-ignored. */
export const TMP_ROOT = join(BENCH_DIR, '.tmp');

/** A fresh scratch directory for one benchmark run, removed by the run's cleanup. */
export function makeRunDir(): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  return mkdtempSync(join(TMP_ROOT, 'run-'));
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

type Task = () => unknown;

const CLEANUP_TASK_TIMEOUT_MS = 20_000;

/** Things to undo at the end of a run (servers, browsers, temp dirs), last registered first. */
export class Cleanup {
  private readonly tasks: { label: string; task: Task }[] = [];

  add(label: string, task: Task): void {
    this.tasks.push({ label, task });
  }

  async run(): Promise<void> {
    while (this.tasks.length > 0) {
      const next = this.tasks.pop();
      if (!next) break;
      try {
        await withTimeout(Promise.resolve().then(next.task), CLEANUP_TASK_TIMEOUT_MS, next.label);
      } catch (error) {
        console.warn(`cleanup: ${next.label} failed:`, (error as Error).message);
      }
    }
  }
}
