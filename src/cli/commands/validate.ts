import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatFolderIssue, listHandbookFolders, loadHandbookFolder } from '../../server/handbooks/folder';

/**
 * `rutas validate [folder]`: a jurisdiction folder, or a routes-data root holding several.
 * Prints every problem with file, path and reason; returns the exit code.
 */
export async function validateCommand(target = 'routes-data'): Promise<number> {
  const folders = existsSync(join(target, 'jurisdiction.yaml')) ? [target] : await listHandbookFolders(target);
  if (folders.length === 0) {
    console.error(`${target}: no handbook folders found (a handbook folder holds jurisdiction.yaml)`);
    return 1;
  }
  let failed = 0;
  for (const folder of folders) {
    const result = await loadHandbookFolder(folder);
    if (result.ok) {
      const { handbook } = result;
      console.log(
        `✓ ${folder}: ${handbook.providers.length} providers, ${handbook.routes.length} route(s), ${handbook.checklists.length} checklist(s)`,
      );
    } else {
      failed++;
      console.error(`✗ ${folder}: ${result.issues.length} problem(s)`);
      for (const issue of result.issues) console.error(`  ${formatFolderIssue(issue)}`);
    }
  }
  return failed === 0 ? 0 : 1;
}
