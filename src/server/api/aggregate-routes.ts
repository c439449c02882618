import { ConsoleAggregatesSchema, consoleAggregatesPath } from '../../core/aggregates/console';
import {
  AGGREGATE_WEEKS_KEPT,
  AggregateBatchSchema,
  AggregateReceiptSchema,
  aggregatesPath,
  oldestAcceptedWeek,
  weekStatus,
} from '../../core/aggregates/protocol';
import { ApiProblem, tooOften } from './problems';
import { JurisdictionParams, NO_STORE, routePattern } from './route-parts';
import { type ApiRoute, defineRoute } from './route-table';

const aggregatesOff = () =>
  new ApiProblem(
    404,
    'aggregates_off',
    'This server does not collect anonymous aggregates; nothing was stored. A deployment turns them on with RUTAS_AGGREGATES=on',
  );

/**
 * A device's anonymous counts for one completed week. Anonymous by construction: no token is
 * read (one sent is refused, so the server never stores counts that came with an identity),
 * the body is strict, and a week is the finest time it carries.
 */
const submitAggregates = defineRoute({
  method: 'POST',
  path: routePattern(aggregatesPath(':id')),
  operationId: 'submitAggregates',
  summary: "Adds one device's anonymous counts of a completed week to the jurisdiction's sums",
  description:
    'Only where the deployment collects aggregates (the manifest says so in its Rutas-Aggregates header). ' +
    'Idempotent on the batch id. Send no Authorization header: counts must not be linked to an enrolled device. ' +
    `The week must be over and at most ${AGGREGATE_WEEKS_KEPT} weeks old.`,
  auth: 'none',
  params: JurisdictionParams,
  body: AggregateBatchSchema,
  responses: [
    { status: 201, description: 'Added to the sums', schema: AggregateReceiptSchema, headers: NO_STORE },
    {
      status: 200,
      description: 'Received earlier (a resend): nothing added',
      schema: AggregateReceiptSchema,
      headers: NO_STORE,
    },
    {
      status: 403,
      description: 'An Authorization header was sent (`not_anonymous`): send the counts without the device token',
    },
    {
      status: 404,
      description:
        'The server does not collect aggregates (`aggregates_off`: forget the counts) or publishes no such jurisdiction',
    },
    { status: 409, description: 'Another batch with different content already has this id' },
    {
      status: 422,
      description: 'The week is not over yet (`week_not_over`: send it later) or too old (`week_too_old`: drop it)',
    },
    {
      status: 429,
      description:
        'Too many batches from this address within the hour (`too_many_requests`): keep them, send them later',
    },
  ],
  async handle({ params, body: batch, headers, client, context }) {
    if (!context.aggregates) throw aggregatesOff();
    const now = context.now();
    const waitSeconds = context.throttles.aggregates.retryAfterSeconds(client.address, now);
    if (waitSeconds > 0) {
      throw tooOften(
        'too_many_requests',
        'Too many batches of counts from this address, nothing was stored',
        waitSeconds,
      );
    }
    context.throttles.aggregates.record(client.address, now);
    if (headers.authorization !== undefined) {
      throw new ApiProblem(
        403,
        'not_anonymous',
        'Aggregates are anonymous: send them without an Authorization header; nothing was stored',
      );
    }
    if (batch.jurisdictionId !== params.id) {
      const message = `The batch must be about the jurisdiction of the URL, ${params.id}`;
      throw new ApiProblem(400, 'invalid_request', `The request is invalid: body.jurisdictionId: ${message}`, [
        { path: 'body.jurisdictionId', message },
      ]);
    }
    if (!(await context.latest.manifest(params.id, 'public'))) {
      throw new ApiProblem(404, 'unknown_jurisdiction', `This server publishes no jurisdiction "${params.id}"`);
    }
    const status = weekStatus(batch.week, now);
    if (status !== 'accepted') {
      const [code, message] =
        status === 'not-over'
          ? ['week_not_over', `Week ${batch.week} is not over yet; send its counts once it is`]
          : [
              'week_too_old',
              `Week ${batch.week} is more than ${AGGREGATE_WEEKS_KEPT} weeks old; its counts are no longer taken`,
            ];
      throw new ApiProblem(422, code, message, [{ path: 'body.week', message }]);
    }
    const outcome = await context.storage.saveAggregateBatch(batch);
    if (outcome === 'conflict') {
      throw new ApiProblem(
        409,
        'conflict',
        `Another batch with id ${batch.id} was received with different content; send these counts with a new id`,
      );
    }
    // No device can send a batch about an older week any more, so its id need not be remembered.
    if (outcome === 'created') await context.storage.forgetAggregateBatchesBefore(oldestAcceptedWeek(now));
    return {
      status: outcome === 'created' ? 201 : 200,
      body: { id: batch.id, status: 'received' },
      headers: NO_STORE,
    };
  },
});

const listAggregates = defineRoute({
  method: 'GET',
  path: routePattern(consoleAggregatesPath(':id')),
  operationId: 'listAggregates',
  summary: "The jurisdiction's anonymous counts of referrals by ISO week and route stage, newest week first",
  description: 'Sums over every device; no count can be traced to a device, a worker or a day.',
  auth: 'account',
  permission: 'edit-jurisdiction',
  params: JurisdictionParams,
  responses: [{ status: 200, description: 'The counts', schema: ConsoleAggregatesSchema, headers: NO_STORE }],
  async handle({ params, context }) {
    const weeks = await context.storage.aggregateCounts(params.id);
    return { status: 200, body: { collecting: context.aggregates, weeks }, headers: NO_STORE };
  },
});

export const AGGREGATE_ROUTES: readonly ApiRoute[] = [submitAggregates, listAggregates];
