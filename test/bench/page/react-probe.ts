/**
 * Init script: stands in for the React DevTools global hook — which production react-dom
 * calls after every commit — to learn when React has committed the results of a search,
 * and drives the search box the way typing does (native value setter + `input` event).
 */

interface FiberRootLike {
  pendingLanes?: number;
}

interface CommitRecord {
  /** ms since navigation start when React finished committing. */
  at: number;
  /** Work React still had scheduled on the root after this commit (0: none). */
  pendingLanes: number | undefined;
  /** After the next frame following the commit was painted. */
  paintedAt?: number;
}

export interface QueryTiming {
  text: string;
  /** Input event dispatched → last React commit of the update (results in the DOM). */
  commitMs: number;
  /** Input event dispatched → the frame showing those results painted. */
  paintMs: number;
  commits: number;
  /** The result count the screen shows afterwards. */
  status: string;
  /** The search box's value afterwards. */
  value: string;
  /** Result cards in the DOM afterwards (the screen may show only a first page of results). */
  listItems: number;
}

export interface ReactProbe {
  commits: CommitRecord[];
  runQuery(
    text: string,
    options: { input: string; status: string; list: string; phaseMs: number; quietMs: number; timeoutMs: number },
  ): Promise<QueryTiming>;
  settle(quietMs: number, timeoutMs: number): Promise<void>;
}

declare global {
  interface Window {
    __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown;
    __rutasReactProbe?: ReactProbe;
  }
}

const commits: CommitRecord[] = [];

const afterNextPaint = () =>
  new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true,
  isDisabled: false,
  renderers: new Map(),
  inject: () => 1,
  checkDCE: () => undefined,
  onCommitFiberUnmount: () => undefined,
  onPostCommitFiberRoot: () => undefined,
  onCommitFiberRoot(_rendererId: number, root: FiberRootLike) {
    const record: CommitRecord = { at: performance.now(), pendingLanes: root.pendingLanes };
    commits.push(record);
    void afterNextPaint().then((paintedAt) => {
      record.paintedAt = paintedAt;
    });
  },
};

/**
 * Resolves once React is idle: the last commit since `from` has been painted, left no work
 * scheduled, and no commit followed for `quietMs` (longer when React reports pending work).
 */
function settledAfter(from: number, quietMs: number, timeoutMs: number): Promise<CommitRecord> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      const last = commits.length > from ? commits[commits.length - 1] : undefined;
      const now = performance.now();
      if (last?.paintedAt !== undefined) {
        const quiet = last.pendingLanes === 0 || last.pendingLanes === undefined ? quietMs : 10 * quietMs;
        if (now - last.paintedAt >= quiet) return resolve(last);
      }
      if (now > deadline) return reject(new Error(`React did not settle within ${timeoutMs} ms`));
      setTimeout(check, 5);
    };
    check();
  });
}

window.__rutasReactProbe = {
  commits,
  async settle(quietMs, timeoutMs) {
    const from = Math.max(0, commits.length - 1);
    await settledAfter(from, quietMs, timeoutMs);
  },
  async runQuery(text, { input: inputSelector, status: statusSelector, list, phaseMs, quietMs, timeoutMs }) {
    const input = document.querySelector<HTMLInputElement>(inputSelector);
    if (!input) throw new Error(`no ${inputSelector} on the page`);
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    if (!setValue) throw new Error('HTMLInputElement has no value setter');
    await afterNextPaint();
    // Keys arrive at any point of a frame: start `phaseMs` after a paint, not always right after it.
    if (phaseMs > 0) await new Promise((resolve) => setTimeout(resolve, phaseMs));
    const from = commits.length;
    const startedAt = performance.now();
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const last = await settledAfter(from, quietMs, timeoutMs);
    return {
      text,
      commitMs: last.at - startedAt,
      paintMs: (last.paintedAt as number) - startedAt,
      commits: commits.length - from,
      status: document.querySelector(statusSelector)?.textContent ?? '',
      value: input.value,
      listItems: document.querySelectorAll(list).length,
    };
  },
};
