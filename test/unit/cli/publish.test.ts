import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishCommand } from '../../../src/cli/commands/publish';
import { openStorage } from '../../../src/server/storage/open';
import { cliStoreForEachTest, printed } from '../support/cli-store';
import { sampleHandbookInput } from '../support/handbook-fixture';
import { lineContaining, replaceInFile, writeHandbookFolder } from '../support/handbook-folder';

const cli = cliStoreForEachTest();

describe('rutas publish', () => {
  it('refuses an invalid folder with every problem as file:line, and writes nothing', async () => {
    const folder = await writeHandbookFolder(cli.root, sampleHandbookInput());
    const providers = join(folder, 'providers.yaml');
    await replaceInFile(providers, '+50426533310', '+50412345678');
    const line = await lineContaining(providers, '+50412345678');

    expect(await publishCommand(folder)).toBe(1);
    const output = printed(cli.error);
    expect(output).toContain(`✗ ${folder}: 1 problem(s); nothing was published`);
    expect(output).toMatch(
      new RegExp(
        `providers\\.yaml:${line} \\[1\\]\\.phones\\[0\\]\\.number: \\+50412345678 is not a valid phone number`,
      ),
    );
    expect(existsSync(cli.dataDir)).toBe(false);
    expect(printed(cli.log)).toBe('');
  });

  it('publishes release 1, then says there is nothing new when the folder has not changed', async () => {
    const folder = await writeHandbookFolder(cli.root, sampleHandbookInput());
    expect(await publishCommand(folder)).toBe(0);
    expect(printed(cli.log)).toMatch(
      /^Published hn-prueba release 1 \(8 records changed\)\n {2}added checklist\/indicadores/,
    );

    cli.log.mockClear();
    expect(await publishCommand(folder)).toBe(0);
    expect(printed(cli.log)).toBe('No changes: hn-prueba stays at release 1');
    expect(printed(cli.error)).toBe('');

    const storage = await openStorage({ dataDir: cli.dataDir });
    try {
      expect((await storage.releases('hn-prueba', 'enrolled')).map((r) => r.number)).toEqual([1]);
    } finally {
      await storage.close();
    }
  });

  it('publishes a changed phone number as the next release and names what changed', async () => {
    const folder = await writeHandbookFolder(cli.root, sampleHandbookInput());
    await publishCommand(folder);
    await replaceInFile(join(folder, 'providers.yaml'), '+50426533544', '+50426533545');
    cli.log.mockClear();

    expect(await publishCommand(folder)).toBe(0);
    expect(printed(cli.log)).toBe(
      'Published hn-prueba release 2 (1 records changed)\n  changed provider/caminos (Caminos — Psychological care): phones',
    );
  });

  it('asks for a folder when given none', async () => {
    expect(await publishCommand(undefined)).toBe(1);
    expect(printed(cli.error)).toMatch(/^Usage: rutas publish <folder>/);
  });
});
