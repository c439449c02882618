import { canonicalJson, fromBase64Url, sha256Hex, toBase64Url } from './hashing';
import type { ReleaseVariant } from './records';

export const RELEASE_FORMAT = 'rutas-release/2';

/** What a release's Ed25519 signature covers. */
export interface ReleaseHeader {
  format: typeof RELEASE_FORMAT;
  jurisdictionId: string;
  number: number;
  variant: ReleaseVariant;
  publishedAt: string;
  stateHash: string;
  recordCount: number;
  /** Which signing key signed it: the first 16 hex digits of the SHA-256 of the raw public key. */
  keyId: string;
}

export interface SignedReleaseHeader {
  header: ReleaseHeader;
  /** Ed25519 signature (base64url) over the canonical JSON of `header`. */
  signature: string;
}

export function headerBytes(header: ReleaseHeader): Uint8Array {
  return new TextEncoder().encode(canonicalJson(header));
}

/** A raw 32-byte Ed25519 public key, base64url. */
export async function keyIdOf(publicKey: string): Promise<string> {
  return (await sha256Hex(publicKey)).slice(0, 16);
}

/** Signs with a WebCrypto Ed25519 private key (Node's webcrypto on the server). */
export async function signReleaseHeader(header: ReleaseHeader, privateKey: CryptoKey): Promise<SignedReleaseHeader> {
  const signature = await crypto.subtle.sign('Ed25519', privateKey, headerBytes(header) as BufferSource);
  return { header, signature: toBase64Url(new Uint8Array(signature)) };
}

/** Checks an Ed25519 signature; false (never a throw) for a key the implementation cannot use. */
export type Ed25519Verifier = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => Promise<boolean>;

/** The audited pure-JS implementation, loaded only on a browser without WebCrypto Ed25519. */
export const nobleEd25519: Ed25519Verifier = async (signature, message, publicKey) => {
  const noble = await import('@noble/ed25519');
  try {
    return await noble.verifyAsync(signature, message, publicKey);
  } catch {
    return false;
  }
};

export const webCryptoEd25519: Ed25519Verifier = async (signature, message, publicKey) => {
  const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify('Ed25519', key, signature as BufferSource, message as BufferSource);
};

let available: Promise<Ed25519Verifier> | undefined;

/** WebCrypto where the runtime has Ed25519, @noble/ed25519 where it does not. */
function platformEd25519(): Promise<Ed25519Verifier> {
  available ??= crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']).then(
    () => webCryptoEd25519,
    () => nobleEd25519,
  );
  return available;
}

/** Whether the header was signed by the holder of `publicKey` (raw Ed25519, base64url). */
export async function verifyReleaseHeader(
  signed: SignedReleaseHeader,
  publicKey: string,
  ed25519?: Ed25519Verifier,
): Promise<boolean> {
  let signature: Uint8Array;
  let key: Uint8Array;
  try {
    signature = fromBase64Url(signed.signature);
    key = fromBase64Url(publicKey);
  } catch {
    return false;
  }
  if (signature.length !== 64 || key.length !== 32) return false;
  const verify = ed25519 ?? (await platformEd25519());
  try {
    return await verify(signature, headerBytes(signed.header), key);
  } catch {
    return false;
  }
}
