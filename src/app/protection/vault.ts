import type { RutasDatabase, SealedKind, SealedRecord, VaultKeyRecord } from '../db/database';
import { waitAfter, waitLeft } from './attempts';
import { normalizePin } from './pin-rules';

/**
 * PBKDF2-SHA-256 iterations for a new PIN (OWASP's figure for PBKDF2-HMAC-SHA-256). Each record
 * keeps its own count, so raising this later still opens older records, which are re-wrapped
 * with the new count at their next unlock.
 */
export const PBKDF2_ITERATIONS = 310_000;

/** How the worker types their PIN: the numeric keypad, or a passphrase on the full keyboard. */
export type PinKind = 'digits' | 'passphrase';
export const PIN_KIND_SETTING = 'protection.pinKind';

const KEY_ID = 'pin';
const AES = { name: 'AES-GCM', length: 256 } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(size));
}

/**
 * Stored bytes as WebCrypto takes them: IndexedDB gives views back over any kind of buffer, and
 * a buffer cloned in another realm (a test's jsdom window) fails WebCrypto's type check unwrapped.
 */
function bytes(stored: Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(stored);
}

/** Binds a sealed value to its row: a ciphertext copied under another kind or id does not open. */
function rowBinding(kind: SealedKind, id: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${kind}/${id}`);
}

/** Thrown when a vault is used after the app locked: the data key is gone from memory. */
export class VaultLockedError extends Error {
  override name = 'VaultLockedError';
  constructor() {
    super('The vault is locked');
  }
}

/**
 * The worker's records, sealed with AES-GCM under the data key. Nothing of a value is stored in
 * clear: only its kind and its random id, which the row needs to be found.
 */
export class Vault {
  #key: CryptoKey | null;

  constructor(
    private readonly db: RutasDatabase,
    key: CryptoKey,
  ) {
    this.#key = key;
  }

  /** Forgets the data key: every later use throws VaultLockedError. */
  close(): void {
    this.#key = null;
  }

  #dataKey(): CryptoKey {
    if (!this.#key) throw new VaultLockedError();
    return this.#key;
  }

  async seal<T>(kind: SealedKind, id: string, value: T): Promise<void> {
    const iv = randomBytes(12);
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: rowBinding(kind, id) },
      this.#dataKey(),
      encoder.encode(JSON.stringify(value)),
    );
    await this.db.sealed.put({ kind, id, iv, ciphertext });
  }

  async open<T>(kind: SealedKind, id: string): Promise<T | undefined> {
    this.#dataKey();
    const row = await this.db.sealed.get([kind, id]);
    return row ? this.openRow<T>(row) : undefined;
  }

  async openAll<T>(kind: SealedKind): Promise<T[]> {
    this.#dataKey();
    const rows = await this.db.sealed.where('kind').equals(kind).toArray();
    return Promise.all(rows.map((row) => this.openRow<T>(row)));
  }

  async openRow<T>(row: SealedRecord): Promise<T> {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(row.iv), additionalData: rowBinding(row.kind, row.id) },
      this.#dataKey(),
      bytes(row.ciphertext),
    );
    return JSON.parse(decoder.decode(plaintext)) as T;
  }

  async remove(kind: SealedKind, id: string): Promise<void> {
    this.#dataKey();
    await this.db.sealed.delete([kind, id]);
  }
}

/** The key that wraps the data key, derived from the PIN; it never leaves WebCrypto. */
async function pinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(normalizePin(pin)), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: bytes(salt), iterations, hash: 'SHA-256' },
    material,
    AES,
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

type Wrapping = Pick<VaultKeyRecord, 'salt' | 'iterations' | 'iv' | 'wrappedKey'>;

async function wrap(
  dataKey: CryptoKey,
  pin: string,
  iterations: number,
): Promise<{ wrapping: Wrapping; byPin: CryptoKey }> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const byPin = await pinKey(pin, salt, iterations);
  const wrappedKey = await crypto.subtle.wrapKey('raw', dataKey, byPin, { name: 'AES-GCM', iv });
  return { wrapping: { salt, iterations, iv, wrappedKey }, byPin };
}

/** The data key, or undefined when the PIN is wrong (the GCM tag does not check out). */
async function unwrap(record: Wrapping, byPin: CryptoKey, extractable: boolean): Promise<CryptoKey | undefined> {
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      bytes(record.wrappedKey),
      byPin,
      { name: 'AES-GCM', iv: bytes(record.iv) },
      AES,
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch (error) {
    if ((error as Error).name === 'OperationError') return undefined;
    throw error;
  }
}

function readKey(db: RutasDatabase): Promise<VaultKeyRecord | undefined> {
  return db.vaultKeys.get(KEY_ID);
}

/** Why an attempt with a PIN did not open the vault, and where the worker stands. */
export interface Refusal {
  refused: 'wrong-pin' | 'wait';
  failedAttempts: number;
  /** Milliseconds before the next attempt is allowed. */
  waitMs: number;
}

/**
 * Rewrites the record with a new attempt count and wait, every other field as it was read. A
 * whole put, not Dexie's update(): update deep-clones the record, which turns the key's bytes
 * into a plain object where the buffer comes from another realm (a test's jsdom window).
 */
async function putAttempts(db: RutasDatabase, record: VaultKeyRecord, failedAttempts: number, waitMs: number) {
  const { retryAfter: _previous, ...kept } = record;
  const retryAfter = waitMs > 0 ? new Date(Date.now() + waitMs).toISOString() : undefined;
  await db.vaultKeys.put(retryAfter ? { ...kept, failedAttempts, retryAfter } : { ...kept, failedAttempts });
}

/** A wrong PIN writes the attempt counter and the wait, nothing else. */
async function countFailure(db: RutasDatabase): Promise<Refusal> {
  return db.transaction('rw', db.vaultKeys, async () => {
    const record = await readKey(db);
    if (!record) throw new Error('No PIN is set on this device');
    const failedAttempts = record.failedAttempts + 1;
    const waitMs = waitAfter(failedAttempts);
    await putAttempts(db, record, failedAttempts, waitMs);
    return { refused: 'wrong-pin', failedAttempts, waitMs };
  });
}

/** Checks a PIN against the stored record; a wait still running refuses it untried. */
async function tryPin(
  db: RutasDatabase,
  pin: string,
  extractable: boolean,
): Promise<{ record: VaultKeyRecord; key: CryptoKey; byPin: CryptoKey } | Refusal> {
  const record = await readKey(db);
  if (!record) throw new Error('No PIN is set on this device');
  const waitMs = waitLeft(record.retryAfter, new Date());
  if (waitMs > 0) return { refused: 'wait', failedAttempts: record.failedAttempts, waitMs };
  const byPin = await pinKey(pin, record.salt, record.iterations);
  const key = await unwrap(record, byPin, extractable);
  return key ? { record, key, byPin } : countFailure(db);
}

/** Rewraps the data key with a new PIN, unless the record changed since it was read (another tab). */
async function rewrap(
  db: RutasDatabase,
  read: VaultKeyRecord,
  dataKey: CryptoKey,
  pin: string,
  kind: PinKind,
): Promise<void> {
  const { wrapping } = await wrap(dataKey, pin, PBKDF2_ITERATIONS);
  await db.transaction('rw', db.vaultKeys, db.settings, async () => {
    const current = await readKey(db);
    if (!current || !sameBytes(current.wrappedKey, read.wrappedKey)) {
      throw new Error('The PIN was changed meanwhile');
    }
    const { retryAfter: _cleared, ...kept } = current;
    await db.vaultKeys.put({ ...kept, ...wrapping, failedAttempts: 0 });
    await db.settings.put({ key: PIN_KIND_SETTING, value: kind });
  });
}

function sameBytes(a: ArrayBuffer, b: ArrayBuffer): boolean {
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/**
 * Sets the first PIN: a random data key, wrapped by the PIN's key. The vault returned holds
 * a non-extractable copy; the extractable original is only used to wrap it.
 */
export async function createPin(
  db: RutasDatabase,
  pin: string,
  kind: PinKind,
  iterations = PBKDF2_ITERATIONS,
): Promise<Vault> {
  const dataKey = await crypto.subtle.generateKey(AES, true, ['encrypt', 'decrypt']);
  const { wrapping, byPin } = await wrap(dataKey, pin, iterations);
  const record: VaultKeyRecord = { id: KEY_ID, ...wrapping, createdAt: new Date().toISOString(), failedAttempts: 0 };
  await db.transaction('rw', db.vaultKeys, db.settings, async () => {
    await db.vaultKeys.add(record); // refuses to replace an existing PIN (and the data it guards)
    await db.settings.put({ key: PIN_KIND_SETTING, value: kind });
  });
  const key = await unwrap(record, byPin, false);
  if (!key) throw new Error('The new data key did not unwrap');
  return new Vault(db, key);
}

/** Opens the vault with the worker's PIN. A correct PIN resets the count of wrong ones. */
export async function unlockVault(db: RutasDatabase, pin: string): Promise<{ vault: Vault } | Refusal> {
  const tried = await tryPin(db, pin, false);
  if ('refused' in tried) return tried;
  const { record, key, byPin } = tried;
  if (record.iterations < PBKDF2_ITERATIONS) {
    const kind = (await db.settings.get(PIN_KIND_SETTING))?.value as PinKind | undefined;
    const extractable = await unwrap(record, byPin, true);
    if (extractable) await rewrap(db, record, extractable, pin, kind ?? 'digits');
  } else if (record.failedAttempts > 0 || record.retryAfter) {
    await db.transaction('rw', db.vaultKeys, async () => {
      const current = await readKey(db);
      if (current) await putAttempts(db, current, 0, 0);
    });
  }
  return { vault: new Vault(db, key) };
}

/**
 * Changes the PIN: the data key (and so every sealed record) stays the same, wrapped anew.
 * The key is extractable only inside this call. A wrong current PIN counts as a wrong PIN.
 */
export async function changePin(
  db: RutasDatabase,
  currentPin: string,
  newPin: string,
  kind: PinKind,
): Promise<{ changed: true } | Refusal> {
  const tried = await tryPin(db, currentPin, true);
  if ('refused' in tried) return tried;
  await rewrap(db, tried.record, tried.key, newPin, kind);
  return { changed: true };
}
