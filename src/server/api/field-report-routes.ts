import { z } from 'zod';
import {
  FIELD_REPORT_OUTCOMES_PATH,
  FIELD_REPORTS_PATH,
  FieldReportOutcomesRequestSchema,
  FieldReportOutcomesSchema,
  FieldReportSchema,
} from '../../core/sync/protocol';
import { ApiProblem } from './problems';
import { defineRoute } from './route-table';

export const FieldReportReceiptSchema = z.strictObject({
  id: z.uuid(),
  status: z.literal('received'),
});

/**
 * A worker's report that a provider record is wrong. The device generates the id and
 * resends until it gets a 2xx, so the same report twice is answered as received, never
 * stored twice; a different report under an id already taken is a conflict the device
 * must not keep retrying.
 */
export const fieldReportRoute = defineRoute({
  method: 'POST',
  path: FIELD_REPORTS_PATH,
  operationId: 'submitFieldReport',
  summary: 'Report that a provider record is wrong or outdated',
  description:
    'Idempotent on the report id. A device token is optional; when one is sent it must be valid. ' +
    'The jurisdiction must be one the server publishes.',
  auth: 'optional-device',
  body: FieldReportSchema,
  responses: [
    { status: 201, description: 'Stored', schema: FieldReportReceiptSchema },
    {
      status: 200,
      description: 'Already stored earlier (a resend): nothing changed',
      schema: FieldReportReceiptSchema,
    },
    { status: 404, description: 'The server publishes no such jurisdiction' },
    { status: 409, description: 'Another report with different content already has this id' },
  ],
  async handle({ body: report, context }) {
    if (!(await context.latest.manifest(report.jurisdictionId, 'public'))) {
      throw new ApiProblem(
        404,
        'unknown_jurisdiction',
        `This server publishes no jurisdiction "${report.jurisdictionId}"`,
      );
    }
    const outcome = await context.storage.saveFieldReport(report, context.now().toISOString());
    if (outcome === 'conflict') {
      throw new ApiProblem(
        409,
        'conflict',
        `Another report with id ${report.id} was received with different content; send a new report with a new id`,
      );
    }
    return { status: outcome === 'created' ? 201 : 200, body: { id: report.id, status: 'received' } };
  },
});

/**
 * What coordinators decided about reports a device sent. Report ids are random UUIDs made by the
 * device, so only the device that sent a report can ask about it; no token is needed.
 */
export const fieldReportOutcomesRoute = defineRoute({
  method: 'POST',
  path: FIELD_REPORT_OUTCOMES_PATH,
  operationId: 'getFieldReportOutcomes',
  summary: 'What coordinators decided about the field reports this device sent',
  description: 'Reports still open, and ids the server does not know, are left out of the answer.',
  auth: 'none',
  body: FieldReportOutcomesRequestSchema,
  responses: [{ status: 200, description: 'The decided ones', schema: FieldReportOutcomesSchema }],
  async handle({ body, context }) {
    const decided = await context.storage.fieldReportOutcomes(body.ids);
    return {
      status: 200,
      body: {
        outcomes: [...decided].map(([id, outcome]) => ({ id, status: outcome.status, decidedAt: outcome.decidedAt })),
      },
      headers: { 'Cache-Control': 'no-store' },
    };
  },
});
