import { z } from 'zod';
import { API_ROOT } from '../../core/sync/protocol';
import { ApiProblem } from './problems';
import { defineRoute } from './route-table';

export const HEALTH_PATH = `${API_ROOT}/health`;
export const OPENAPI_PATH = `${API_ROOT}/openapi.json`;

export const HealthSchema = z.strictObject({ status: z.literal('ok'), database: z.literal('ok') });

export const healthRoute = defineRoute({
  method: 'GET',
  path: HEALTH_PATH,
  operationId: 'getHealth',
  summary: 'Whether the server and its database answer',
  auth: 'none',
  responses: [
    { status: 200, description: 'Ready to serve', schema: HealthSchema },
    { status: 503, description: 'The database does not answer' },
  ],
  async handle({ context }) {
    try {
      await context.storage.signingKey();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiProblem(503, 'database_unavailable', `The database does not answer: ${reason}`);
    }
    return { status: 200, body: { status: 'ok', database: 'ok' }, headers: { 'Cache-Control': 'no-store' } };
  },
});

export const openApiRoute = defineRoute({
  method: 'GET',
  path: OPENAPI_PATH,
  operationId: 'getOpenApiDocument',
  summary: 'This document: every route of the API (OpenAPI 3.1)',
  auth: 'none',
  responses: [{ status: 200, description: 'The OpenAPI document', schema: z.looseObject({ openapi: z.string() }) }],
  async handle({ context }) {
    return { status: 200, body: context.openApi, headers: { 'Cache-Control': 'no-cache' } };
  },
});
