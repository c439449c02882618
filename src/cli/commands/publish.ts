import type { RecordChange } from '../../core/release/changes';
import { recordAudit } from '../../server/accounts/audit';
import { formatFolderIssue, loadHandbookFolder } from '../../server/handbooks/folder';
import { type PublishOutcome, publishHandbook } from '../../server/publishing/publish';
import { storageFromEnv } from '../../server/storage/open';
import { ReleaseExistsError, type Storage } from '../../server/storage/types';

/** Enough of a changelog to check it at a glance; the whole one is in the release. */
const SHOWN_CHANGES = 20;

function describeChange(change: RecordChange): string {
  const name = change.name ? ` (${change.name.en})` : '';
  const fields = change.change === 'changed' ? `: ${change.fields.join(', ')}` : '';
  return `  ${change.change} ${change.key}${name}${fields}`;
}

async function publishOnce(storage: Storage, handbook: Parameters<typeof publishHandbook>[1]): Promise<PublishOutcome> {
  try {
    return await publishHandbook(storage, handbook);
  } catch (error) {
    // Someone published this jurisdiction between our read and our write: compare with theirs.
    if (error instanceof ReleaseExistsError) return publishHandbook(storage, handbook);
    throw error;
  }
}

/**
 * `rutas publish <folder>`: validates the folder and, when it differs from the jurisdiction's
 * latest release, publishes the next one into the store the server uses (RUTAS_DATA_DIR or
 * DATABASE_URL). An invalid folder writes nothing. Returns the exit code.
 */
export async function publishCommand(folder: string | undefined): Promise<number> {
  if (!folder) {
    console.error('Usage: rutas publish <folder>, e.g. rutas publish routes-data/hn-ocotepeque');
    return 1;
  }
  const result = await loadHandbookFolder(folder);
  if (!result.ok) {
    console.error(`✗ ${folder}: ${result.issues.length} problem(s); nothing was published`);
    for (const issue of result.issues) console.error(`  ${formatFolderIssue(issue)}`);
    return 1;
  }
  const jurisdictionId = result.handbook.jurisdiction.id;
  const storage = await storageFromEnv();
  try {
    const outcome = await publishOnce(storage, result.handbook);
    if (outcome.status === 'unchanged') {
      console.log(`No changes: ${jurisdictionId} stays at release ${outcome.number}`);
      return 0;
    }
    // The enrolled variant holds every record, restricted ones included: its changelog is the whole story.
    const changelog = outcome.release.variants.find((v) => v.variant === 'enrolled')?.changelog ?? [];
    await recordAudit(storage, {
      actor: null,
      action: 'publish',
      jurisdictionId,
      subject: `release ${outcome.number}`,
      details: { via: 'cli', changes: changelog.length },
    });
    console.log(`Published ${jurisdictionId} release ${outcome.number} (${changelog.length} records changed)`);
    for (const change of changelog.slice(0, SHOWN_CHANGES)) console.log(describeChange(change));
    if (changelog.length > SHOWN_CHANGES) console.log(`  … and ${changelog.length - SHOWN_CHANGES} more`);
    return 0;
  } finally {
    await storage.close();
  }
}
