import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../../../src/server/enrolment/codes';
import { type ApiFixture, JURISDICTION, OTHER_JURISDICTION, secondReleaseInput, startApi } from './api-fixture';
import { accountFor, type ConsoleSession, consoleBodies, consolePathValues, signIn } from './console-requests';
import { type DocumentedOperation, documentedOperations, validRequest } from './openapi-routes';

const ROLES = [
  'anonymous',
  'device',
  'trainer',
  'coordinator of another jurisdiction',
  'coordinator',
  'admin',
] as const;
type Role = (typeof ROLES)[number];

const EVERYONE: Role[] = [...ROLES];
const ACCOUNTS: Role[] = ['trainer', 'coordinator of another jurisdiction', 'coordinator', 'admin'];
const READERS: Role[] = ['trainer', 'coordinator', 'admin'];
const EDITORS: Role[] = ['coordinator', 'admin'];
const ADMINS: Role[] = ['admin'];

/**
 * Who may call each documented operation on jurisdiction hn-prueba, written out by hand from the
 * product's rules rather than derived from the code: a route added without an entry fails here.
 */
const ALLOWED: Record<string, Role[]> = {
  getHealth: EVERYONE,
  getOpenApiDocument: EVERYONE,
  listJurisdictions: EVERYONE,
  getManifest: EVERYONE,
  getSnapshot: EVERYONE,
  getChanges: EVERYONE,
  getManifestEnrolled: ['device'],
  getSnapshotEnrolled: ['device'],
  getChangesEnrolled: ['device'],
  redeemEnrolmentCode: EVERYONE,
  submitFieldReport: EVERYONE,
  getFieldReportOutcomes: EVERYONE,
  // Anonymous counts: a request carrying a device token is refused, so none is linked to an enrolled phone.
  submitAggregates: EVERYONE.filter((role) => role !== 'device'),
  listAggregates: EDITORS,
  signIn: EVERYONE,
  getSession: ACCOUNTS,
  signOut: ACCOUNTS,
  listConsoleJurisdictions: ACCOUNTS,
  getDraft: READERS,
  discardDraft: EDITORS,
  saveDraftJurisdiction: EDITORS,
  saveDraftRecord: EDITORS,
  listConsoleReleases: READERS,
  publishDraft: EDITORS,
  getConsoleRelease: READERS,
  diffReleases: READERS,
  rollBack: EDITORS,
  listFieldReports: EDITORS,
  decideFieldReport: EDITORS,
  listDevices: EDITORS,
  revokeDevice: EDITORS,
  createEnrolmentCode: EDITORS,
  jurisdictionAudit: EDITORS,
  auditLog: ADMINS,
  listAccounts: ADMINS,
  createAccount: ADMINS,
  resetPassword: ADMINS,
  disableAccount: ADMINS,
  importHsds: EDITORS,
  exportHsds: READERS,
};

let api: ApiFixture;
let operations: DocumentedOperation[];
let deviceToken: string;
const credentials = new Map<Role, { email: string; password: string }>();
const sessions = new Map<Role, ConsoleSession>();

beforeAll(async () => {
  api = await startApi({ aggregates: true });
  await api.publishElsewhere(secondReleaseInput());
  operations = await documentedOperations(api.server);
  deviceToken = (await api.enrol(JURISDICTION)).deviceToken;
  credentials.set('trainer', await accountFor(api, 'trainer'));
  credentials.set('coordinator of another jurisdiction', await accountFor(api, 'coordinator', [OTHER_JURISDICTION]));
  credentials.set('coordinator', await accountFor(api, 'coordinator', [JURISDICTION]));
  credentials.set('admin', await accountFor(api, 'admin'));
  for (const [role, account] of credentials) sessions.set(role, await signIn(api, account));
});

afterAll(async () => {
  await api.close();
});

async function headersOf(role: Role): Promise<Record<string, string>> {
  if (role === 'anonymous') return {};
  if (role === 'device') return { authorization: `Bearer ${deviceToken}` };
  const session = sessions.get(role) as ConsoleSession;
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

/** What each role gets from one valid request; a session ended by signing out is opened again. */
async function callAs(role: Role, operation: DocumentedOperation) {
  const bodies = {
    ...consoleBodies(api),
    signIn: () => credentials.get('admin'),
    redeemEnrolmentCode: async () => ({
      code: (await createEnrolmentCode(api.storage, JURISDICTION)).code,
      deviceId: crypto.randomUUID(),
    }),
    submitFieldReport: () => ({
      id: crypto.randomUUID(),
      deviceId: crypto.randomUUID(),
      jurisdictionId: JURISDICTION,
      providerId: 'caminos',
      releaseNumber: 2,
      problem: 'moved',
      details: '',
      reportedAt: '2025-02-01T09:30:00.000Z',
    }),
  };
  const request = await validRequest(operation, bodies, await headersOf(role), await consolePathValues(api, operation));
  const response = await api.server.inject(request);
  if (operation.operationId === 'signOut' && credentials.has(role)) {
    sessions.set(role, await signIn(api, credentials.get(role) as { email: string; password: string }));
  }
  return response;
}

describe('who may call each route of the OpenAPI document', () => {
  it('every documented operation has an entry in the table of who may call it, and every entry a route', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(ROLES.map((role) => [role]))(
    'as %s, exactly the allowed routes answer; the others refuse with 401 or 403',
    { timeout: 60_000 },
    async (role) => {
      const mismatches: string[] = [];
      for (const operation of operations) {
        const response = await callAs(role, operation);
        const label = `${operation.method} ${operation.path} (${operation.operationId}) → ${response.statusCode}`;
        const refused = response.statusCode === 401 || response.statusCode === 403;
        const expected = (ALLOWED[operation.operationId] ?? []).includes(role);
        if (response.statusCode >= 500) mismatches.push(`${label}: server error ${response.body}`);
        else if (expected && refused) mismatches.push(`${label}: refused, but ${role} may call it: ${response.body}`);
        else if (!expected && !refused) mismatches.push(`${label}: answered, but ${role} may not call it`);
        else if (expected && response.statusCode >= 400)
          mismatches.push(`${label}: allowed but failed: ${response.body}`);
        if (refused && !expected && role !== 'anonymous' && role !== 'device' && response.statusCode === 403) {
          if (!['forbidden', 'csrf'].includes(response.json().error)) mismatches.push(`${label}: ${response.body}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it("a coordinator of another jurisdiction learns nothing of this one's restricted shelter", async () => {
    for (const operation of operations.filter(
      (candidate) => !ALLOWED[candidate.operationId]?.includes('coordinator of another jurisdiction'),
    )) {
      const response = await callAs('coordinator of another jurisdiction', operation);
      expect(response.body, operation.operationId).not.toContain('casa-refugio-secreta');
    }
  });
});
