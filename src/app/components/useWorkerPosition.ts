import { useCallback, useState } from 'react';
import type { Coordinates } from '../../core/geo/distance';

export type PositionState =
  | { status: 'off' }
  | { status: 'locating' }
  | { status: 'on'; position: Coordinates }
  | { status: 'denied' | 'unavailable' };

/** The worker's position, asked for only when they tap "near me", kept in memory only. */
export function useWorkerPosition(): [PositionState, () => void, () => void] {
  const [state, setState] = useState<PositionState>({ status: 'off' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'unavailable' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => setState({ status: 'on', position: { latitude: coords.latitude, longitude: coords.longitude } }),
      (error) => setState({ status: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }, []);
  const stop = useCallback(() => setState({ status: 'off' }), []);
  return [state, locate, stop];
}
