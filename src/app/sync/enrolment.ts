import { ENROLMENTS_PATH, EnrolmentCode, EnrolmentResponseSchema } from '../../core/sync/protocol';
import type { Enrolment, RutasDatabase } from '../db/database';
import { type Connection, request, responseText, ServerUnreachableError } from './connection';
import { deviceId } from './device';

/** A code as typed or scanned (lowercase, spaces, dashes) in the form the server issued it, or undefined if it cannot be one. */
export function normaliseEnrolmentCode(typed: string): string | undefined {
  const parsed = EnrolmentCode.safeParse(typed);
  return parsed.success ? parsed.data : undefined;
}

/** Why a code was not redeemed; each has a sentence in locales/ (enrol.error.*). */
export type EnrolmentFailure = 'invalid' | 'unknown' | 'used' | 'expired' | 'throttled' | 'offline' | 'refused';

export class EnrolmentError extends Error {
  constructor(
    readonly failure: EnrolmentFailure,
    /** The server's own explanation, when it gave one. */
    readonly serverMessage?: string,
  ) {
    super(`Enrolment failed (${failure})${serverMessage ? `: ${serverMessage}` : ''}`);
    this.name = 'EnrolmentError';
  }
}

/** The server's error codes for a refused code (see docs/sync.md). */
const FAILURE_BY_ERROR: Record<string, EnrolmentFailure> = {
  invalid_request: 'invalid',
  code_unknown: 'unknown',
  code_used: 'used',
  code_expired: 'expired',
  too_many_attempts: 'throttled',
};

/** Redeems a one-time enrolment code and keeps the device token it buys. */
export async function redeemEnrolmentCode(
  db: RutasDatabase,
  typed: string,
  connection: Connection,
): Promise<Enrolment> {
  const code = normaliseEnrolmentCode(typed);
  if (!code) throw new EnrolmentError('invalid');
  let response: Response;
  let text: string;
  try {
    response = await request(connection, ENROLMENTS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceId: await deviceId(db) }),
    });
    text = await responseText(response);
  } catch (error) {
    if (error instanceof ServerUnreachableError) throw new EnrolmentError('offline');
    throw error;
  }
  if (response.status >= 500) throw new EnrolmentError('offline');
  const body = parseJson(text);
  if (response.status !== 201 && response.status !== 200) {
    const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown };
    const failure = (typeof error === 'string' && FAILURE_BY_ERROR[error]) || 'refused';
    throw new EnrolmentError(failure, typeof message === 'string' ? message : undefined);
  }
  const parsed = EnrolmentResponseSchema.safeParse(body);
  if (!parsed.success) throw new EnrolmentError('refused', parsed.error.message);
  const enrolment: Enrolment = {
    jurisdictionId: parsed.data.jurisdictionId,
    deviceToken: parsed.data.deviceToken,
    enrolledAt: connection.now().toISOString(),
  };
  await db.enrolments.put(enrolment);
  return enrolment;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
