import { basename } from 'node:path';
import type { Handbook } from '../../core/handbook/schema';
import { formatFolderIssue, listHandbookFolders, loadHandbookFolder } from '../handbooks/folder';
import { ReleaseExistsError, type Storage } from '../storage/types';
import { publishHandbook } from './publish';

/** Thrown when a handbook folder is invalid; the message lists every problem, one per line. */
export class InvalidHandbookError extends Error {}

/**
 * On a server's start: publishes release 1 of every handbook under routes-data/ whose
 * jurisdiction the store does not hold yet (later releases come from `rutas publish`). Every
 * such folder is checked before anything is written, so one invalid handbook publishes nothing.
 */
export async function publishFirstReleases(
  storage: Storage,
  routesDataRoot: string,
  now = new Date(),
): Promise<{ jurisdictionId: string; number: number }[]> {
  const published = new Set(await storage.jurisdictionIds());
  const handbooks: Handbook[] = [];
  const problems: string[] = [];
  for (const folder of await listHandbookFolders(routesDataRoot)) {
    // A folder is named after its jurisdiction (validation insists), so published ones are skipped unread.
    if (published.has(basename(folder))) continue;
    const result = await loadHandbookFolder(folder);
    if (!result.ok) problems.push(`${folder}:`, ...result.issues.map((issue) => `  ${formatFolderIssue(issue)}`));
    else handbooks.push(result.handbook);
  }
  if (problems.length > 0) {
    throw new InvalidHandbookError(`Nothing was published: fix these handbook problems first\n${problems.join('\n')}`);
  }

  const created: { jurisdictionId: string; number: number }[] = [];
  for (const handbook of handbooks) {
    try {
      const outcome = await publishHandbook(storage, handbook, now);
      if (outcome.status === 'created')
        created.push({ jurisdictionId: handbook.jurisdiction.id, number: outcome.number });
    } catch (error) {
      // Another process (a second server starting, or the CLI) published it a moment ago.
      if (!(error instanceof ReleaseExistsError)) throw error;
    }
  }
  return created;
}
