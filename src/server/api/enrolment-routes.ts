import { ENROLMENTS_PATH, EnrolmentRequestSchema, EnrolmentResponseSchema } from '../../core/sync/protocol';
import { recordAudit } from '../accounts/audit';
import { redeemEnrolmentCode } from '../enrolment/codes';
import { ApiProblem, tooOften } from './problems';
import { defineRoute } from './route-table';

/**
 * Why a code does not enrol the device. A mistyped code (400) is worth correcting and
 * sending again; a used or expired one (410) never works again: the worker needs a new one.
 */
const REFUSALS = {
  unknown: () =>
    new ApiProblem(400, 'code_unknown', 'This enrolment code does not exist; check it for typing mistakes'),
  used: () => new ApiProblem(410, 'code_used', 'This enrolment code was already used; ask a coordinator for a new one'),
  expired: () =>
    new ApiProblem(410, 'code_expired', 'This enrolment code has expired; ask a coordinator for a new one'),
} as const;

export const enrolmentRoute = defineRoute({
  method: 'POST',
  path: ENROLMENTS_PATH,
  operationId: 'redeemEnrolmentCode',
  summary: 'Enrol a device in a jurisdiction with a one-time code from a coordinator',
  description:
    "The code works once. The answer holds the device token that unlocks the jurisdiction's enrolled " +
    'releases; it is shown only this once. Not rate-limited yet: codes have 12 characters from a ' +
    '31-character alphabet and expire, which keeps guessing out of reach.',
  auth: 'none',
  body: EnrolmentRequestSchema,
  responses: [
    { status: 201, description: 'Enrolled', schema: EnrolmentResponseSchema },
    { status: 400, description: 'Invalid request, or a code that does not exist (`code_unknown`)' },
    { status: 410, description: 'The code was used already (`code_used`) or has expired (`code_expired`)' },
    {
      status: 429,
      description: 'Too many codes that do not exist were tried from this address (`too_many_attempts`)',
    },
  ],
  async handle({ body, client, context }) {
    const now = context.now();
    const waitSeconds = context.throttles.enrolment.retryAfterSeconds(client.address, now);
    if (waitSeconds > 0) {
      throw tooOften(
        'too_many_attempts',
        'Too many enrolment codes that do not exist were tried from this address',
        waitSeconds,
      );
    }
    const outcome = await redeemEnrolmentCode(context.storage, body, now);
    if (!outcome.ok) {
      if (outcome.reason === 'unknown') context.throttles.enrolment.record(client.address, now);
      throw REFUSALS[outcome.reason]();
    }
    await recordAudit(
      context.storage,
      {
        actor: null,
        action: 'device_enrolled',
        jurisdictionId: outcome.device.jurisdictionId,
        subject: outcome.device.id,
      },
      context.now(),
    );
    return {
      status: 201,
      body: { jurisdictionId: outcome.device.jurisdictionId, deviceId: outcome.device.id, deviceToken: outcome.token },
      headers: { 'Cache-Control': 'no-store' },
    };
  },
});
