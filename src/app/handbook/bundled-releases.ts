import type { BundledReleaseIndex } from '../../core/release/release';
import { releasePayload } from '../sync/payload';

/** The index of the releases bundled with the app (precached, so it loads offline). */
export async function fetchBundledIndex(): Promise<BundledReleaseIndex> {
  const response = await fetch(`${import.meta.env.BASE_URL}handbooks/index.json`);
  if (!response.ok) throw new Error(`handbooks/index.json: HTTP ${response.status}`);
  return (await response.json()) as BundledReleaseIndex;
}

/** A bundled snapshot as it arrived; the caller verifies it against the pinned key before using it. */
export async function fetchBundledSnapshot(file: string): Promise<unknown> {
  const response = await fetch(`${import.meta.env.BASE_URL}${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return releasePayload(response, file);
}
