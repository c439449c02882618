import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePaths } from '../../../../src/core/console/protocol';
import { syncPaths } from '../../../../src/core/sync/protocol';
import { exampleFile } from '../../support/hsds';
import { type ApiFixture, JURISDICTION, RESTRICTED_PROVIDER, startApi } from './api-fixture';
import { accountFor, type ConsoleSession, signIn } from './console-requests';

let api: ApiFixture;
let ana: ConsoleSession;
let beto: ConsoleSession;
const paths = consolePaths.jurisdiction(JURISDICTION);

beforeAll(async () => {
  api = await startApi();
  const first = await accountFor(api, 'coordinator', [JURISDICTION]);
  const second = await accountFor(api, 'coordinator', [JURISDICTION]);
  ana = await signIn(api, first);
  beto = await signIn(api, second);
});

afterAll(async () => {
  await api.close();
});

function call(session: ConsoleSession, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return api.server.inject({
    method,
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    ...(payload && { payload }),
  });
}

async function draftRecord(key: string) {
  const draft = (await call(ana, 'GET', paths.draft)).json();
  const record = draft.records.find((candidate: { key: string }) => candidate.key === key);
  return { draft, record };
}

const withPhone = (body: Record<string, unknown>, number: string) => ({
  ...body,
  phones: [{ number, type: 'voice' }],
});

