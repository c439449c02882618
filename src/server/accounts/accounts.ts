import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Account, AccountRole, Storage } from '../storage/types';
import { recordAudit } from './audit';
import { hashPassword, passwordProblem } from './passwords';

/** A request about accounts that cannot be carried out, with a message the person can act on. */
export class AccountError extends Error {
  constructor(
    message: string,
    /** The field of the request the problem is in. */
    readonly field: 'email' | 'password' | 'jurisdictionIds',
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

const Email = z.email('This is not an email address, e.g. ana@example.org');

/** Emails are compared lower-cased: Ana@Example.org and ana@example.org are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkedEmail(email: string): string {
  const normalised = normaliseEmail(email);
  const result = Email.safeParse(normalised);
  if (!result.success) throw new AccountError(`"${email}": ${result.error.issues[0]?.message}`, 'email');
  return normalised;
}

function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AccountError(problem, 'password');
}

export interface NewAccountRequest {
  email: string;
  displayName?: string;
  role: AccountRole;
  jurisdictionIds?: string[];
  password: string;
}

/** Creates an account and writes `account_created` to the audit log; refuses an email that is taken. */
export async function createAccount(
  storage: Storage,
  request: NewAccountRequest,
  actor: Pick<Account, 'id'> | null,
  now: Date = new Date(),
): Promise<Account> {
  const email = checkedEmail(request.email);
  checkPassword(request.password, email);
  const jurisdictionIds = request.role === 'coordinator' ? [...new Set(request.jurisdictionIds ?? [])] : [];
  if (request.role === 'coordinator' && jurisdictionIds.length === 0) {
    throw new AccountError('A coordinator keeps at least one jurisdiction; name it', 'jurisdictionIds');
  }
  const account = {
    id: randomUUID(),
    email,
    displayName: request.displayName?.trim() || email,
    role: request.role,
    jurisdictionIds,
    createdAt: now.toISOString(),
  };
  const outcome = await storage.createAccount({ ...account, passwordHash: await hashPassword(request.password) });
  if (outcome === 'exists') throw new AccountError(`An account with the email ${email} already exists`, 'email');
  await recordAudit(
    storage,
    { actor, action: 'account_created', subject: email, details: { role: account.role, jurisdictionIds } },
    now,
  );
  return { ...account, disabledAt: null, failedLogins: 0, lockedUntil: null };
}

async function existing(storage: Storage, email: string) {
  const account = await storage.accountByEmail(normaliseEmail(email));
  if (!account) throw new AccountError(`No account has the email ${normaliseEmail(email)}`, 'email');
  return account;
}

/** Sets a new password, lifts a lock and signs the account out everywhere. */
export async function resetPassword(
  storage: Storage,
  email: string,
  password: string,
  actor: Pick<Account, 'id'> | null,
  now: Date = new Date(),
): Promise<void> {
  const account = await existing(storage, email);
  checkPassword(password, account.email);
  await storage.updateAccount(account.id, { passwordHash: await hashPassword(password), lockedUntil: null });
  await storage.recordLoginSuccess(account.id);
  await storage.deleteSessionsOf(account.id);
  await recordAudit(storage, { actor, action: 'password_reset', subject: account.email }, now);
}

/** The account can no longer sign in, and its open sessions end now. */
export async function disableAccount(
  storage: Storage,
  email: string,
  actor: Pick<Account, 'id'> | null,
  now: Date = new Date(),
): Promise<void> {
  const account = await existing(storage, email);
  if (!account.disabledAt) await storage.updateAccount(account.id, { disabledAt: now.toISOString() });
  await storage.deleteSessionsOf(account.id);
  await recordAudit(storage, { actor, action: 'account_disabled', subject: account.email }, now);
}

/** Display names by account id, for "who saved / decided / did it". */
export async function accountNames(storage: Storage): Promise<Map<string, string>> {
  return new Map((await storage.accounts()).map((account) => [account.id, account.displayName]));
}
