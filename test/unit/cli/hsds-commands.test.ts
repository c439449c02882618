import { existsSync } from 'node:fs';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportHsdsCommand } from '../../../src/cli/commands/export-hsds';
import { importHsdsCommand } from '../../../src/cli/commands/import-hsds';
import { publishCommand } from '../../../src/cli/commands/publish';
import { HSDS_IMPORT_MAX_BYTES } from '../../../src/core/hsds/report';
import { openStorage } from '../../../src/server/storage/open';
import type { StoredDraftRecord } from '../../../src/server/storage/types';
import { cliStoreForEachTest, printed } from '../support/cli-store';
import { sampleHandbookInput } from '../support/handbook-fixture';
import { writeHandbookFolder } from '../support/handbook-folder';
import { EXAMPLES, exampleCsvPackage, exampleFile, hsdsValidators } from '../support/hsds';

const cli = cliStoreForEachTest();

async function draftOf(jurisdictionId: string): Promise<StoredDraftRecord[]> {
  const storage = await openStorage({ dataDir: cli.dataDir });
  try {
    return await storage.draftRecords(jurisdictionId);
  } finally {
    await storage.close();
  }
}

async function auditActions(): Promise<string[]> {
  const storage = await openStorage({ dataDir: cli.dataDir });
  try {
    return (await storage.auditLog()).map((entry) => entry.action);
  } finally {
    await storage.close();
  }
}

describe('rutas export-hsds', () => {
  it('writes the latest release as HSDS 3.0 that the official schemas accept, without restricted providers', async () => {
    expect(await publishCommand(await writeHandbookFolder(cli.root, sampleHandbookInput()))).toBe(0);
    cli.log.mockClear();
    const out = join(cli.root, 'hn-prueba.hsds.json');

    expect(await exportHsdsCommand(['hn-prueba', '--out', out])).toBe(0);
    expect(printed(cli.log)).toBe(
      [
        `Exported hn-prueba release 1 to ${out}: 4 organization(s), 4 service(s)`,
        '1 restricted provider(s) (shelters, safe houses) left out: they are never exported.',
      ].join('\n'),
    );
    const written = await readFile(out, 'utf8');
    const validate = hsdsValidators().organizationPage;
    expect(validate(JSON.parse(written)), JSON.stringify(validate.errors)).toBe(true);
    expect(written).toContain('Caminos — Atención psicológica');
    expect(written).not.toContain('Casa Refugio Escondida');
    expect(written).not.toContain('+50433572814');
  });

  it('refuses a jurisdiction without a release, and writes no file', async () => {
    const out = join(cli.root, 'nothing.json');
    expect(await exportHsdsCommand(['gt-ayutla', '--out', out])).toBe(1);
    expect(printed(cli.error)).toBe('No release of "gt-ayutla" to export: publish it first (published: none)');
    expect(existsSync(out)).toBe(false);
  });

  it('asks for the jurisdiction and the output file', async () => {
    expect(await exportHsdsCommand(['hn-prueba'])).toBe(1);
    expect(await exportHsdsCommand(['--out', 'x.json'])).toBe(1);
    expect(printed(cli.error)).toMatch(/^Usage: rutas export-hsds <jurisdiction> --out <file>/);
  });
});

