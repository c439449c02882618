import type { Jurisdiction } from '../handbook/schema';

/**
 * The releases bundled with the app, so that a device that was online once has every
 * published jurisdiction offline. Each file is a public release snapshot, signed like any
 * other, and named by its content.
 */
export interface BundledReleaseIndex {
  format: 'rutas-bundle/1';
  /** The public key the app pins (raw Ed25519, base64url). */
  publicKey: string;
  releases: BundledReleaseEntry[];
}

export interface BundledReleaseEntry {
  jurisdictionId: string;
  name: Jurisdiction['name'];
  country: string;
  number: number;
  stateHash: string;
  /** Path of the content-addressed snapshot file, relative to the app's base URL. */
  file: string;
}
