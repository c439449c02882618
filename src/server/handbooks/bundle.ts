import { createHash } from 'node:crypto';
import { handbookFromRecords } from '../../core/release/records';
import type { BundledReleaseIndex } from '../../core/release/release';
import { ensureSigningKey } from '../publishing/signing-key';
import { releaseSnapshot } from '../publishing/snapshots';
import type { Storage } from '../storage/types';

export interface BundleFile {
  fileName: string;
  source: string;
}

export interface ReleaseBundle {
  /** The public key the app build pins. */
  publicKey: string;
  files: BundleFile[];
}

/**
 * The releases built into the app, so a device that was online once holds every
 * jurisdiction offline: the latest public release of each, as signed snapshots named by
 * their content, and an index that also carries the public key the app pins.
 */
export async function buildReleaseBundle(storage: Storage): Promise<ReleaseBundle> {
  const { publicKey } = await ensureSigningKey(storage);
  const index: BundledReleaseIndex = { format: 'rutas-bundle/1', publicKey, releases: [] };
  const files: BundleFile[] = [];
  for (const jurisdictionId of await storage.jurisdictionIds()) {
    const latest = await storage.latestRelease(jurisdictionId, 'public');
    const snapshot = latest && (await releaseSnapshot(storage, jurisdictionId, latest.number, 'public'));
    if (!snapshot) continue;
    const source = JSON.stringify(snapshot);
    const fileName = `handbooks/${jurisdictionId}.${createHash('sha256').update(source).digest('hex').slice(0, 16)}.json`;
    const { jurisdiction } = handbookFromRecords(snapshot.records);
    files.push({ fileName, source });
    index.releases.push({
      jurisdictionId,
      name: jurisdiction.name,
      country: jurisdiction.country,
      number: snapshot.release.header.number,
      stateHash: snapshot.release.header.stateHash,
      file: fileName,
    });
  }
  files.push({ fileName: 'handbooks/index.json', source: JSON.stringify(index) });
  return { publicKey, files };
}

/** The public key a build pinned, read from its bundled index; undefined when there is no build. */
export function pinnedPublicKey(indexSource: string): string | undefined {
  try {
    return (JSON.parse(indexSource) as Partial<BundledReleaseIndex>).publicKey;
  } catch {
    return undefined;
  }
}
