import { useMemo } from 'react';
import type { CaseFile } from '../../core/case/model';
import type { Coordinates } from '../../core/geo/distance';
import type { ActionRoute } from '../../core/handbook/schema';
import { adaptRoute } from '../../core/route-engine/adapt-route';
import type { AdaptedRoute } from '../../core/route-engine/types';
import type { JurisdictionHandbook } from '../handbook/types';

/** The case's route and the same adaptation the case screen shows; null when the handbook has no route. */
export function useCaseRoute(
  file: CaseFile,
  handbook: JurisdictionHandbook,
  now: Date,
  position?: Coordinates,
): { route: ActionRoute; adapted: AdaptedRoute } | null {
  const route = handbook.routes.find((r) => r.id === file.routeId) ?? handbook.routes[0];
  return useMemo(
    () =>
      route
        ? {
            route,
            adapted: adaptRoute({
              route,
              providers: handbook.providers,
              answers: file.answers,
              now,
              timeZone: handbook.jurisdiction.timeZone,
              position,
              personLanguage: file.personLanguage,
            }),
          }
        : null,
    [route, handbook, file.answers, file.personLanguage, now, position],
  );
}