describe('rutas import-hsds', () => {
  beforeEach(async () => {
    await publishCommand(await writeHandbookFolder(cli.root, sampleHandbookInput()));
    cli.log.mockClear();
  });

  it('imports a JSON document into the draft and prints what was mapped and skipped', async () => {
    const before = await draftOf('hn-prueba');
    expect(await importHsdsCommand([join(EXAMPLES, 'organization_full.json'), '--jurisdiction', 'hn-prueba'])).toBe(0);
    const output = printed(cli.log);
    expect(output).toContain('+ example-organization-inc  Example Organization Inc.  (HSDS organization d9d5e0f5');
    expect(output).toContain('    mapped  phones ← $.phones[0].number');
    expect(output).toContain('    skipped $.phones[0].extension: the extension 100 of +441234234567 was not kept');
    expect(output).toContain('Imported 1 provider(s) into the draft of hn-prueba: 1 added, 0 updated.');

    const draft = await draftOf('hn-prueba');
    const record = draft.find((r) => r.key === 'provider/example-organization-inc');
    expect(record?.body).toMatchObject({
      name: { es: 'Example Organization Inc.' },
      phones: [{ number: '+441234234567' }],
      schedules: [{ byday: ['TH', 'FR'], opens_at: '10:00', closes_at: '18:00' }],
      provenance: { source: expect.stringMatching(/^HSDS import: organization_full\.json/), verifiedAt: null },
    });
    // The rest of the draft is what it was (the latest release).
    expect(draft.filter((r) => r.key !== record?.key).map((r) => r.key)).toEqual(
      before.length > 0 ? before.map((r) => r.key) : expect.arrayContaining(['jurisdiction', 'provider/caminos']),
    );
    expect(await auditActions()).toContain('hsds_import');

    cli.log.mockClear();
    expect(await importHsdsCommand([join(EXAMPLES, 'organization_full.json'), '--jurisdiction', 'hn-prueba'])).toBe(0);
    expect(printed(cli.log)).toContain('Imported 1 provider(s) into the draft of hn-prueba: 0 added, 1 updated.');
  });

  it('updates the providers an export of the jurisdiction came from, instead of adding copies', async () => {
    const out = join(cli.root, 'export.json');
    expect(await exportHsdsCommand(['hn-prueba', '--out', out])).toBe(0);
    cli.log.mockClear();
    expect(await importHsdsCommand([out, '--jurisdiction', 'hn-prueba'])).toBe(0);
    expect(printed(cli.log)).toContain('Imported 4 provider(s) into the draft of hn-prueba: 0 added, 4 updated.');
    const caminos = (await draftOf('hn-prueba')).find((r) => r.key === 'provider/caminos');
    // The import brings the Spanish text only; the English translation the draft had is kept.
    expect(caminos?.body.name).toEqual({ es: 'Caminos — Atención psicológica', en: 'Caminos — Psychological care' });
  });

  it('imports a folder holding the CSV package', async () => {
    const folder = join(cli.root, 'package');
    await mkdir(folder);
    for (const file of exampleCsvPackage()) await writeFile(join(folder, file.name), file.content);
    await writeFile(join(folder, 'README.txt'), 'not read');

    expect(await importHsdsCommand([folder, '--jurisdiction', 'hn-prueba'])).toBe(0);
    expect(printed(cli.log)).toContain('    mapped  phones ← phones.csv line 2, number');
    expect(printed(cli.log)).toContain('  contacts.csv: Rutas keeps no contact records');
    const draft = await draftOf('hn-prueba');
    expect(draft.find((r) => r.key === 'provider/example-organization-inc')?.body).toMatchObject({
      address: { address_1: '1-30 Main Street', city: 'MyCity' },
    });
  });

  it('refuses input that is not HSDS, names the problems, and writes nothing to the draft', async () => {
    const draftBefore = await draftOf('hn-prueba');
    const folder = join(cli.root, 'broken');
    await mkdir(folder);
    for (const file of exampleCsvPackage()) {
      const content = file.name === 'organizations.csv' ? `${file.content}"d9d5e0f5,unterminated\n` : file.content;
      await writeFile(join(folder, file.name), content);
    }
    const duplicates = join(cli.root, 'duplicates.json');
    const organization = JSON.parse(exampleFile('organization_list.json').content).contents[0];
    await writeFile(duplicates, JSON.stringify([organization, organization]));

    expect(await importHsdsCommand([folder, '--jurisdiction', 'hn-prueba'])).toBe(1);
    expect(await importHsdsCommand([duplicates, '--jurisdiction', 'hn-prueba'])).toBe(1);
    const errors = printed(cli.error);
    expect(errors).toContain(`✗ ${folder}: the import was refused (1 problem(s)); nothing was written`);
    expect(errors).toContain('  organizations.csv line 3: Quoted field unterminated');
    expect(errors).toContain('  duplicates.json: $[1] has the same organization id as $[0]');
    expect(printed(cli.log)).toBe('');
    expect(await draftOf('hn-prueba')).toEqual(draftBefore);
    expect(await auditActions()).not.toContain('hsds_import');
  });

  it('refuses more than 50 MB before reading it', async () => {
    const big = join(cli.root, 'big.json');
    await writeFile(big, '');
    await truncate(big, HSDS_IMPORT_MAX_BYTES + 1);
    expect(await importHsdsCommand([big, '--jurisdiction', 'hn-prueba'])).toBe(1);
    expect(printed(cli.error)).toBe(`${big} is 50.0 MB; an HSDS import takes at most 50 MB. Nothing was imported.`);

    const folder = join(cli.root, 'big-package');
    await mkdir(folder);
    await writeFile(join(folder, 'organizations.csv'), exampleFile('csv/organizations.csv').content);
    await writeFile(join(folder, 'phones.csv'), '');
    await truncate(join(folder, 'phones.csv'), HSDS_IMPORT_MAX_BYTES);
    expect(await importHsdsCommand([folder, '--jurisdiction', 'hn-prueba'])).toBe(1);
    expect(printed(cli.error)).toContain(`${folder} is 50.0 MB; an HSDS import takes at most 50 MB.`);
    expect(await auditActions()).not.toContain('hsds_import');
  });

  it('refuses a jurisdiction that was never published and a path that does not exist', async () => {
    const file = join(EXAMPLES, 'organization_list.json');
    expect(await importHsdsCommand([file, '--jurisdiction', 'gt-ayutla'])).toBe(1);
    expect(printed(cli.error)).toContain(
      'No jurisdiction "gt-ayutla" to import into: publish it first (published: hn-prueba)',
    );
    expect(await importHsdsCommand([join(cli.root, 'missing.json'), '--jurisdiction', 'hn-prueba'])).toBe(1);
    expect(printed(cli.error)).toContain('missing.json: no such file or folder');
    expect(await importHsdsCommand([file])).toBe(1);
    expect(printed(cli.error)).toContain('Usage: rutas import-hsds');
    expect(await draftOf('gt-ayutla')).toEqual([]);
  });
});
