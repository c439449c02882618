import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { adminCommand } from '../../../src/cli/commands/admin';
import { enrolCommand } from '../../../src/cli/commands/enrol';
import { publishCommand } from '../../../src/cli/commands/publish';
import { revokeCommand } from '../../../src/cli/commands/revoke';
import { EnrolmentRequestSchema } from '../../../src/core/sync/protocol';
import { login } from '../../../src/server/accounts/sessions';
import { AddressThrottle } from '../../../src/server/address-throttle';
import { redeemEnrolmentCode } from '../../../src/server/enrolment/codes';
import { openStorage } from '../../../src/server/storage/open';
import type { Storage } from '../../../src/server/storage/types';
import { cliStoreForEachTest, printed } from '../support/cli-store';
import { sampleHandbookInput } from '../support/handbook-fixture';
import { writeHandbookFolder } from '../support/handbook-folder';

const cli = cliStoreForEachTest();

/** `printf '%s' "$PW" | npx rutas admin …` */
const admin = (password: string, ...args: string[]) => adminCommand(args, Readable.from([password]));

async function withStorage<T>(work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage({ dataDir: cli.dataDir });
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

const signIn = (email: string, password: string) =>
  withStorage((storage) =>
    login(storage, new AddressThrottle(20, 15 * 60_000), { email, password, address: '127.0.0.1' }),
  );

const PASSWORD = 'una ruta para todas';

describe('rutas admin create', () => {
  it('creates an administrator with the password from stdin, who can then sign in; the audit cli.log says so', async () => {
    expect(await admin(`${PASSWORD}\n`, 'create', '--email', 'Ana@Example.org', '--name', 'Ana')).toBe(0);
    expect(printed(cli.log)).toContain('Created administrator ana@example.org');

    const outcome = await signIn('ana@example.org', PASSWORD);
    expect(outcome).toMatchObject({ ok: true, account: { role: 'admin', displayName: 'Ana', jurisdictionIds: [] } });
    expect(await signIn('ana@example.org', `${PASSWORD}\n`)).toEqual({ ok: false, reason: 'invalid' });
    const entries = await withStorage((storage) => storage.auditLog());
    expect(entries.find((entry) => entry.action === 'account_created')).toMatchObject({
      actorAccountId: null,
      subject: 'ana@example.org',
      details: { role: 'admin' },
    });
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });

  it('refuses an email that has an account, a short password, the email as password, and bad usage', async () => {
    expect(await admin(PASSWORD, 'create', '--email', 'ana@example.org')).toBe(0);
    expect(await admin('otra contraseña larga', 'create', '--email', 'ANA@example.org')).toBe(1);
    expect(printed(cli.error)).toContain('An account with the email ana@example.org already exists');
    expect(await admin('corta', 'create', '--email', 'ben@example.org')).toBe(1);
    expect(printed(cli.error)).toContain('at least 12 characters');
    expect(await admin('ben@example.org', 'create', '--email', 'ben@example.org')).toBe(1);
    expect(printed(cli.error)).toContain('must not be the email address');
    expect(await admin(PASSWORD, 'create', '--email', 'not-an-email')).toBe(1);
    expect(await admin(PASSWORD, 'create')).toBe(1);
    expect(await admin(PASSWORD, 'promote', '--email', 'ana@example.org')).toBe(1);
    expect(await withStorage((storage) => storage.accounts())).toHaveLength(1);
  });
});

describe('rutas admin reset-password and disable', () => {
  it('sets a new password and lifts a lock; disabling stops sign-in', async () => {
    await admin(PASSWORD, 'create', '--email', 'ana@example.org');
    for (let attempt = 0; attempt < 5; attempt++) await signIn('ana@example.org', 'a wrong password');
    expect(await signIn('ana@example.org', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });

    expect(await admin('otra ruta para todas', 'reset-password', '--email', 'ana@example.org')).toBe(0);
    expect(await signIn('ana@example.org', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('ana@example.org', 'otra ruta para todas')).toMatchObject({ ok: true });
    expect(await admin('corta', 'reset-password', '--email', 'ana@example.org')).toBe(1);
    expect(await admin(PASSWORD, 'reset-password', '--email', 'nadie@example.org')).toBe(1);
    expect(printed(cli.error)).toContain('No account has the email nadie@example.org');

    expect(await admin('', 'disable', '--email', 'ana@example.org')).toBe(0);
    expect(await signIn('ana@example.org', 'otra ruta para todas')).toEqual({ ok: false, reason: 'disabled' });
    const actions = (await withStorage((storage) => storage.auditLog())).map((entry) => entry.action);
    expect(actions.slice(0, 2)).toEqual(['login_failed', 'account_disabled']);
    expect(actions).toContain('password_reset');
  });
});

describe('the audit cli.log of the other commands', () => {
  it('records publish, enrolment codes and revocations made from the CLI, never the code itself', async () => {
    expect(await publishCommand(await writeHandbookFolder(cli.root, sampleHandbookInput()))).toBe(0);
    expect(await enrolCommand(['hn-prueba'])).toBe(0);
    const code = printed(cli.log).match(/([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/)?.[1] as string;
    const deviceId = randomUUID();
    await withStorage((storage) => redeemEnrolmentCode(storage, EnrolmentRequestSchema.parse({ code, deviceId })));
    expect(await revokeCommand([deviceId, '--jurisdiction', 'hn-prueba'])).toBe(0);

    const entries = await withStorage((storage) => storage.auditLog({ jurisdictionId: 'hn-prueba' }));
    expect(
      entries.map(({ action, subject, actorAccountId, details }) => ({ action, subject, actorAccountId, details })),
    ).toEqual([
      { action: 'device_revoked', subject: deviceId, actorAccountId: null, details: { via: 'cli' } },
      {
        action: 'enrolment_code_created',
        subject: expect.stringMatching(/^code valid until /),
        actorAccountId: null,
        details: { via: 'cli' },
      },
      {
        action: 'publish',
        subject: 'release 1',
        actorAccountId: null,
        details: { via: 'cli', changes: expect.any(Number) },
      },
    ]);
    expect(JSON.stringify(entries)).not.toContain(code.replace(/-/g, ''));
  });
});
