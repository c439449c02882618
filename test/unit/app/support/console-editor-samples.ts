import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { RecordBody } from '../../../../src/app/components/editor/versions';
import type { ProviderChoice } from '../../../../src/app/features/console-route/model/route-rules';

/** The sample handbooks of routes-data/, read as coordinators wrote them (the console's record bodies). */
const ROOT = join(import.meta.dirname, '../../../../routes-data');

export const SAMPLE_JURISDICTIONS = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function bodiesIn(jurisdiction: string, folder: 'routes' | 'checklists'): RecordBody[] {
  const directory = join(ROOT, jurisdiction, folder);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => parse(readFileSync(join(directory, file), 'utf8')) as RecordBody);
}

export const sampleRoutes = (jurisdiction: string) => bodiesIn(jurisdiction, 'routes');
export const sampleChecklists = (jurisdiction: string) => bodiesIn(jurisdiction, 'checklists');

export function sampleProviders(jurisdiction: string): ProviderChoice[] {
  const providers = parse(readFileSync(join(ROOT, jurisdiction, 'providers.yaml'), 'utf8')) as {
    id: string;
    name: Record<string, string>;
  }[];
  return providers.map((provider) => ({ id: provider.id, name: provider.name, archived: false }));
}

/** The Ocotepeque route: seven stages, conditions, responsible providers — what most tests edit. */
export function ocotepequeRoute(): RecordBody {
  return sampleRoutes('hn-ocotepeque')[0] as RecordBody;
}