describe('a coordinator keeping the handbook', () => {
  it('changes a phone in the draft, sees what publishing would change, publishes, and devices get it at once', async () => {
    const { record } = await draftRecord('provider/caminos');
    expect(record.revision).toBeGreaterThanOrEqual(1);
    const saved = await call(ana, 'PUT', paths.draftRecord('providers', 'caminos'), {
      body: withPhone(record.body, '+50426530001'),
      baseRevision: record.revision,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ revision: record.revision + 1, archived: false });

    const { draft } = await draftRecord('provider/caminos');
    expect(draft.changes).toEqual([
      expect.objectContaining({ key: 'provider/caminos', change: 'changed', fields: ['phones'] }),
    ]);
    expect(draft.issues).toEqual([]);

    const before = (await api.server.inject({ method: 'GET', url: syncPaths(JURISDICTION, 'public').manifest })).json();
    const published = await call(ana, 'POST', paths.releases, { message: 'Caminos has a new number' });
    expect(published.statusCode, published.body).toBe(201);
    const { release } = published.json();
    expect(release).toBe(before.release.header.number + 1);
    const after = (await api.server.inject({ method: 'GET', url: syncPaths(JURISDICTION, 'public').manifest })).json();
    expect(after.release.header.number).toBe(release);

    const releases = (await call(ana, 'GET', paths.releases)).json();
    expect(releases[0]).toMatchObject({
      number: release,
      message: 'Caminos has a new number',
      publishedBy: expect.any(String),
    });
    expect((await call(ana, 'GET', paths.draft)).json().changes).toEqual([]);
    expect((await call(ana, 'POST', paths.releases, { message: 'Again' })).json()).toEqual({
      status: 'unchanged',
      release,
    });

    const audit = (await call(ana, 'GET', paths.audit)).json();
    expect(audit.map((entry: { action: string }) => entry.action).slice(0, 2)).toEqual(['publish', 'draft_saved']);
    expect(audit[0]).toMatchObject({ subject: `release ${release}`, actor: releases[0].publishedBy });
  });

  it('two coordinators save the same provider: the second gets both versions, and nothing is overwritten', async () => {
    const { record } = await draftRecord('provider/albergue-san-jose');
    const first = await call(ana, 'PUT', paths.draftRecord('providers', 'albergue-san-jose'), {
      body: { ...record.body, alternate_name: 'Casa San José' },
      baseRevision: record.revision,
    });
    expect(first.statusCode).toBe(200);
    const second = await call(beto, 'PUT', paths.draftRecord('providers', 'albergue-san-jose'), {
      body: { ...record.body, alternate_name: 'Albergue SJ' },
      baseRevision: record.revision,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      error: 'conflict',
      yours: { alternate_name: 'Albergue SJ' },
      theirs: { revision: record.revision + 1, body: { alternate_name: 'Casa San José' } },
    });
    expect((await draftRecord('provider/albergue-san-jose')).record.body.alternate_name).toBe('Casa San José');
  });

  it('a phone that is no number of the country is refused next to its field, and the draft keeps what it had', async () => {
    const { record } = await draftRecord('provider/caminos');
    const refused = await call(ana, 'PUT', paths.draftRecord('providers', 'caminos'), {
      body: withPhone(record.body, '+50412'),
      baseRevision: record.revision,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'invalid_record', issues: [{ path: 'body.phones.0.number' }] });
    const missing = await call(ana, 'PUT', paths.draftRecord('providers', 'caminos'), {
      body: { ...record.body, name: { es: 'Caminos' } },
      baseRevision: record.revision,
    });
    expect(missing.json().issues).toEqual([expect.objectContaining({ path: 'body.name.en' })]);
    const elsewhere = await call(ana, 'PUT', paths.draftRecord('providers', 'otro'), {
      body: record.body,
      baseRevision: null,
    });
    expect(elsewhere.json().issues).toEqual([expect.objectContaining({ path: 'body.id' })]);
    expect((await draftRecord('provider/caminos')).record).toEqual(record);
  });

  it('archiving a provider a route step names stops publishing, naming the step; the release is not made', async () => {
    const { record } = await draftRecord('provider/caminos');
    const releases = (await call(ana, 'GET', paths.releases)).json();
    await call(ana, 'PUT', paths.draftRecord('providers', 'caminos'), {
      body: record.body,
      baseRevision: record.revision,
      archived: true,
    });
    const draft = (await call(ana, 'GET', paths.draft)).json();
    expect(draft.issueKeys).toContain('route/ruta-principal');
    const refused = await call(ana, 'POST', paths.releases, { message: 'Caminos closed' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toBe('draft_invalid');
    expect((await call(ana, 'GET', paths.releases)).json()).toEqual(releases);
    const discarded = await call(ana, 'DELETE', paths.draft);
    expect(discarded.statusCode).toBe(204);
    expect((await call(ana, 'GET', paths.draft)).json().changes).toEqual([]);
  });

  it('rolls back by publishing release 1 again as a new release; the diff between any two releases says what changed', async () => {
    const latest = (await call(ana, 'GET', paths.releases)).json()[0].number;
    const rolled = await call(ana, 'POST', paths.rollbacks, { release: 1, message: 'The new number was wrong' });
    expect(rolled.statusCode, rolled.body).toBe(201);
    expect(rolled.json()).toEqual({ status: 'created', release: latest + 1 });
    const diff = (await call(ana, 'GET', paths.diff(latest + 1, latest))).json();
    expect(diff.changes).toEqual([expect.objectContaining({ key: 'provider/caminos', fields: ['phones'] })]);
    expect((await call(ana, 'GET', paths.diff(latest + 1, 1))).json().changes).toEqual([]);
    const { record } = await draftRecord('provider/caminos');
    expect(record.body.phones).toEqual([expect.objectContaining({ number: '+50426533544' })]);
    const content = (await call(ana, 'GET', paths.release(1))).json();
    expect(content.records.map((r: { key: string }) => r.key)).toContain(`provider/${RESTRICTED_PROVIDER}`);
    expect(JSON.stringify(content)).not.toContain('phoneDisplay');
  });

  it('resolves a field report; the queue shows who decided and why', async () => {
    const id = crypto.randomUUID();
    await api.storage.saveFieldReport(
      {
        id,
        deviceId: crypto.randomUUID(),
        jurisdictionId: JURISDICTION,
        providerId: 'caminos',
        releaseNumber: 1,
        problem: 'wrong-number',
        details: '<script>alert(1)</script>',
        reportedAt: '2025-02-01T09:30:00.000Z',
      },
      '2025-02-01T09:31:00.000Z',
    );
    const decided = await call(ana, 'POST', paths.fieldReport(id), {
      status: 'resolved',
      note: 'Corrected in release 4',
    });
    expect(decided.statusCode).toBe(200);
    const queue = (await call(ana, 'GET', paths.fieldReports)).json();
    expect(queue.find((report: { id: string }) => report.id === id)).toMatchObject({
      details: '<script>alert(1)</script>',
      outcome: { status: 'resolved', note: 'Corrected in release 4', decidedBy: expect.any(String) },
    });
    expect((await call(ana, 'POST', paths.fieldReport(crypto.randomUUID()), { status: 'dismissed' })).statusCode).toBe(
      404,
    );
  });

  it('creates an enrolment code with its QR, lists the device that redeems it as up to date, and revokes it', async () => {
    const created = await call(ana, 'POST', paths.enrolmentCodes);
    expect(created.statusCode).toBe(201);
    const { code, url, qrSvg } = created.json();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(url).toBe(`http://localhost:80/enrol?code=${code.replaceAll('-', '')}`.replace(':80', ''));
    expect(qrSvg).toMatch(/^<svg/);
    const deviceId = crypto.randomUUID();
    const enrolled = await api.server.inject({
      method: 'POST',
      url: '/api/v1/enrolments',
      payload: { code, deviceId },
    });
    expect(enrolled.statusCode).toBe(201);
    const devices = (await call(ana, 'GET', paths.devices)).json();
    expect(devices.find((device: { id: string }) => device.id === deviceId)).toMatchObject({
      revokedAt: null,
      outOfDate: true,
    });
    expect((await call(ana, 'POST', paths.deviceRevocation(deviceId))).statusCode).toBe(204);
    const after = (await call(ana, 'GET', paths.devices)).json();
    expect(after.find((device: { id: string }) => device.id === deviceId)).toMatchObject({
      revokedAt: expect.any(String),
      outOfDate: false,
    });
  });

  it('imports HSDS into the draft with a report, refuses what is not HSDS or over 50 MB, and exports only public providers', async () => {
    const imported = await call(ana, 'POST', paths.hsdsImport, { files: [exampleFile('organization_full.json')] });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({
      added: [expect.any(String)],
      updated: [],
      report: { providers: [expect.any(Object)] },
    });
    const draftAfterImport = (await call(ana, 'GET', paths.draft)).json();
    expect(draftAfterImport.records.map((r: { key: string }) => r.key)).toContain(
      `provider/${imported.json().added[0]}`,
    );

    const organization = JSON.parse(exampleFile('organization_list.json').content).contents[0];
    const refused = await call(ana, 'POST', paths.hsdsImport, {
      files: [{ name: 'twice.json', content: JSON.stringify([organization, organization]) }],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      error: 'hsds_refused',
      problems: [expect.objectContaining({ file: 'twice.json' })],
    });
    const tooLarge = await call(ana, 'POST', paths.hsdsImport, {
      files: [{ name: 'huge.json', content: 'x'.repeat(50 * 1024 * 1024 + 1) }],
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toBe('import_too_large');
    expect((await call(ana, 'GET', paths.draft)).json().records).toEqual(draftAfterImport.records);

    const exported = await call(ana, 'GET', paths.hsdsExport);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="hn-prueba-release-\d+\.hsds\.json"/);
    expect(exported.json().contents.length).toBeGreaterThan(0);
    expect(exported.body).not.toContain('Casa Refugio Escondida');
    expect(exported.body).toContain('Caminos');
  });
});
