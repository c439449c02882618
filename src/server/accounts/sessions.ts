import { createHmac, randomBytes } from 'node:crypto';
import { CSRF_HEADER_NAME } from '../../core/console/protocol';
import { sha256Hex } from '../../core/release/hashing';
import type { AddressThrottle } from '../address-throttle';
import type { Account, Session, Storage, StoredAccount } from '../storage/types';
import { normaliseEmail } from './accounts';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './passwords';

export const SESSION_COOKIE = 'rutas_session';
export const CSRF_HEADER = CSRF_HEADER_NAME;
/** A session ends 12 hours after sign-in (a working day), or after 2 hours unused. */
export const SESSION_HOURS = 12;
export const IDLE_MINUTES = 120;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** last_seen_at is written at most this often: a console makes many requests a minute. */
const TOUCH_EVERY_MS = 60_000;

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * An unknown email is checked against this hash, so that it takes as long to refuse as a
 * wrong password: the answer's timing does not tell which emails have accounts.
 */
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hashPassword(randomBytes(16).toString('base64'));
  return decoyHash;
};

/**
 * The CSRF token of a session, derived from its secret: the console can ask for it again
 * after a reload, and another site, which cannot read the HttpOnly cookie, cannot compute it.
 */
export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('rutas csrf token').digest('base64url');
}

export type LoginOutcome =
  | { ok: true; account: Account; secret: string; csrfToken: string; expiresAt: string }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked' | 'throttled'; retryAfterSeconds: number };

export function publicAccount({ passwordHash: _, ...account }: StoredAccount): Account {
  return account;
}

const secondsUntil = (time: string, now: Date) => Math.max(1, Math.ceil((Date.parse(time) - now.getTime()) / 1000));

/**
 * Checks an email and password and opens a session. Every check of a password is written to
 * the audit log. Five wrong passwords in a row lock the account for 15 minutes; too many failures from
 * one address stop that address for a while, whichever accounts it tries.
 */
export async function login(
  storage: Storage,
  throttle: AddressThrottle,
  attempt: { email: string; password: string; address: string },
  now: Date = new Date(),
): Promise<LoginOutcome> {
  const email = normaliseEmail(attempt.email);
  const failed = (actor: Account | null, reason: string, details: Record<string, unknown> = {}) =>
    recordAudit(
      storage,
      { actor, action: 'login_failed', subject: email, details: { reason, address: attempt.address, ...details } },
      now,
    );

  const waitSeconds = throttle.retryAfterSeconds(attempt.address, now);
  // Not written to the audit log: the failures that led here were, and a flood must not fill it.
  if (waitSeconds > 0) {
    return { ok: false, reason: 'throttled', retryAfterSeconds: waitSeconds };
  }
  const account = await storage.accountByEmail(email);
  if (account?.lockedUntil && Date.parse(account.lockedUntil) > now.getTime()) {
    // Counts for the address too, so that hammering a locked account soon stops being logged.
    throttle.record(attempt.address, now);
    await failed(account, 'locked');
    return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(account.lockedUntil, now) };
  }
  const matches = await verifyPassword(account?.passwordHash ?? (await decoy()), attempt.password);
  if (!account || !matches) {
    throttle.record(attempt.address, now);
    if (!account) {
      await failed(null, 'unknown_email');
      return { ok: false, reason: 'invalid' };
    }
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    const counted = await storage.recordLoginFailure(account.id, LOCK_AFTER_FAILURES, lockUntil);
    const locked = counted?.lockedUntil === lockUntil;
    await failed(account, 'wrong_password', locked ? { lockedUntil: lockUntil } : {});
    return locked
      ? { ok: false, reason: 'locked', retryAfterSeconds: LOCK_MINUTES * 60 }
      : { ok: false, reason: 'invalid' };
  }
  // Only someone who knows the password learns that the account is disabled.
  if (account.disabledAt) {
    await failed(account, 'disabled');
    return { ok: false, reason: 'disabled' };
  }

  await storage.recordLoginSuccess(account.id);
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await storage.createSession({
    id: await sha256Hex(secret),
    accountId: account.id,
    createdAt: now.toISOString(),
    expiresAt,
    lastSeenAt: now.toISOString(),
  });
  await recordAudit(
    storage,
    { actor: account, action: 'login', subject: email, details: { address: attempt.address } },
    now,
  );
  return {
    ok: true,
    account: publicAccount({ ...account, failedLogins: 0, lockedUntil: null }),
    secret,
    csrfToken: csrfTokenFor(secret),
    expiresAt,
  };
}

export interface SignedIn {
  session: Session;
  account: Account;
  secret: string;
}

/** The session and account behind a cookie's secret; undefined when unknown, expired, idle too long or disabled. */
export async function sessionFor(
  storage: Storage,
  secret: string,
  now: Date = new Date(),
): Promise<SignedIn | undefined> {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  const session = await storage.session(await sha256Hex(secret));
  if (!session) return undefined;
  const idleSince = Date.parse(session.lastSeenAt);
  if (Date.parse(session.expiresAt) <= now.getTime() || idleSince + IDLE_MINUTES * 60_000 <= now.getTime()) {
    await storage.deleteSession(session.id);
    return undefined;
  }
  const account = await storage.account(session.accountId);
  if (!account || account.disabledAt) return undefined;
  if (now.getTime() - idleSince >= TOUCH_EVERY_MS) await storage.touchSession(session.id, now.toISOString());
  return { session, account: publicAccount(account), secret };
}

/** Ends the session and writes `logout` to the audit log. */
export async function logout(storage: Storage, signedIn: SignedIn, now: Date = new Date()): Promise<void> {
  await storage.deleteSession(signedIn.session.id);
  await recordAudit(storage, { actor: signedIn.account, action: 'logout', subject: signedIn.account.email }, now);
}

/** The session secret in a Cookie header, if any. */
export function sessionSecretFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === SESSION_COOKIE) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The Set-Cookie value: HttpOnly (scripts cannot read it), SameSite=Strict (another site's
 * page cannot send it), Secure when the request came over HTTPS. Without a secret, it clears the cookie.
 */
export function sessionCookie(secret: string | undefined, secure: boolean): string {
  const maxAge = secret === undefined ? 0 : SESSION_HOURS * 3600;
  return [`${SESSION_COOKIE}=${secret ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`]
    .concat(secure ? ['Secure'] : [])
    .join('; ');
}
