import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RutasDatabase, type SealedRecord, type VaultKeyRecord } from '../../../src/app/db/database';
import {
  FIRST_WAIT_MS,
  LONGEST_WAIT_MS,
  WIPE_OFFERED_AFTER,
  waitAfter,
  waitLeft,
} from '../../../src/app/protection/attempts';
import { MIN_PIN_LENGTH, pinProblem } from '../../../src/app/protection/pin-rules';
import {
  changePin,
  createPin,
  PBKDF2_ITERATIONS,
  PIN_KIND_SETTING,
  unlockVault,
  type Vault,
  VaultLockedError,
} from '../../../src/app/protection/vault';

let databases: RutasDatabase[] = [];
let counter = 0;
/** A database of its own for each test, over fake-indexeddb. */
function freshDatabase(name = `rutas-protection-${Date.now()}-${counter++}`): RutasDatabase {
  const db = new RutasDatabase(name);
  databases.push(db);
  return db;
}
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const db of databases) db.close();
  for (const name of new Set(databases.map((db) => db.name))) await Dexie.delete(name);
  databases = [];
});

const PIN = '482916';
const OTHER_PIN = '730258';
const NOTE = 'Refiere que le retienen el pasaporte en la finca';

/** A case-like record with free text, a date and a status: none of it may be stored in clear. */
const sample = (id: string) => ({
  id,
  caseCode: 'K7-XQ2P',
  notes: `${NOTE} (${id})`,
  createdAt: '2026-11-24T09:15:00.000Z',
  status: 'sent',
});

async function unlocked(db: RutasDatabase, pin = PIN): Promise<Vault> {
  const result = await unlockVault(db, pin);
  if (!('vault' in result)) throw new Error(`expected ${pin} to unlock, was refused: ${result.refused}`);
  return result.vault;
}

/** The stored rows, byte for byte, as something comparable. */
async function sealedBytes(db: RutasDatabase): Promise<string[]> {
  const rows = await db.sealed.toArray();
  return rows.map(
    (row) =>
      `${row.kind}/${row.id}:${Buffer.from(row.iv).toString('hex')}:${Buffer.from(row.ciphertext).toString('hex')}`,
  );
}

function keyRecord(db: RutasDatabase): Promise<VaultKeyRecord | undefined> {
  return db.vaultKeys.get('pin');
}

describe('a PIN and the data key it wraps', () => {
  it('stores a random data key wrapped under PBKDF2-SHA-256 (≥ 310,000 iterations, 16-byte salt, 12-byte IV)', async () => {
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    const record = await keyRecord(db);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
    expect(record?.iterations).toBe(PBKDF2_ITERATIONS);
    expect(record?.salt).toHaveLength(16);
    expect(record?.iv).toHaveLength(12);
    // 32 bytes of AES-256 key and a 16-byte GCM tag.
    expect(record?.wrappedKey.byteLength).toBe(48);
    expect(record?.failedAttempts).toBe(0);
    expect((await db.settings.get(PIN_KIND_SETTING))?.value).toBe('digits');

    const again = freshDatabase();
    await createPin(again, PIN, 'digits');
    const other = await keyRecord(again);
    expect(Buffer.from(other?.salt ?? []).equals(Buffer.from(record?.salt ?? []))).toBe(false);
    const wrapped = (r?: VaultKeyRecord) => Buffer.from(r?.wrappedKey ?? new ArrayBuffer(0));
    expect(wrapped(other).equals(wrapped(record))).toBe(false);
  });

  it('never replaces a PIN that is already set (the data it guards would be lost)', async () => {
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    await expect(createPin(db, OTHER_PIN, 'digits')).rejects.toThrow();
    await unlocked(db, PIN);
  });

  it('seals with a data key that cannot be exported, before and after unlocking', async () => {
    const db = freshDatabase();
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const created = await createPin(db, PIN, 'digits');
    await created.seal('case', 'a', sample('a'));
    const opened = await unlocked(db);
    await opened.seal('case', 'b', sample('b'));
    const keys = encrypt.mock.calls.map(([, key]) => key);
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    }
  });

  it('a passphrase works like a PIN, whatever way the keyboard composed its letters', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, 'cañón del río', 'passphrase');
    await vault.seal('case', 'a', sample('a'));
    // "ñ" and "ó" typed as a letter plus a combining mark, with a stray space at the end.
    const decomposed = 'can\u0303o\u0301n del ri\u0301o ';
    await expect((await unlocked(db, decomposed)).open('case', 'a')).resolves.toEqual(sample('a'));
    expect((await db.settings.get(PIN_KIND_SETTING))?.value).toBe('passphrase');
  });
});

