import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { HSDS_IMPORT_MAX_BYTES } from '../../core/hsds/import';
import type { HsdsFile, HsdsImportReport, HsdsProblem } from '../../core/hsds/report';
import { importHsdsIntoDraft } from '../../server/drafts/hsds';
import { storageFromEnv } from '../../server/storage/open';

const USAGE = 'Usage: rutas import-hsds <file.json or folder of CSV files> --jurisdiction <id>';
const MEGABYTE = 1024 * 1024;

class TooLargeError extends Error {}

/**
 * The files of an import: one JSON document, or the .csv and .json files of a folder (the
 * tabular package). Their sizes are checked before anything is read.
 */
async function readImportFiles(target: string): Promise<HsdsFile[]> {
  const info = await stat(target);
  const paths = info.isDirectory()
    ? (await readdir(target, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && ['.csv', '.json'].includes(extname(entry.name).toLowerCase()))
        .map((entry) => join(target, entry.name))
        .sort()
    : [target];
  const sizes = info.isDirectory()
    ? await Promise.all(paths.map(async (path) => (await stat(path)).size))
    : [info.size];
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > HSDS_IMPORT_MAX_BYTES) {
    throw new TooLargeError(
      `${target} is ${(total / MEGABYTE).toFixed(1)} MB; an HSDS import takes at most ${HSDS_IMPORT_MAX_BYTES / MEGABYTE} MB. Nothing was imported.`,
    );
  }
  return Promise.all(paths.map(async (path) => ({ name: basename(path), content: await readFile(path, 'utf8') })));
}

function formatProblem(problem: HsdsProblem): string {
  const where = [problem.file, problem.line === undefined ? undefined : `line ${problem.line}`]
    .filter(Boolean)
    .join(' ');
  return `  ${where ? `${where}: ` : ''}${problem.message}`;
}

function printReport(report: HsdsImportReport): void {
  for (const provider of report.providers) {
    console.log(`+ ${provider.providerId}  ${provider.name}  (HSDS ${provider.hsds.kind} ${provider.hsds.id})`);
    for (const mapped of provider.mapped) console.log(`    mapped  ${mapped.field} ← ${mapped.from}`);
    for (const skip of provider.skipped) console.log(`    skipped ${skip.where}: ${skip.message}`);
  }
  if (report.skipped.length > 0) {
    console.log('Also skipped:');
    for (const skip of report.skipped) console.log(`  ${skip.where || skip.file}: ${skip.message}`);
  }
}

/**
 * `rutas import-hsds <file-or-folder> --jurisdiction <id>`: reads HSDS 3.0 data into the
 * jurisdiction's draft and prints what was mapped and what was skipped and why. Input that is
 * not HSDS (or larger than 50 MB) is refused whole: nothing is written. Returns the exit code.
 */
export async function importHsdsCommand(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const [target, ...extra] = parsed.positionals;
  const jurisdictionId = parsed.values.jurisdiction;
  if (!target || extra.length > 0 || !jurisdictionId) {
    console.error(USAGE);
    return 1;
  }

  let files: HsdsFile[];
  try {
    files = await readImportFiles(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'ENOENT' ? `${target}: no such file or folder` : (error as Error).message);
    return 1;
  }

  const storage = await storageFromEnv();
  try {
    // The draft keeps records that do not validate yet (one language, missing service types…);
    // the console lists what is missing before anything can be published.
    const outcome = await importHsdsIntoDraft(storage, jurisdictionId, files, {
      actorAccountId: null,
      source: `HSDS import: ${basename(target)}`,
    });
    if (outcome.status === 'unknown-jurisdiction') {
      const published = await storage.jurisdictionIds();
      console.error(
        `No jurisdiction "${jurisdictionId}" to import into: publish it first (published: ${published.join(', ') || 'none'})`,
      );
      return 1;
    }
    if (outcome.status === 'refused') {
      console.error(`✗ ${target}: the import was refused (${outcome.problems.length} problem(s)); nothing was written`);
      for (const problem of outcome.problems) console.error(formatProblem(problem));
      return 1;
    }
    printReport(outcome.report);
    const { added, updated } = outcome;
    console.log(
      `Imported ${added.length + updated.length} provider(s) into the draft of ${jurisdictionId}: ${added.length} added, ${updated.length} updated.`,
    );
    console.log('Nothing is published yet: translate and check them in the console, then publish.');
    return 0;
  } finally {
    await storage.close();
  }
}

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: { jurisdiction: { type: 'string' } } });
}
