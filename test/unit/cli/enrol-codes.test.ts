import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENROLMENT_CODE_ALPHABET } from '../../../src/core/sync/protocol';
import {
  createEnrolmentCode,
  formatEnrolmentCode,
  tokenHash,
  UnknownJurisdictionError,
} from '../../../src/server/enrolment/codes';
import { publishHandbook } from '../../../src/server/publishing/publish';
import { openStorage } from '../../../src/server/storage/open';
import type { Storage } from '../../../src/server/storage/types';
import { sampleHandbook } from '../support/handbook-fixture';
import { removeTemporaryDirectory, temporaryDirectory } from '../support/handbook-folder';

let directory: string;
let storage: Storage;
beforeEach(async () => {
  directory = await temporaryDirectory();
  storage = await openStorage({ dataDir: join(directory, 'data') });
  await publishHandbook(storage, sampleHandbook());
});
afterEach(async () => {
  await storage.close();
  await removeTemporaryDirectory(directory);
});

describe('enrolment codes', () => {
  it('are 12 unambiguous letters and digits, different every time, with every letter in use', async () => {
    const codes = await Promise.all(Array.from({ length: 200 }, () => createEnrolmentCode(storage, 'hn-prueba')));
    const texts = codes.map((c) => c.code);
    for (const code of texts) expect(code).toMatch(new RegExp(`^[${ENROLMENT_CODE_ALPHABET}]{12}$`));
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(texts.join(''))).toEqual(new Set(ENROLMENT_CODE_ALPHABET));
  });

  it('are valid for 72 hours unless told otherwise', async () => {
    const now = new Date('2026-11-24T09:00:00.000Z');
    expect((await createEnrolmentCode(storage, 'hn-prueba', { now })).expiresAt).toBe('2026-11-27T09:00:00.000Z');
    expect((await createEnrolmentCode(storage, 'hn-prueba', { now, validForHours: 2 })).expiresAt).toBe(
      '2026-11-24T11:00:00.000Z',
    );
    await expect(createEnrolmentCode(storage, 'hn-prueba', { validForHours: 0 })).rejects.toThrow(RangeError);
  });

  it('are refused for a jurisdiction that has no release', async () => {
    await expect(createEnrolmentCode(storage, 'gt-ayutla')).rejects.toBeInstanceOf(UnknownJurisdictionError);
  });

  it('show in groups of four and hash to SHA-256 hex', async () => {
    expect(formatEnrolmentCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(await tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
