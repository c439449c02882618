import { fromBase64Url, toBase64Url } from '../../core/release/hashing';
import { keyIdOf } from '../../core/release/signature';
import type { SigningKey, Storage } from '../storage/types';

/** The store's signing key, created on first use: every process sharing the store signs with the same key. */
export async function ensureSigningKey(storage: Storage, now = new Date()): Promise<SigningKey> {
  const existing = await storage.signingKey();
  if (existing) return existing;
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const privateKey = toBase64Url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
  return storage.saveSigningKey({ id: await keyIdOf(publicKey), publicKey, privateKey, createdAt: now.toISOString() });
}

export function importPrivateKey(key: SigningKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromBase64Url(key.privateKey) as BufferSource, { name: 'Ed25519' }, false, [
    'sign',
  ]);
}
