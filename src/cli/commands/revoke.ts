import { parseArgs } from 'node:util';
import { recordAudit } from '../../server/accounts/audit';
import { storageFromEnv } from '../../server/storage/open';

const USAGE = 'Usage: rutas revoke <device-id> [--jurisdiction ID]';

/**
 * `rutas revoke <device-id> [--jurisdiction ID]`: the device loses restricted records at its
 * next sync; without --jurisdiction, in every jurisdiction it is enrolled in.
 */
export async function revokeCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const [deviceId] = parsed.positionals;
  if (!deviceId || parsed.positionals.length > 1) {
    console.error(USAGE);
    return 1;
  }
  const jurisdictionId = parsed.values.jurisdiction;
  const storage = await storageFromEnv();
  try {
    if (!(await storage.revokeDevice(deviceId, new Date().toISOString(), jurisdictionId))) {
      console.error(`No device ${deviceId} is enrolled${jurisdictionId ? ` in ${jurisdictionId}` : ''}`);
      return 1;
    }
    await recordAudit(storage, {
      actor: null,
      action: 'device_revoked',
      jurisdictionId,
      subject: deviceId,
      details: { via: 'cli' },
    });
    console.log(
      `Revoked ${deviceId}${jurisdictionId ? ` in ${jurisdictionId}` : ''}: it loses restricted records at its next sync`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: { jurisdiction: { type: 'string' } } });
}
