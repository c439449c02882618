import { type Release, type ReleaseIndex, releaseContentHash } from '../../core/release/release';

export class ReleaseIntegrityError extends Error {}

/** The index of the sample releases bundled with the app (precached, so it loads offline). */
export async function fetchBundledIndex(): Promise<ReleaseIndex> {
  const response = await fetch(`${import.meta.env.BASE_URL}handbooks/index.json`);
  if (!response.ok) throw new Error(`handbooks/index.json: HTTP ${response.status}`);
  return (await response.json()) as ReleaseIndex;
}

/** A bundled release, refused unless its content hashes to what it claims. */
export async function fetchBundledRelease(file: string): Promise<Release> {
  const response = await fetch(`${import.meta.env.BASE_URL}${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const release = (await response.json()) as Release;
  if ((await releaseContentHash(release)) !== release.contentHash) {
    throw new ReleaseIntegrityError(`${file}: content does not match its hash`);
  }
  return release;
}
