import { createHash } from 'node:crypto';
import { cp, readdir, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Release, type ReleaseIndex, releaseContentHash } from '../../../src/core/release/release';
import { loadHandbookFolder } from '../../../src/server/handbooks/folder';
import { buildSampleReleases, InvalidHandbookError } from '../../../src/server/handbooks/sample-releases';
import { sampleHandbookInput } from '../support/handbook-fixture';
import {
  removeTemporaryDirectory,
  replaceInFile,
  temporaryDirectory,
  writeHandbookFolder,
} from '../support/handbook-folder';

let root: string;
beforeEach(async () => {
  root = await temporaryDirectory();
});
afterEach(() => removeTemporaryDirectory(root));

const indexOf = (files: { fileName: string; source: string }[]): ReleaseIndex => {
  const index = files.find((f) => f.fileName === 'handbooks/index.json');
  if (!index) throw new Error('no index');
  return JSON.parse(index.source);
};

/** Gives every file of a folder the same modification time. */
async function touchAll(folder: string, when: Date) {
  for (const entry of await readdir(folder, { recursive: true })) await utimes(join(folder, entry), when, when);
}

describe('building the sample releases bundled with the app', () => {
  it('emits one content-addressed file per jurisdiction and an index pointing at it', async () => {
    await writeHandbookFolder(root, sampleHandbookInput());
    const other = sampleHandbookInput();
    other.jurisdiction.id = 'gt-otra';
    other.jurisdiction.country = 'GT';
    other.jurisdiction.subdivision = 'GT-CQ';
    other.providers = other.providers.filter((p) => p.id === 'consulado-guatemala');
    for (const route of other.routes)
      for (const stage of route.stages) for (const step of stage.steps) step.responsible = [];
    await writeHandbookFolder(root, other);

    const files = await buildSampleReleases(root);
    expect(files.map((f) => f.fileName)).toEqual([
      expect.stringMatching(/^handbooks\/gt-otra\.[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^handbooks\/hn-prueba\.[0-9a-f]{16}\.json$/),
      'handbooks/index.json',
    ]);
    for (const file of files.slice(0, 2)) {
      const digest = createHash('sha256').update(file.source).digest('hex').slice(0, 16);
      expect(file.fileName).toContain(`.${digest}.json`);
    }

    const index = indexOf(files);
    expect(index.format).toBe(1);
    expect(index.releases.map((r) => [r.jurisdictionId, r.country, r.number, r.file])).toEqual([
      ['gt-otra', 'GT', 1, files[0]?.fileName],
      ['hn-prueba', 'HN', 1, files[1]?.fileName],
    ]);
    for (const [i, entry] of index.releases.entries()) {
      const release: Release = JSON.parse(files[i]?.source ?? '');
      expect(entry.contentHash).toBe(release.contentHash);
      expect(entry.name).toEqual(release.handbook.jurisdiction.name);
      expect(await releaseContentHash(release)).toBe(release.contentHash);
    }
  });

  it('is dated when the handbook was last edited, so rebuilding unchanged content gives identical files', async () => {
    const folder = await writeHandbookFolder(root, sampleHandbookInput());
    await touchAll(folder, new Date('2026-10-01T12:00:00Z'));
    const first = await buildSampleReleases(root);
    const second = await buildSampleReleases(root);
    expect(second).toEqual(first);
    const release: Release = JSON.parse(first[0]?.source ?? '');
    expect(release.publishedAt).toBe('2026-10-01T12:00:00.000Z');
  });

  it('a changed phone number gives a new file name and a new content hash', async () => {
    const folder = await writeHandbookFolder(root, sampleHandbookInput());
    await touchAll(folder, new Date('2026-10-01T12:00:00Z'));
    const before = await buildSampleReleases(root);
    await replaceInFile(join(folder, 'providers.yaml'), '+50426533310', '+50426533311');
    await touchAll(folder, new Date('2026-10-01T12:00:00Z'));
    const after = await buildSampleReleases(root);
    expect(after[0]?.fileName).not.toBe(before[0]?.fileName);
    expect(indexOf(after).releases[0]?.contentHash).not.toBe(indexOf(before).releases[0]?.contentHash);
  });

  it('restricted providers never appear in any emitted file, and steps no longer point at them', async () => {
    await writeHandbookFolder(root, sampleHandbookInput());
    const files = await buildSampleReleases(root);
    const everything = files.map((f) => f.source).join('\n');
    for (const secret of ['casa-refugio-secreta', 'Casa Refugio Escondida', 'Hidden Safe House', '+50433572814']) {
      expect(everything).not.toContain(secret);
    }
    const release: Release = JSON.parse(files[0]?.source ?? '');
    const responsible = release.handbook.routes.flatMap((r) =>
      r.stages.flatMap((s) => s.steps.flatMap((t) => t.responsible)),
    );
    expect(responsible.sort()).toEqual(['albergue-san-jose', 'caminos']);
  });

  it('the confidential records of the real sample handbooks stay out of their releases', async () => {
    await cp(resolve('routes-data'), root, { recursive: true });
    const folders = (await readdir(root)).map((name) => join(root, name));
    const secrets: string[] = [];
    for (const folder of folders) {
      const loaded = await loadHandbookFolder(folder);
      if (!loaded.ok) continue; // folders without a handbook yet; validity is checked by handbook-folder.test.ts
      for (const p of loaded.handbook.providers.filter((x) => x.visibility === 'restricted')) {
        secrets.push(p.id, p.name.es, p.name.en, ...p.phones.map((phone) => phone.number));
        if (p.address) secrets.push(p.address.address_1);
      }
    }
    expect(secrets.length).toBeGreaterThan(0);
    const everything = (await buildSampleReleases(root)).map((f) => f.source).join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('an invalid handbook aborts the build with every problem listed, so it never reaches a device', async () => {
    const good = await writeHandbookFolder(root, sampleHandbookInput());
    await replaceInFile(join(good, 'providers.yaml'), '+50426533310', '+50412345678');
    const other = sampleHandbookInput();
    other.jurisdiction.id = 'gt-rota';
    other.jurisdiction.timeZone = 'America/Nowhere';
    await writeHandbookFolder(root, other);

    const error = await buildSampleReleases(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHandbookError);
    const message = (error as Error).message;
    expect(message).toMatch(/gt-rota\/jurisdiction\.yaml:\d+ timeZone: use an IANA time zone/);
    expect(message).toMatch(/hn-prueba\/providers\.yaml:\d+ \[1\]\.phones\[0\]\.number: \+50412345678 is not a valid/);
  });

  it('a routes-data folder with no handbook is an error, not an empty app', async () => {
    await expect(buildSampleReleases(root)).rejects.toThrow(InvalidHandbookError);
    await expect(buildSampleReleases(root)).rejects.toThrow(/no handbook folders found/);
  });
});
