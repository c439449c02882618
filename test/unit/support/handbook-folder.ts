import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { HandbookInput } from '../../../src/core/handbook/schema';

/** A fresh temporary directory; remove it with `removeTemporaryDirectory`. */
export function temporaryDirectory(prefix = 'rutas-unit-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeTemporaryDirectory(directory: string): Promise<void> {
  return rm(directory, { recursive: true, force: true });
}

/**
 * Writes a handbook the way coordinators author it — routes-data/<id>/jurisdiction.yaml,
 * providers.yaml, routes/<route>.yaml, checklists/<checklist>.yaml — and returns the folder.
 */
export async function writeHandbookFolder(root: string, handbook: HandbookInput, folderName?: string): Promise<string> {
  const folder = join(root, folderName ?? handbook.jurisdiction.id);
  await mkdir(join(folder, 'routes'), { recursive: true });
  await mkdir(join(folder, 'checklists'), { recursive: true });
  await writeFile(join(folder, 'jurisdiction.yaml'), stringify(handbook.jurisdiction));
  await writeFile(join(folder, 'providers.yaml'), stringify(handbook.providers));
  for (const route of handbook.routes) await writeFile(join(folder, 'routes', `${route.id}.yaml`), stringify(route));
  for (const checklist of handbook.checklists ?? []) {
    await writeFile(join(folder, 'checklists', `${checklist.id}.yaml`), stringify(checklist));
  }
  return folder;
}

/** Replaces the one occurrence of `from` in a file; throws if it is not there exactly once. */
export async function replaceInFile(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`"${from}" is not in ${file} exactly once`);
  await writeFile(file, text.replace(from, to));
}

/** The 1-based line of a file on which `needle` first appears. */
export async function lineContaining(file: string, needle: string): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in ${file}`);
  return index + 1;
}
