import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * History entries pushed on hand-over, all at this same URL. Several, so that quick repeated
 * presses of "back" are absorbed before the page has had time to step forward again.
 */
const DEPTH = 3;
const MARK = 'rutasPersonMode';

function depthOf(state: unknown): number {
  const depth = (state as Record<string, unknown> | null)?.[MARK];
  return typeof depth === 'number' ? depth : 0;
}

interface NavigationApi {
  canGoForward: boolean;
}

/**
 * While the phone is in the person's hands, the browser's (or Android's) back button must not
 * leave the mode: only the worker's own action does. Entering pushes entries at the same URL;
 * "back" lands on one of them (or on the entry before them) and the page steps forward again.
 * Stepping forward through existing entries, rather than pushing new ones, avoids Chromium's
 * rule that entries pushed without a tap are skipped by the back button.
 * When the mode ends, the page returns to the entry it started from, leaving no trace in the history.
 */
export function useStayInPersonMode(active: boolean): void {
  const location = useLocation();
  const navigate = useNavigate();
  const depth = depthOf(location.state);
  const pushed = useRef(false);

  useEffect(() => {
    if (active && depth === 0) {
      const navigation = (window as { navigation?: NavigationApi }).navigation;
      if (pushed.current && navigation?.canGoForward !== false) {
        navigate(DEPTH);
        return;
      }
      pushed.current = true;
      const { pathname, search, hash } = location;
      for (let level = 1; level <= DEPTH; level++) navigate({ pathname, search, hash }, { state: { [MARK]: level } });
    } else if (active && depth < DEPTH) {
      navigate(DEPTH - depth);
    } else if (!active && depth > 0) {
      pushed.current = false;
      navigate(-depth);
    }
  }, [active, depth, location, navigate]);
}
