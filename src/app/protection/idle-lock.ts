/** The idle times a worker can choose, in minutes, and the one a device starts with. */
export const IDLE_MINUTES = [1, 5, 15] as const;
export type IdleMinutes = (typeof IDLE_MINUTES)[number];
export const DEFAULT_IDLE_MINUTES: IdleMinutes = 5;
export const IDLE_SETTING = 'protection.idleMinutes';

export function idleMinutesOf(value: unknown): IdleMinutes {
  return IDLE_MINUTES.find((minutes) => minutes === value) ?? DEFAULT_IDLE_MINUTES;
}

/** What counts as the worker using the app. Pointer moves do not: a phone in a pocket is not in use. */
const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Calls `onIdle` once, after `idleMs` with no activity. Activity only stamps the time (no timer
 * is reset on every touch); the timer, when it fires, looks at the stamp and waits on if needed.
 * Timers are throttled in a hidden page, so coming back to it checks at once: a page hidden
 * longer than the idle time locks before anyone can use it.
 */
export function watchIdle(idleMs: number, onIdle: () => void): () => void {
  let lastActive = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const active = () => {
    lastActive = Date.now();
  };
  const check = () => {
    clearTimeout(timer);
    const left = lastActive + idleMs - Date.now();
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    stop();
    onIdle();
  };
  const shown = () => {
    if (document.visibilityState === 'visible') check();
  };
  function stop() {
    clearTimeout(timer);
    for (const type of ACTIVITY) window.removeEventListener(type, active, { capture: true });
    document.removeEventListener('visibilitychange', shown);
  }
  for (const type of ACTIVITY) window.addEventListener(type, active, { capture: true, passive: true });
  document.addEventListener('visibilitychange', shown);
  timer = setTimeout(check, idleMs);
  return stop;
}