describe('sealed records', () => {
  it('open again with the PIN after the app locked and restarted', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    await vault.seal('case', 'a', sample('a'));
    await vault.seal('case', 'b', sample('b'));
    await vault.seal('referral', 'r', { id: 'r', status: 'draft' });
    vault.close();

    const restarted = new RutasDatabase(db.name);
    databases.push(restarted);
    const opened = await unlocked(restarted);
    expect(await opened.open('case', 'a')).toEqual(sample('a'));
    expect(await opened.open('case', 'missing')).toBeUndefined();
    expect((await opened.openAll('case')).map((c) => (c as { id: string }).id).sort()).toEqual(['a', 'b']);
    expect(await opened.openAll('referral')).toEqual([{ id: 'r', status: 'draft' }]);
    await opened.remove('case', 'a');
    expect(await opened.open('case', 'a')).toBeUndefined();
  });

  it('hold nothing of the value in clear: not the notes, not a date, not a status', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    for (const id of ['a', 'b', 'c']) await vault.seal('case', id, sample(id));
    const stored = (await db.sealed.toArray()).map((row) =>
      Buffer.concat([Buffer.from(JSON.stringify({ ...row, iv: 0, ciphertext: 0 })), Buffer.from(row.ciphertext)]),
    );
    const everything = Buffer.concat(stored);
    for (const id of ['a', 'b', 'c']) {
      for (const text of [JSON.stringify(sample(id)), sample(id).notes]) {
        expect(everything.includes(Buffer.from(text))).toBe(false);
      }
    }
    for (const text of ['retienen', 'pasaporte', '2026-11-24', 'K7-XQ2P', '"sent"', 'notes']) {
      expect(everything.includes(Buffer.from(text)), text).toBe(false);
    }
  });

  it('use a fresh IV each time, so sealing the same value twice stores different bytes', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    await vault.seal('case', 'a', sample('a'));
    const first = await sealedBytes(db);
    await vault.seal('case', 'a', sample('a'));
    expect(await sealedBytes(db)).not.toEqual(first);
  });

  it('are bound to their row: copied under another id or kind they do not open', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    await vault.seal('case', 'a', sample('a'));
    const row = (await db.sealed.get(['case', 'a'])) as SealedRecord;
    await db.sealed.put({ ...row, id: 'b' });
    await db.sealed.put({ ...row, kind: 'referral' });
    await expect(vault.open('case', 'b')).rejects.toThrow();
    await expect(vault.open('referral', 'a')).rejects.toThrow();
    await expect(vault.openRow({ ...row, id: 'b' })).rejects.toThrow();
    expect(await vault.open('case', 'a')).toEqual(sample('a'));
  });

  it('cannot be read or written with a vault that was locked', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    await vault.seal('case', 'a', sample('a'));
    const row = (await db.sealed.get(['case', 'a'])) as SealedRecord;
    vault.close();
    await expect(vault.open('case', 'a')).rejects.toBeInstanceOf(VaultLockedError);
    await expect(vault.openRow(row)).rejects.toBeInstanceOf(VaultLockedError);
    await expect(vault.openAll('case')).rejects.toBeInstanceOf(VaultLockedError);
    await expect(vault.seal('case', 'b', sample('b'))).rejects.toBeInstanceOf(VaultLockedError);
    await expect(vault.remove('case', 'a')).rejects.toBeInstanceOf(VaultLockedError);
    expect(await db.sealed.count()).toBe(1);
  });
});

