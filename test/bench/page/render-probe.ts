/**
 * Init script (runs before any page script): notes when an element matching the selector
 * first enters the DOM and when the frame showing it has been painted (next animation
 * frame, then a task), relative to the navigation start, and reports it to Node through
 * the `__benchRendered` binding. Bundled by page-scripts.ts with the selector defined.
 */

declare const __BENCH_SELECTOR__: string;

export interface ResourceMark {
  name: string;
  startTime: number;
  responseEnd: number;
}

export interface RenderMark {
  url: string;
  /** ms since navigation start when the element was inserted into the DOM. */
  insertedAt: number;
  /** ms since navigation start after the next frame following insertion was painted. */
  paintedAt: number;
  controlled: boolean;
  /** Resources requested before the element was inserted and already received. */
  resources: ResourceMark[];
  /** The document's response ended (through the service worker when it controls the page). */
  documentReceivedAt: number;
  /** DOMContentLoaded: module scripts have been fetched and run (their top-level code). */
  scriptsRunAt: number;
  /** User Timing marks the page set by then (first of each name), if any. */
  marks: { name: string; startTime: number }[];
}

declare global {
  interface Window {
    __benchRendered?: (mark: RenderMark) => Promise<void>;
  }
}

if (window.top === window && location.protocol.startsWith('http')) {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(__BENCH_SELECTOR__)) return;
    observer.disconnect();
    const insertedAt = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const paintedAt = performance.now();
        const resources = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime <= insertedAt)
          .map((entry) => ({
            name: entry.name,
            startTime: entry.startTime,
            responseEnd: (entry as PerformanceResourceTiming).responseEnd,
          }));
        const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        void window.__benchRendered?.({
          url: location.href,
          insertedAt,
          paintedAt,
          controlled: Boolean(navigator.serviceWorker?.controller),
          resources,
          documentReceivedAt: navigation?.responseEnd ?? Number.NaN,
          scriptsRunAt: navigation?.domContentLoadedEventStart ?? Number.NaN,
          marks: performance
            .getEntriesByType('mark')
            .filter((m, i, all) => all.findIndex((other) => other.name === m.name) === i)
            .map((m) => ({ name: m.name, startTime: m.startTime })),
        });
      }, 0),
    );
  });
  observer.observe(document, { childList: true, subtree: true });
}
