import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportHsds } from '../../server/drafts/hsds';
import { storageFromEnv } from '../../server/storage/open';

const USAGE = 'Usage: rutas export-hsds <jurisdiction> --out <file>';

/**
 * `rutas export-hsds <jurisdiction> --out <file>`: the jurisdiction's latest release as HSDS 3.0
 * JSON (a page of organizations, each with its service and location). Only public providers are
 * written: shelters and safe houses never leave through an export. Returns the exit code.
 */
export async function exportHsdsCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const [jurisdictionId, ...extra] = parsed.positionals;
  const out = parsed.values.out;
  if (!jurisdictionId || extra.length > 0 || !out) {
    console.error(USAGE);
    return 1;
  }

  const storage = await storageFromEnv();
  try {
    const exported = await exportHsds(storage, jurisdictionId);
    if (!exported) {
      const published = await storage.jurisdictionIds();
      console.error(
        `No release of "${jurisdictionId}" to export: publish it first (published: ${published.join(', ') || 'none'})`,
      );
      return 1;
    }
    await writeFile(out, `${JSON.stringify(exported.hsds, null, 2)}\n`);
    console.log(
      `Exported ${jurisdictionId} release ${exported.release} to ${out}: ${exported.organizations} organization(s), ${exported.services} service(s)`,
    );
    console.log(
      exported.restrictedLeftOut === 0
        ? 'No restricted provider to leave out.'
        : `${exported.restrictedLeftOut} restricted provider(s) (shelters, safe houses) left out: they are never exported.`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
}
