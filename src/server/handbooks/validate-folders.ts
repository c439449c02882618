import { formatFolderIssue, listHandbookFolders, loadHandbookFolder } from './folder';

export class InvalidHandbookError extends Error {}

/** Every problem of every handbook folder under `root`, formatted file:line; empty when all are valid. */
export async function validateHandbookFolders(root: string): Promise<string[]> {
  const folders = await listHandbookFolders(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (folders.length === 0) return [`${root}: no handbook folders found`];
  const problems: string[] = [];
  for (const folder of folders) {
    const result = await loadHandbookFolder(folder);
    if (!result.ok) problems.push(...result.issues.map(formatFolderIssue));
  }
  return problems;
}
