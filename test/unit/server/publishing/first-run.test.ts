import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidHandbookError, publishFirstReleases } from '../../../../src/server/publishing/first-run';
import { openStorage } from '../../../../src/server/storage/open';
import type { Storage } from '../../../../src/server/storage/types';
import { sampleHandbookInput } from '../../support/handbook-fixture';
import {
  removeTemporaryDirectory,
  replaceInFile,
  temporaryDirectory,
  writeHandbookFolder,
} from '../../support/handbook-folder';

let directory: string;
let root: string;
let storage: Storage;
beforeEach(async () => {
  directory = await temporaryDirectory();
  root = join(directory, 'routes-data');
  storage = await openStorage({ dataDir: join(directory, 'data') });
});
afterEach(async () => {
  await storage.close();
  await removeTemporaryDirectory(directory);
});

function otherJurisdiction() {
  const input = sampleHandbookInput();
  input.jurisdiction.id = 'hn-otra';
  return input;
}

describe('first releases on a server start', () => {
  it('publishes release 1 of every handbook folder, then leaves published jurisdictions alone', async () => {
    await writeHandbookFolder(root, sampleHandbookInput());
    await writeHandbookFolder(root, otherJurisdiction());
    expect(await publishFirstReleases(storage, root)).toEqual([
      { jurisdictionId: 'hn-otra', number: 1 },
      { jurisdictionId: 'hn-prueba', number: 1 },
    ]);
    expect(await storage.jurisdictionIds()).toEqual(['hn-otra', 'hn-prueba']);

    // A later edit is for `rutas publish`, not for a restart.
    await replaceInFile(join(root, 'hn-prueba', 'providers.yaml'), '+50426533544', '+50426533545');
    expect(await publishFirstReleases(storage, root)).toEqual([]);
    expect((await storage.latestRelease('hn-prueba', 'public'))?.number).toBe(1);
  });

  it('publishes nothing when a folder is invalid, and lists every problem', async () => {
    const sample = await writeHandbookFolder(root, sampleHandbookInput());
    const other = await writeHandbookFolder(root, otherJurisdiction());
    await writeHandbookFolder(root, {
      ...otherJurisdiction(),
      jurisdiction: { ...otherJurisdiction().jurisdiction, id: 'hn-valida' },
    });
    await replaceInFile(join(other, 'providers.yaml'), '+50426533310', '+50412345678');
    await replaceInFile(join(sample, 'providers.yaml'), 'visibility: restricted', 'visibility: secret');

    const error = await publishFirstReleases(storage, root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHandbookError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /providers\.yaml:\d+ \[1\]\.phones\[0\]\.number: \+50412345678 is not a valid phone number/,
    );
    expect(message).toMatch(/providers\.yaml:\d+ \[4\]\.visibility/);
    expect(await storage.jurisdictionIds()).toEqual([]);
  });
});
