import { firstScreenShown } from './first-screen';
import { type OpenedStore, openHandbookStore } from './open-store';
import type { JurisdictionHandbook } from './types';

export interface StartedStore extends OpenedStore {
  /** The handbook of the jurisdiction in the start URL, read before the first render. */
  initialHandbook?: JurisdictionHandbook;
  /** Whether the worker has set a PIN, read with it: a locked app shows its lock from the first render. */
  pinSet?: boolean;
}

/**
 * Opens the device database and reads the handbook the start URL asks for, so the first
 * screen renders once, with its content, instead of a loading state followed by a second
 * render when a live query first answers.
 */
export const startingStore: Promise<StartedStore> = openHandbookStore(undefined, undefined, firstScreenShown).then(
  async (opened) => {
    const jurisdictionId = /^\/j\/([^/?#]+)/.exec(window.location.pathname)?.[1];
    const [initialHandbook, pinSet] = await Promise.all([
      jurisdictionId ? opened.store.handbook(decodeURIComponent(jurisdictionId)) : undefined,
      opened.db?.vaultKeys.count().then(
        (count) => count > 0,
        () => undefined,
      ),
    ]);
    return { ...opened, initialHandbook: initialHandbook ?? undefined, pinSet };
  },
);
