import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createRelease, RELEASE_FORMAT, type ReleaseIndex } from '../../core/release/release';
import { formatFolderIssue, listHandbookFolders, loadHandbookFolder } from './folder';

export interface ReleaseFile {
  fileName: string;
  source: string;
}

export class InvalidHandbookError extends Error {}

/**
 * Builds the public sample releases bundled with the app from routes-data/: one
 * content-addressed file per jurisdiction and an index. Any invalid handbook aborts,
 * so an invalid handbook never reaches a device.
 */
export async function buildSampleReleases(root: string): Promise<ReleaseFile[]> {
  const folders = await listHandbookFolders(root);
  const problems: string[] = [];
  const files: ReleaseFile[] = [];
  const index: ReleaseIndex = { format: RELEASE_FORMAT, releases: [] };
  for (const folder of folders) {
    const result = await loadHandbookFolder(folder);
    if (!result.ok) {
      problems.push(...result.issues.map(formatFolderIssue));
      continue;
    }
    const release = await createRelease(result.handbook, 1, await lastEdited(folder));
    const source = JSON.stringify(release);
    const fileName = `handbooks/${release.jurisdictionId}.${createHash('sha256').update(source).digest('hex').slice(0, 16)}.json`;
    files.push({ fileName, source });
    index.releases.push({
      jurisdictionId: release.jurisdictionId,
      name: release.handbook.jurisdiction.name,
      country: release.handbook.jurisdiction.country,
      number: release.number,
      contentHash: release.contentHash,
      file: fileName,
    });
  }
  if (problems.length > 0) {
    throw new InvalidHandbookError(`Invalid handbook in ${root}:\n  ${problems.join('\n  ')}`);
  }
  if (folders.length === 0) throw new InvalidHandbookError(`${root}: no handbook folders found`);
  files.push({ fileName: 'handbooks/index.json', source: JSON.stringify(index) });
  return files;
}

/** When the handbook's files last changed: the sample release's date, stable across builds. */
async function lastEdited(folder: string): Promise<Date> {
  const entries = await readdir(folder, { recursive: true });
  const times = await Promise.all(entries.map(async (entry) => (await stat(join(folder, entry))).mtimeMs));
  return new Date(Math.max(...times));
}
