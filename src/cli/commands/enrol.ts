import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { recordAudit } from '../../server/accounts/audit';
import {
  createEnrolmentCode,
  DEFAULT_CODE_VALID_HOURS,
  enrolmentUrl,
  formatEnrolmentCode,
  UnknownJurisdictionError,
} from '../../server/enrolment/codes';
import { storageFromEnv } from '../../server/storage/open';

const DEFAULT_BASE_URL = 'http://localhost:8080';

/**
 * `rutas enrol <jurisdiction> [--hours N] [--url BASE]`: creates a one-time enrolment code and
 * shows it as text and as a QR code for the worker's phone. Returns the exit code.
 */
export async function enrolCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: rutas enrol <jurisdiction> [--hours N] [--url BASE]`);
    return 1;
  }
  const [jurisdictionId] = parsed.positionals;
  const hours = Number(parsed.values.hours ?? DEFAULT_CODE_VALID_HOURS);
  if (!jurisdictionId || parsed.positionals.length > 1) {
    console.error('Usage: rutas enrol <jurisdiction> [--hours N] [--url BASE]');
    return 1;
  }
  if (!Number.isFinite(hours) || hours <= 0) {
    console.error(`--hours must be a positive number of hours, not "${parsed.values.hours}"`);
    return 1;
  }
  let url: string;
  try {
    url = new URL(parsed.values.url ?? DEFAULT_BASE_URL).origin;
  } catch {
    console.error(`--url must be the server's address, e.g. https://rutas.example.org, not "${parsed.values.url}"`);
    return 1;
  }

  const storage = await storageFromEnv();
  try {
    const { code, expiresAt } = await createEnrolmentCode(storage, jurisdictionId, { validForHours: hours });
    // Never the code itself: the log must not enrol anyone.
    await recordAudit(storage, {
      actor: null,
      action: 'enrolment_code_created',
      jurisdictionId,
      subject: `code valid until ${expiresAt}`,
      details: { via: 'cli' },
    });
    const link = enrolmentUrl(url, code);
    console.log(`Enrolment code for ${jurisdictionId}: ${formatEnrolmentCode(code)}`);
    console.log(`Works once, until ${expiresAt}. On the phone, open ${link}`);
    console.log(await QRCode.toString(link, { type: 'terminal', small: true }));
    return 0;
  } catch (error) {
    if (!(error instanceof UnknownJurisdictionError)) throw error;
    console.error(`${error.message}. Publish it first: rutas publish routes-data/${jurisdictionId}`);
    return 1;
  } finally {
    await storage.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { hours: { type: 'string' }, url: { type: 'string' } },
  });
}
