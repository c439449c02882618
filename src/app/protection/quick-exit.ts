/** Where quick exit leaves to: a static, precached page on which nothing names or resembles the app. */
export const NEUTRAL_PAGE = '/blank.html';

/** Set in this tab while quick exit walks back to the app's first history entry. */
const LEAVING = 'rutas.leaving';

/** Minimal typing of the Navigation API (Chromium), which TypeScript's DOM library does not describe yet. */
interface NavigationEntries {
  currentEntry: { key: string } | null;
  entries(): { key: string }[];
  traverseTo(key: string): { committed: Promise<unknown> };
}

/** True when this page was opened by a quick exit on its way out (a history entry of an earlier page load). */
export function isLeaving(): boolean {
  try {
    return sessionStorage.getItem(LEAVING) !== null;
  } catch {
    return false;
  }
}

/** Replaces the current history entry, the app's first in this tab, with the neutral page. */
export function finishLeaving(): void {
  try {
    sessionStorage.removeItem(LEAVING);
  } catch {
    // Storage blocked: nothing was set either.
  }
  window.location.replace(NEUTRAL_PAGE);
}

/**
 * Leaves the app for the neutral page and takes the app out of the back history. A page
 * cannot delete history entries, so it goes back to the app's first entry in this tab and
 * replaces that one; the neutral page then pushes an entry of its own, which drops every
 * forward entry (the rest of the app). The first entry is found with the Navigation API where
 * the browser has it (it spans reloads), else from the router's index in history.state. When
 * going back reaches an entry of an earlier page load, that page starts, sees `isLeaving()`
 * and finishes the exit.
 */
export function leave(): void {
  window.speechSynthesis?.cancel();
  // Escape is the browser's "stop loading": pressed again now, it would stop the way out.
  window.addEventListener('keydown', (event) => event.preventDefault(), { capture: true });
  try {
    sessionStorage.setItem(LEAVING, '1');
  } catch {
    // Without storage an earlier page load could not finish the exit: stay on this entry.
    finishLeaving();
    return;
  }
  const navigation = (window as { navigation?: NavigationEntries }).navigation;
  if (navigation) {
    const first = navigation.entries()[0];
    if (!first || first.key === navigation.currentEntry?.key) finishLeaving();
    else navigation.traverseTo(first.key).committed.then(finishLeaving, finishLeaving);
    return;
  }
  const steps = (window.history.state as { idx?: number } | null)?.idx ?? 0;
  if (steps <= 0) {
    finishLeaving();
    return;
  }
  window.addEventListener('popstate', finishLeaving, { once: true });
  window.history.go(-steps);
}
