let shown: () => void = () => {};

/**
 * Settles once the first screen has rendered. Work that may wait (installing bundled releases
 * a device already holds, the sync engine) starts after it: the browser is often idle while
 * the first screen waits for IndexedDB, and an idle callback would otherwise run that work then.
 */
export const firstScreenShown = new Promise<void>((resolve) => {
  shown = resolve;
});

export function markFirstScreenShown(): void {
  shown();
}
