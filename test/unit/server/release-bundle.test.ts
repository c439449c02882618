import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundledReleaseIndex } from '../../../src/core/release/release';
import { verifySnapshot } from '../../../src/core/sync/verify';
import { buildReleaseBundle, pinnedPublicKey } from '../../../src/server/handbooks/bundle';
import { validateHandbookFolders } from '../../../src/server/handbooks/validate-folders';
import { publishFirstReleases } from '../../../src/server/publishing/first-run';
import { openStorage } from '../../../src/server/storage/open';
import type { Storage } from '../../../src/server/storage/types';
import { sampleHandbookInput } from '../support/handbook-fixture';
import {
  removeTemporaryDirectory,
  replaceInFile,
  temporaryDirectory,
  writeHandbookFolder,
} from '../support/handbook-folder';

let root: string;
let storage: Storage;
beforeEach(async () => {
  root = await temporaryDirectory();
  storage = await openStorage({ dataDir: join(root, 'data') });
});
afterEach(async () => {
  await storage.close();
  await removeTemporaryDirectory(root);
});

describe('the releases built into the app', () => {
  it('are the latest signed public release of each jurisdiction, named by content, with the key the app pins', async () => {
    const routesData = join(root, 'routes-data');
    await writeHandbookFolder(routesData, sampleHandbookInput());
    await publishFirstReleases(storage, routesData);

    const bundle = await buildReleaseBundle(storage);
    expect(bundle.files.map((f) => f.fileName)).toEqual([
      expect.stringMatching(/^handbooks\/hn-prueba\.[0-9a-f]{16}\.json$/),
      'handbooks/index.json',
    ]);
    const [snapshotFile, indexFile] = bundle.files;
    const index = JSON.parse(indexFile?.source ?? '') as BundledReleaseIndex;
    expect(pinnedPublicKey(indexFile?.source ?? '')).toBe(bundle.publicKey);
    expect(index.releases).toEqual([
      expect.objectContaining({ jurisdictionId: 'hn-prueba', number: 1, file: snapshotFile?.fileName }),
    ]);
    const verified = await verifySnapshot(JSON.parse(snapshotFile?.source ?? ''), {
      jurisdictionId: 'hn-prueba',
      variant: 'public',
      publicKey: bundle.publicKey,
    });
    expect(verified.release.header.stateHash).toBe(index.releases[0]?.stateHash);
    expect(snapshotFile?.source).not.toMatch(/casa-refugio-secreta|Hidden Safe House|\+50433572814/);
  });

  it('are built only from valid handbooks: every problem of every folder is listed', async () => {
    const routesData = join(root, 'routes-data');
    const folder = await writeHandbookFolder(routesData, sampleHandbookInput());
    expect(await validateHandbookFolders(routesData)).toEqual([]);
    await replaceInFile(join(folder, 'providers.yaml'), 'visibility: restricted', 'visibility: secret');
    const problems = await validateHandbookFolders(routesData);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.includes('providers.yaml'))).toBe(true);
    expect(await validateHandbookFolders(join(root, 'empty'))).toEqual([
      `${join(root, 'empty')}: no handbook folders found`,
    ]);
  });
});
