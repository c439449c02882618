import { randomUUID } from 'node:crypto';
import { addIsoWeeks, isoWeekOf } from '../../../../src/core/aggregates/week';
import { createAccount } from '../../../../src/server/accounts/accounts';
import { SESSION_PATH } from '../../../../src/server/api/session-routes';
import { openDraft } from '../../../../src/server/drafts/drafts';
import type { AccountRole } from '../../../../src/server/storage/types';
import { exampleFile } from '../../support/hsds';
import { type ApiFixture, JURISDICTION } from './api-fixture';
import type { BodyExamples, DocumentedOperation, PathValues } from './openapi-routes';

export const PASSWORD = 'una ruta para todas';

/** Creates an account with the test password; a coordinator keeps the jurisdictions given. */
export async function accountFor(api: ApiFixture, role: AccountRole, jurisdictionIds: string[] = []) {
  const email = `${role}-${randomUUID()}@example.org`;
  await createAccount(api.storage, { email, password: PASSWORD, role, jurisdictionIds }, null);
  return { email, password: PASSWORD };
}

export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
}

export async function signIn(
  api: ApiFixture,
  credentials: { email: string; password: string },
): Promise<ConsoleSession> {
  const response = await api.server.inject({ method: 'POST', url: SESSION_PATH, payload: credentials });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return {
    cookie: String(response.headers['set-cookie']).split(';', 1)[0] as string,
    csrfToken: response.json().csrfToken,
  };
}

async function draftRecord(api: ApiFixture, key: string) {
  const record = (await openDraft(api.storage, JURISDICTION))?.find((candidate) => candidate.key === key);
  if (!record) throw new Error(`the draft of ${JURISDICTION} has no ${key}`);
  return { body: record.body, baseRevision: record.revision };
}

/**
 * Valid bodies of the console's requests, made fresh for each request because many change
 * what the next one needs (a draft record's revision, for one).
 */
export function consoleBodies(api: ApiFixture): BodyExamples {
  return {
    saveDraftJurisdiction: () => draftRecord(api, 'jurisdiction'),
    saveDraftRecord: () => draftRecord(api, 'provider/caminos'),
    getFieldReportOutcomes: () => ({ ids: [randomUUID()] }),
    // Last week: the latest one that is over. Taken only by a server started with aggregates on.
    submitAggregates: () => ({
      id: randomUUID(),
      jurisdictionId: JURISDICTION,
      week: addIsoWeeks(isoWeekOf(new Date()), -1),
      counts: { referral: 1 },
    }),
    publishDraft: () => ({ message: 'Caminos: phone checked' }),
    rollBack: () => ({ release: 1, message: 'Back to the first release' }),
    decideFieldReport: () => ({ status: 'resolved', note: 'Number corrected' }),
    createAccount: () => ({
      email: `new-${randomUUID()}@example.org`,
      displayName: 'Nueva Persona',
      role: 'trainer',
      password: 'otra ruta para todas',
    }),
    importHsds: () => ({ files: [exampleFile('service_full.json')] }),
    resetPassword: () => ({ password: 'una ruta nueva para todas' }),
  };
}

/**
 * Path values that name things that exist, made for one request (a device to revoke, an account
 * to disable): only those the path has, since each costs a write.
 */
export async function consolePathValues(api: ApiFixture, operation: DocumentedOperation): Promise<PathValues> {
  const values: PathValues = { kind: 'providers', recordId: 'caminos' };
  if (operation.path.includes('{reportId}')) {
    const id = randomUUID();
    await api.storage.saveFieldReport(
      {
        id,
        deviceId: randomUUID(),
        jurisdictionId: JURISDICTION,
        providerId: 'caminos',
        releaseNumber: 1,
        problem: 'no-answer',
        details: '',
        reportedAt: '2025-02-01T09:30:00.000Z',
      },
      '2025-02-01T09:31:00.000Z',
    );
    values.reportId = id;
  }
  if (operation.path.includes('{deviceId}')) values.deviceId = (await api.enrol(JURISDICTION)).deviceId;
  if (operation.path.includes('{accountId}')) {
    const { email } = await accountFor(api, 'trainer');
    values.accountId = (await api.storage.accountByEmail(email))?.id ?? '';
  }
  return values;
}