describe('a wrong PIN', () => {
  it('never decrypts and leaves every sealed row byte-identical; only the attempt counter changes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T10:00:00Z') });
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    for (const id of ['a', 'b']) await vault.seal('case', id, sample(id));
    vault.close();
    const rowsBefore = await sealedBytes(db);
    const keyBefore = await keyRecord(db);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');

    for (const wrong of ['000001', '482917', '48291', '4829166', ' ']) {
      vi.setSystemTime(new Date(Date.now() + LONGEST_WAIT_MS));
      const result = await unlockVault(db, wrong);
      expect('vault' in result).toBe(false);
    }
    expect(decrypt).not.toHaveBeenCalled();
    expect(await sealedBytes(db)).toEqual(rowsBefore);
    const keyAfter = await keyRecord(db);
    const { failedAttempts, retryAfter, ...unchanged } = keyAfter as VaultKeyRecord;
    const { failedAttempts: _before, retryAfter: _none, ...original } = keyBefore as VaultKeyRecord;
    expect(unchanged).toEqual(original);
    expect(failedAttempts).toBe(5);
    expect(retryAfter).toBeDefined();
  });

  it('property: no PIN but the one set opens the vault (few runs: each costs a full key derivation)', async () => {
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 12 }), async (guess) => {
        fc.pre(guess.normalize('NFKC').trim() !== PIN);
        // Reset the wait between guesses: this property is about the key, not the backoff.
        await db.vaultKeys.update('pin', { failedAttempts: 0, retryAfter: undefined });
        const result = await unlockVault(db, guess);
        return 'refused' in result && result.refused === 'wrong-pin';
      }),
      { numRuns: 15 },
    );
  });
});

describe('backing off after wrong PINs', () => {
  it('waits 30 s after the third wrong PIN in a row, doubling after each further one, up to a cap', () => {
    expect([1, 2].map(waitAfter)).toEqual([0, 0]);
    expect(waitAfter(3)).toBe(FIRST_WAIT_MS);
    expect(FIRST_WAIT_MS).toBe(30_000);
    expect(waitAfter(4)).toBe(60_000);
    expect(waitAfter(5)).toBe(120_000);
    expect(waitAfter(50)).toBe(LONGEST_WAIT_MS);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000 }), (n) => {
        const wait = waitAfter(n);
        return wait <= waitAfter(n + 1) && wait <= LONGEST_WAIT_MS && (n < 3 ? wait === 0 : wait >= FIRST_WAIT_MS);
      }),
    );
  });

  it('never waits longer than the cap, even when the clock was set back', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(waitLeft('2027-01-01T00:00:00Z', now)).toBe(LONGEST_WAIT_MS);
    expect(waitLeft('2026-11-24T09:00:00Z', now)).toBe(0);
    expect(waitLeft(undefined, now)).toBe(0);
  });

  it('refuses even the right PIN while a wait runs, and the count and wait survive a restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T10:00:00Z') });
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');

    expect(await unlockVault(db, '111112')).toMatchObject({ refused: 'wrong-pin', failedAttempts: 1, waitMs: 0 });
    expect(await unlockVault(db, '111113')).toMatchObject({ refused: 'wrong-pin', failedAttempts: 2, waitMs: 0 });
    expect(await unlockVault(db, '111114')).toMatchObject({ refused: 'wrong-pin', failedAttempts: 3, waitMs: 30_000 });

    // A reload: a new connection reads the same counter and wait.
    const restarted = new RutasDatabase(db.name);
    databases.push(restarted);
    expect((await keyRecord(restarted))?.failedAttempts).toBe(3);
    vi.setSystemTime(new Date('2026-11-24T10:00:20Z'));
    expect(await unlockVault(restarted, PIN)).toMatchObject({ refused: 'wait', failedAttempts: 3, waitMs: 10_000 });

    vi.setSystemTime(new Date('2026-11-24T10:00:31Z'));
    expect(await unlockVault(restarted, '111115')).toMatchObject({ refused: 'wrong-pin', failedAttempts: 4 });
    expect((await unlockVault(restarted, PIN)) as object).toMatchObject({ refused: 'wait', waitMs: 60_000 });

    vi.setSystemTime(new Date('2026-11-24T10:01:32Z'));
    await unlocked(restarted);
    const record = await keyRecord(restarted);
    expect(record?.failedAttempts).toBe(0);
    expect(record?.retryAfter).toBeUndefined();
  });

  it(`counts up to ${WIPE_OFFERED_AFTER} wrong PINs and beyond without erasing anything`, async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T10:00:00Z') });
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    await vault.seal('case', 'a', sample('a'));
    const rows = await sealedBytes(db);
    for (let attempt = 1; attempt <= WIPE_OFFERED_AFTER + 1; attempt++) {
      vi.setSystemTime(new Date(Date.now() + LONGEST_WAIT_MS));
      expect(await unlockVault(db, '999990')).toMatchObject({ refused: 'wrong-pin', failedAttempts: attempt });
    }
    expect(await sealedBytes(db)).toEqual(rows);
    vi.setSystemTime(new Date(Date.now() + LONGEST_WAIT_MS));
    expect(await (await unlocked(db)).open('case', 'a')).toEqual(sample('a'));
  });
});

