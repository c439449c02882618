import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { devicesCommand } from '../../../src/cli/commands/devices';
import { enrolCommand } from '../../../src/cli/commands/enrol';
import { publishCommand } from '../../../src/cli/commands/publish';
import { reportsCommand } from '../../../src/cli/commands/reports';
import { revokeCommand } from '../../../src/cli/commands/revoke';
import { EnrolmentRequestSchema } from '../../../src/core/sync/protocol';
import { deviceForToken, redeemEnrolmentCode } from '../../../src/server/enrolment/codes';
import { openStorage } from '../../../src/server/storage/open';
import type { Storage } from '../../../src/server/storage/types';
import { cliStoreForEachTest, printed } from '../support/cli-store';
import { sampleHandbookInput } from '../support/handbook-fixture';
import { writeHandbookFolder } from '../support/handbook-folder';

const cli = cliStoreForEachTest();
beforeEach(async () => {
  await publishCommand(await writeHandbookFolder(cli.root, sampleHandbookInput()));
  cli.log.mockClear();
});

async function withStorage<T>(work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage({ dataDir: cli.dataDir });
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** Runs `rutas enrol` and reads the code and link back from what it printed. */
async function enrol(...args: string[]): Promise<{ code: string; link: string; output: string }> {
  cli.log.mockClear();
  expect(await enrolCommand(args)).toBe(0);
  const output = printed(cli.log);
  const code = output.match(/Enrolment code for hn-prueba: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/)?.[1];
  const link = output.match(/open (\S+)/)?.[1];
  if (!code || !link) throw new Error(`enrol printed no code or link:\n${output}`);
  return { code, link, output };
}

describe('rutas enrol', () => {
  it('prints a one-time code, as text and as a QR code of the enrolment link, that a device redeems once', async () => {
    const { code, link, output } = await enrol('hn-prueba', '--url', 'https://rutas.example.org/ignored/path');
    expect(link).toBe(`https://rutas.example.org/enrol?code=${code.replace(/-/g, '')}`);
    expect(output).toMatch(/[▄▀█]{10}/);

    const request = EnrolmentRequestSchema.parse({ code: code.toLowerCase(), deviceId: randomUUID() });
    await withStorage(async (storage) => {
      const redeemed = await redeemEnrolmentCode(storage, request);
      if (!redeemed.ok) throw new Error(`the printed code was refused: ${redeemed.reason}`);
      expect(redeemed.device).toMatchObject({ id: request.deviceId, jurisdictionId: 'hn-prueba', revokedAt: null });
      expect(await deviceForToken(storage, redeemed.token)).toEqual(redeemed.device);
      expect(await deviceForToken(storage, `${redeemed.token}x`)).toBeUndefined();
      expect(await redeemEnrolmentCode(storage, { ...request, deviceId: randomUUID() })).toEqual({
        ok: false,
        reason: 'used',
      });
    });
  });

  it('makes codes that expire after the hours asked for', async () => {
    const { code } = await enrol('hn-prueba', '--hours', '1');
    const { output } = await enrol('hn-prueba');
    const until = new Date(output.match(/until (\S+)\./)?.[1] ?? '').getTime();
    expect(until - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const request = EnrolmentRequestSchema.parse({ code, deviceId: randomUUID() });
    await withStorage(async (storage) => {
      expect(await redeemEnrolmentCode(storage, request, new Date(Date.now() + 2 * 3_600_000))).toEqual({
        ok: false,
        reason: 'expired',
      });
    });
  });

  it('refuses a jurisdiction that was never published, and bad options', async () => {
    expect(await enrolCommand(['gt-ayutla'])).toBe(1);
    expect(printed(cli.error)).toContain('No jurisdiction "gt-ayutla" has been published (published: hn-prueba)');
    expect(await enrolCommand(['hn-prueba', '--hours', 'soon'])).toBe(1);
    expect(await enrolCommand(['hn-prueba', '--url', 'not a url'])).toBe(1);
    expect(await enrolCommand([])).toBe(1);
    expect(printed(cli.log)).toBe('');
  });
});

describe('rutas devices, revoke and reports', () => {
  it('lists enrolled devices, revokes one, and lists field reports newest first', async () => {
    const { code } = await enrol('hn-prueba');
    const deviceId = randomUUID();
    await withStorage(async (storage) => {
      await redeemEnrolmentCode(storage, EnrolmentRequestSchema.parse({ code, deviceId }));
      await storage.deviceSeen(deviceId, 1, '2026-11-25T08:00:00.000Z', 'hn-prueba');
      for (const [reportedAt, details] of [
        ['2026-11-20T10:00:00.000Z', 'Nobody answers'],
        ['2026-11-23T10:00:00.000Z', 'Moved to the market street'],
      ] as const) {
        await storage.saveFieldReport(
          {
            id: randomUUID(),
            deviceId,
            jurisdictionId: 'hn-prueba',
            providerId: 'caminos',
            releaseNumber: 1,
            problem: 'other',
            details,
            reportedAt,
          },
          '2026-11-24T00:00:00.000Z',
        );
      }
    });

    cli.log.mockClear();
    expect(await devicesCommand('hn-prueba')).toBe(0);
    const [header, row] = printed(cli.log).split('\n');
    expect(header).toMatch(/^id\s+enrolled\s+last seen\s+release\s+revoked$/);
    expect(row).toMatch(new RegExp(`^${deviceId}\\s+\\S+\\s+2026-11-25T08:00:00.000Z\\s+1\\s+-$`));

    expect(await revokeCommand([deviceId])).toBe(0);
    cli.log.mockClear();
    await devicesCommand('hn-prueba');
    expect(printed(cli.log).split('\n')[1]).toMatch(/\s\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(await revokeCommand([randomUUID()])).toBe(1);

    cli.log.mockClear();
    expect(await reportsCommand('hn-prueba')).toBe(0);
    const lines = printed(cli.log).split('\n');
    expect(lines[1]).toContain('Moved to the market street');
    expect(lines[2]).toContain('Nobody answers');
    cli.log.mockClear();
    await reportsCommand('gt-ayutla');
    expect(printed(cli.log)).toBe('No field reports for gt-ayutla');
  });
});
