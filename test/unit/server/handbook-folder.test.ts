import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateHandbook } from '../../../src/core/handbook/validate';
import {
  type FolderIssue,
  type FolderResult,
  formatFolderIssue,
  listHandbookFolders,
  loadHandbookFolder,
} from '../../../src/server/handbooks/folder';
import { sampleHandbookInput } from '../support/handbook-fixture';
import {
  lineContaining,
  removeTemporaryDirectory,
  replaceInFile,
  temporaryDirectory,
  writeHandbookFolder,
} from '../support/handbook-folder';

let root: string;
let folder: string;
beforeEach(async () => {
  root = await temporaryDirectory();
  folder = await writeHandbookFolder(root, sampleHandbookInput());
});
afterEach(() => removeTemporaryDirectory(root));

function issuesOf(result: FolderResult): FolderIssue[] {
  if (result.ok) throw new Error('expected the folder to be invalid');
  return result.issues;
}

/** The issue's file, as an absolute path (the loader reports paths relative to the working directory). */
const fileOf = (issue: FolderIssue | undefined) => (issue ? resolve(issue.file) : undefined);

describe('loading a handbook folder', () => {
  it('a valid folder loads as the same handbook that was written', async () => {
    const result = await loadHandbookFolder(folder);
    expect(result.ok).toBe(true);
    const expected = validateHandbook(sampleHandbookInput());
    if (result.ok && expected.ok) expect(result.handbook).toEqual(expected.handbook);
  });

  it('a bad phone on line N of providers.yaml is reported with the file, the path and line N', async () => {
    const providers = join(folder, 'providers.yaml');
    await replaceInFile(providers, '+50426533310', '+50412345678');
    const line = await lineContaining(providers, '+50412345678');
    const [issue, ...others] = issuesOf(await loadHandbookFolder(folder));
    expect(others).toEqual([]);
    expect(fileOf(issue)).toBe(providers);
    expect(issue).toMatchObject({
      path: '[1].phones[0].number',
      line,
      message: '+50412345678 is not a valid phone number',
    });
    expect(line).toBeGreaterThan(20); // a real line deep in the file, not the top
  });

  it('a problem in the jurisdiction is located in jurisdiction.yaml', async () => {
    const file = join(folder, 'jurisdiction.yaml');
    await replaceInFile(file, 'America/Tegucigalpa', 'America/Ocotepeque');
    const [issue] = issuesOf(await loadHandbookFolder(folder));
    expect(fileOf(issue)).toBe(file);
    expect(issue).toMatchObject({ path: 'timeZone', line: await lineContaining(file, 'timeZone:') });
  });

  it('a step pointing at an unknown provider is located in its route file', async () => {
    const file = join(folder, 'routes', 'ruta-principal.yaml');
    await replaceInFile(file, '- caminos', '- caminos-viejo');
    const [issue] = issuesOf(await loadHandbookFolder(folder));
    expect(fileOf(issue)).toBe(file);
    expect(issue).toMatchObject({
      path: 'stages[0].steps[1].responsible[0]',
      line: await lineContaining(file, '- caminos-viejo'),
      message: 'no provider has the id "caminos-viejo"',
    });
  });

  it('missing English text is located at the text block it is missing from', async () => {
    const file = join(folder, 'checklists', 'indicadores.yaml');
    await replaceInFile(file, 'en: Do not insist.', 'fr: Ne pas insister.');
    const [issue] = issuesOf(await loadHandbookFolder(folder));
    expect(fileOf(issue)).toBe(file);
    expect(issue?.path).toBe('groups[0].indicators[0].guidance.en');
    expect(issue?.line).toBeGreaterThanOrEqual(await lineContaining(file, 'es: No insista.'));
    expect(issue?.line).toBeLessThanOrEqual(await lineContaining(file, 'fr: Ne pas insister.'));
  });

  it('reports problems in several files at once', async () => {
    await replaceInFile(join(folder, 'providers.yaml'), '+50426533310', '26533310');
    await replaceInFile(join(folder, 'jurisdiction.yaml'), 'defaultLanguage: es', 'defaultLanguage: fr');
    const issues = issuesOf(await loadHandbookFolder(folder));
    expect(issues.map((i) => `${basename(i.file)} ${i.path}`).sort()).toEqual([
      'jurisdiction.yaml defaultLanguage',
      'providers.yaml [1].phones[0].number',
    ]);
    for (const issue of issues) expect(issue.line).toBeGreaterThan(0);
  });

  it('a YAML syntax error is reported with its line', async () => {
    const file = join(folder, 'providers.yaml');
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    const broken = lines.findIndex((l) => l.includes('Albergue San José'));
    lines[broken] = `${lines[broken]?.replace('Albergue San José', '"Albergue San José')}`; // unclosed quote
    await writeFile(file, lines.join('\n'));
    const issues = issuesOf(await loadHandbookFolder(folder));
    expect(issues.length).toBeGreaterThan(0);
    const [issue] = issues;
    expect(fileOf(issue)).toBe(file);
    expect(issue?.message).toMatch(/^YAML syntax: /);
    expect(issue?.line).toBeGreaterThanOrEqual(broken + 1);
    expect(issue?.line).toBeLessThanOrEqual(lines.length);
  });

  it('a key written twice in YAML is a syntax error on the line of the second one', async () => {
    const file = join(folder, 'jurisdiction.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}country: GT\n`);
    const [issue, ...others] = issuesOf(await loadHandbookFolder(folder));
    expect(others).toEqual([]);
    expect(fileOf(issue)).toBe(file);
    expect(issue?.message).toMatch(/YAML syntax: .*unique/i);
    expect(issue?.line).toBe(await lineContaining(file, 'country: GT'));
  });

  it("the jurisdiction's id must match the folder's name", async () => {
    const renamed = await writeHandbookFolder(root, sampleHandbookInput(), 'hn-otro-nombre');
    const [issue, ...others] = issuesOf(await loadHandbookFolder(renamed));
    expect(others).toEqual([]);
    expect(fileOf(issue)).toBe(join(renamed, 'jurisdiction.yaml'));
    expect(issue).toMatchObject({
      path: 'id',
      line: await lineContaining(join(renamed, 'jurisdiction.yaml'), 'id: hn-prueba'),
      message: 'the id "hn-prueba" must match the folder name "hn-otro-nombre"',
    });
  });

  it('a missing file or folder is named', async () => {
    await rm(join(folder, 'providers.yaml'));
    await rm(join(folder, 'checklists'), { recursive: true });
    const issues = issuesOf(await loadHandbookFolder(folder));
    expect(issues.map((i) => [resolve(i.file), i.message])).toEqual([
      [join(folder, 'providers.yaml'), 'file is missing'],
      [join(folder, 'checklists'), 'folder is missing'],
    ]);
    expect(issuesOf(await loadHandbookFolder(join(root, 'nowhere')))).toEqual([
      expect.objectContaining({ message: 'no such handbook folder' }),
    ]);
  });

  it('a folder whose routes/ holds no route is told it needs one', async () => {
    await rm(join(folder, 'routes', 'ruta-principal.yaml'));
    const issues = issuesOf(await loadHandbookFolder(folder));
    expect(issues).toEqual([expect.objectContaining({ path: 'routes', message: 'a handbook needs an action route' })]);
  });

  it('an empty providers.yaml means no providers (and then steps cannot name any)', async () => {
    await writeFile(join(folder, 'providers.yaml'), '# no providers yet\n');
    const issues = issuesOf(await loadHandbookFolder(folder));
    expect(issues.every((i) => i.message.startsWith('no provider has the id'))).toBe(true);
    expect(issues).toHaveLength(3);
  });
});

describe('listing and printing', () => {
  it('lists only the folders that hold a jurisdiction.yaml, sorted', async () => {
    const second = sampleHandbookInput();
    second.jurisdiction.id = 'gt-aaa';
    await writeHandbookFolder(root, second);
    await mkdir(join(root, 'bz-en-preparacion', 'routes'), { recursive: true });
    await writeFile(join(root, 'notes.yaml'), 'x: 1\n');
    expect(await listHandbookFolders(root)).toEqual([join(root, 'gt-aaa'), join(root, 'hn-prueba')]);
  });

  it('prints an issue as "file:line path: message", leaving out what is unknown', () => {
    expect(
      formatFolderIssue({
        file: 'routes-data/x/providers.yaml',
        path: '[3].phones[0].number',
        line: 42,
        message: 'bad',
      }),
    ).toBe('routes-data/x/providers.yaml:42 [3].phones[0].number: bad');
    expect(formatFolderIssue({ file: 'routes-data/x/providers.yaml', path: '', message: 'file is missing' })).toBe(
      'routes-data/x/providers.yaml: file is missing',
    );
  });
});

describe('the handbooks in routes-data/', async () => {
  const folders = await listHandbookFolders(resolve('routes-data'));

  it('there is at least one', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  it.each(folders.map((f) => [basename(f), f]))('%s validates', async (_name, path) => {
    const result = await loadHandbookFolder(path);
    expect(result.ok ? [] : result.issues.map(formatFolderIssue)).toEqual([]);
  });
});