describe('changing the PIN', () => {
  it('keeps every record readable with the new PIN, and the old PIN no longer opens', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits');
    await vault.seal('case', 'a', sample('a'));
    const rows = await sealedBytes(db);
    const before = await keyRecord(db);

    expect(await changePin(db, PIN, 'un camino largo', 'passphrase')).toEqual({ changed: true });
    // The data key is the same: no record had to be sealed again.
    expect(await sealedBytes(db)).toEqual(rows);
    const after = await keyRecord(db);
    expect(Buffer.from(after?.salt ?? []).equals(Buffer.from(before?.salt ?? []))).toBe(false);
    expect((await db.settings.get(PIN_KIND_SETTING))?.value).toBe('passphrase');

    expect(await unlockVault(db, PIN)).toMatchObject({ refused: 'wrong-pin' });
    expect(await (await unlocked(db, 'un camino largo')).open('case', 'a')).toEqual(sample('a'));
    // The vault open before the change keeps working.
    expect(await vault.open('case', 'a')).toEqual(sample('a'));
  });

  it('with a wrong current PIN changes nothing and counts as a wrong PIN', async () => {
    const db = freshDatabase();
    await createPin(db, PIN, 'digits');
    const before = await keyRecord(db);
    expect(await changePin(db, OTHER_PIN, '864209', 'digits')).toMatchObject({
      refused: 'wrong-pin',
      failedAttempts: 1,
    });
    const after = await keyRecord(db);
    expect(after?.wrappedKey).toEqual(before?.wrappedKey);
    expect(await unlockVault(db, '864209')).toMatchObject({ refused: 'wrong-pin', failedAttempts: 2 });
    await unlocked(db, PIN);
  });

  it('a record wrapped with fewer iterations still opens, and is re-wrapped with the current count', async () => {
    const db = freshDatabase();
    const vault = await createPin(db, PIN, 'digits', 100_000);
    await vault.seal('case', 'a', sample('a'));
    expect((await keyRecord(db))?.iterations).toBe(100_000);
    expect(await (await unlocked(db)).open('case', 'a')).toEqual(sample('a'));
    expect((await keyRecord(db))?.iterations).toBe(PBKDF2_ITERATIONS);
    expect(await (await unlocked(db)).open('case', 'a')).toEqual(sample('a'));
  });
});

describe('which PINs a worker may set', () => {
  it(`at least ${MIN_PIN_LENGTH} digits; no repeated digit or straight run`, () => {
    expect(pinProblem('48291', true)).toBe('tooShort');
    expect(pinProblem('482916', true)).toBeUndefined();
    expect(pinProblem('4829163057', true)).toBeUndefined();
    expect(pinProblem('111111', true)).toBe('tooSimple');
    expect(pinProblem('123456', true)).toBe('tooSimple');
    expect(pinProblem('987654', true)).toBe('tooSimple');
    expect(pinProblem('890123', true)).toBe('tooSimple');
    expect(pinProblem('48a916', true)).toBe('notDigits');
    expect(pinProblem('río abajo', false)).toBeUndefined();
    expect(pinProblem('  abc  ', false)).toBe('tooShort');
  });

  it('property: any string of at least six characters that is not one character repeated is accepted as a passphrase', () => {
    fc.assert(
      fc.property(fc.string({ minLength: MIN_PIN_LENGTH, maxLength: 40 }), (text) => {
        const normalized = text.normalize('NFKC').trim();
        fc.pre([...normalized].length >= MIN_PIN_LENGTH && new Set(normalized).size > 1 && !/^\d+$/.test(normalized));
        return pinProblem(text, false) === undefined;
      }),
    );
  });
});
