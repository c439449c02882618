import { HSDS_IMPORT_MAX_BYTES } from '../../../../core/hsds/report';

/** As many files as one import request takes (HsdsImportRequestSchema). */
export const HSDS_MAX_FILES = 50;

/** Why a choice of files cannot be imported; each has a sentence in locales/ (console-operations: hsds.choice.*). */
export type HsdsSelectionProblem = 'empty' | 'unsupported' | 'tooMany' | 'tooLarge' | 'severalJson' | 'noDatapackage';

const extension = (name: string) => name.toLowerCase().split('.').pop() ?? '';

/**
 * Checks a choice of files before reading them: one HSDS JSON document, or the tabular
 * package (CSV files with their datapackage.json), together no larger than the server takes
 * (HSDS_IMPORT_MAX_BYTES), so a 50 MB file is refused before a byte of it is sent.
 */
export function hsdsSelectionProblem(
  files: readonly { name: string; size: number }[],
): HsdsSelectionProblem | undefined {
  if (files.length === 0) return 'empty';
  if (files.some((file) => !['json', 'csv'].includes(extension(file.name)))) return 'unsupported';
  if (files.length > HSDS_MAX_FILES) return 'tooMany';
  if (files.reduce((total, file) => total + file.size, 0) > HSDS_IMPORT_MAX_BYTES) return 'tooLarge';
  const json = files.filter((file) => extension(file.name) === 'json');
  const csv = files.length - json.length;
  if (csv === 0) return json.length === 1 ? undefined : 'severalJson';
  const datapackages = json.filter((file) => file.name.toLowerCase() === 'datapackage.json');
  if (datapackages.length !== 1) return 'noDatapackage';
  return json.length === 1 ? undefined : 'severalJson';
}
