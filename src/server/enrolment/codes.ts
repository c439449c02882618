import { sha256Hex, toBase64Url } from '../../core/release/hashing';
import { ENROLMENT_CODE_ALPHABET, type EnrolmentRequest } from '../../core/sync/protocol';
import type { Device, RedeemOutcome, Storage } from '../storage/types';

const CODE_LENGTH = 12;
const TOKEN_BYTES = 32;
export const DEFAULT_CODE_VALID_HOURS = 72;

/** Thrown when a code is asked for a jurisdiction the store has never published. */
export class UnknownJurisdictionError extends Error {}

/** Codes and tokens are kept only as this hash: a copy of the store enrols nobody. */
export function tokenHash(secret: string): Promise<string> {
  return sha256Hex(secret);
}

/** Uniformly random letters of the alphabet: bytes that would favour its first letters are drawn again. */
function randomCode(): string {
  const size = ENROLMENT_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2))) {
      if (byte < limit && code.length < CODE_LENGTH) code += ENROLMENT_CODE_ALPHABET[byte % size];
    }
  }
  return code;
}

/** "ABCD-EFGH-JKMN": easier to read aloud and type; the hyphens are ignored when redeemed. */
export function formatEnrolmentCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What the QR code of an enrolment code opens: the app's enrolment screen with the code filled in. */
export function enrolmentUrl(baseUrl: string, code: string): string {
  const url = new URL('/enrol', baseUrl);
  url.searchParams.set('code', code);
  return url.toString();
}

/** A one-time code a coordinator hands to a worker to enrol a device in the jurisdiction. */
export async function createEnrolmentCode(
  storage: Storage,
  jurisdictionId: string,
  { now = new Date(), validForHours = DEFAULT_CODE_VALID_HOURS }: { now?: Date; validForHours?: number } = {},
): Promise<{ code: string; expiresAt: string }> {
  if (!Number.isFinite(validForHours) || validForHours <= 0) {
    throw new RangeError(`A code must be valid for a positive number of hours, not ${validForHours}`);
  }
  if (!(await storage.latestRelease(jurisdictionId, 'enrolled'))) {
    const known = await storage.jurisdictionIds();
    throw new UnknownJurisdictionError(
      `No jurisdiction "${jurisdictionId}" has been published${known.length > 0 ? ` (published: ${known.join(', ')})` : ''}`,
    );
  }
  const code = randomCode();
  const expiresAt = new Date(now.getTime() + validForHours * 3_600_000).toISOString();
  await storage.createEnrolmentCode(await tokenHash(code), {
    jurisdictionId,
    createdAt: now.toISOString(),
    expiresAt,
    redeemedAt: null,
  });
  return { code, expiresAt };
}

export type RedeemResult = { ok: true; device: Device; token: string } | Extract<RedeemOutcome, { ok: false }>;

/**
 * Redeems a code (already normalised by EnrolmentRequestSchema) for a device: on success the
 * device's token, which is shown to it once and kept here only as a hash.
 */
export async function redeemEnrolmentCode(
  storage: Storage,
  request: EnrolmentRequest,
  now = new Date(),
): Promise<RedeemResult> {
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
  const outcome = await storage.redeemEnrolmentCode(
    await tokenHash(request.code),
    request.deviceId,
    await tokenHash(token),
    now.toISOString(),
  );
  return outcome.ok ? { ...outcome, token } : outcome;
}

/** The enrolment a device token belongs to, revoked or not; undefined for a token nobody issued. */
export async function deviceForToken(storage: Storage, token: string): Promise<Device | undefined> {
  return storage.deviceByTokenHash(await tokenHash(token));
}
