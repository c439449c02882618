import { AGGREGATE_ROUTES } from './aggregate-routes';
import { CONSOLE_HANDBOOK_ROUTES } from './console-handbook-routes';
import { CONSOLE_OPERATIONS_ROUTES } from './console-operations-routes';
import { enrolmentRoute } from './enrolment-routes';
import { fieldReportOutcomesRoute, fieldReportRoute } from './field-report-routes';
import { RELEASE_ROUTES } from './release-routes';
import type { ApiRoute } from './route-table';
import { healthRoute, openApiRoute } from './service-routes';
import { SESSION_ROUTES } from './session-routes';

/** Every route of the API (sync and console): the server registers these and the OpenAPI document lists these. */
export const API_ROUTES: readonly ApiRoute[] = [
  healthRoute,
  openApiRoute,
  ...RELEASE_ROUTES,
  enrolmentRoute,
  fieldReportRoute,
  fieldReportOutcomesRoute,
  ...AGGREGATE_ROUTES,
  ...SESSION_ROUTES,
  ...CONSOLE_HANDBOOK_ROUTES,
  ...CONSOLE_OPERATIONS_ROUTES,
];
