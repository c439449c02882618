import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { validateCommand } from '../../../src/cli/commands/validate';
import { sampleHandbookInput } from '../support/handbook-fixture';
import {
  lineContaining,
  removeTemporaryDirectory,
  replaceInFile,
  temporaryDirectory,
  writeHandbookFolder,
} from '../support/handbook-folder';

let root: string;
let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(async () => {
  root = await temporaryDirectory();
  // The command talks to the terminal; keep what it prints to read it back.
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await removeTemporaryDirectory(root);
});

const printed = (spy: MockInstance<(...args: unknown[]) => void>) => spy.mock.calls.map((c) => c.join(' ')).join('\n');

describe('rutas validate', () => {
  it('exits 0 for every handbook in routes-data/', async () => {
    const code = await validateCommand('routes-data');
    expect(printed(error)).toBe('');
    expect(code).toBe(0);
    expect(printed(log)).toMatch(/✓ routes-data\/hn-ocotepeque: \d+ providers, 1 route\(s\), \d+ checklist\(s\)/);
  });

  it('exits 0 for one valid folder and says what it holds', async () => {
    const folder = await writeHandbookFolder(root, sampleHandbookInput());
    expect(await validateCommand(folder)).toBe(0);
    expect(printed(log)).toBe(`✓ ${folder}: 5 providers, 1 route(s), 1 checklist(s)`);
  });

  it('exits 1 for an invalid folder and prints each problem as file:line path: reason', async () => {
    const folder = await writeHandbookFolder(root, sampleHandbookInput());
    const providers = join(folder, 'providers.yaml');
    await replaceInFile(providers, '+50426533310', '+50412345678');
    const line = await lineContaining(providers, '+50412345678');
    expect(await validateCommand(folder)).toBe(1);
    const output = printed(error);
    expect(output).toContain(`✗ ${folder}: 1 problem(s)`);
    expect(output).toMatch(
      new RegExp(
        `providers\\.yaml:${line} \\[1\\]\\.phones\\[0\\]\\.number: \\+50412345678 is not a valid phone number`,
      ),
    );
  });

  it('exits 1 when one of several folders is invalid, and still checks the others', async () => {
    await writeHandbookFolder(root, sampleHandbookInput());
    const other = sampleHandbookInput();
    other.jurisdiction.id = 'gt-roto';
    other.jurisdiction.timeZone = 'America/Nowhere';
    await writeHandbookFolder(root, other);
    expect(await validateCommand(root)).toBe(1);
    expect(printed(log)).toContain('hn-prueba: 5 providers');
    expect(printed(error)).toMatch(/gt-roto\/jurisdiction\.yaml:\d+ timeZone: use an IANA time zone/);
  });

  it('exits 1 when there is no handbook folder to check', async () => {
    await mkdir(join(root, 'empty'));
    expect(await validateCommand(join(root, 'empty'))).toBe(1);
    expect(printed(error)).toMatch(/no handbook folders found/);
  });
});
