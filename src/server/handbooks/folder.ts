import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { type Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Handbook } from '../../core/handbook/schema';
import { validateHandbook } from '../../core/handbook/validate';

/** One problem in a handbook folder, located so an author can fix it. */
export interface FolderIssue {
  file: string;
  /** Dotted path inside the file, e.g. "[3].phones[0].number". */
  path: string;
  line?: number;
  message: string;
}

export type FolderResult = { ok: true; handbook: Handbook } | { ok: false; issues: FolderIssue[] };

interface SourceFile {
  file: string;
  document: Document;
  lines: LineCounter;
}

/**
 * Reads routes-data/<jurisdiction>/ — jurisdiction.yaml, providers.yaml, routes/*.yaml,
 * checklists/*.yaml — and validates it as one handbook, reporting every problem with its
 * file, path and line.
 */
export async function loadHandbookFolder(folder: string): Promise<FolderResult> {
  const issues: FolderIssue[] = [];
  const display = (file: string) => relative(process.cwd(), file) || file;

  const readYaml = async (file: string): Promise<SourceFile | undefined> => {
    if (!existsSync(file)) {
      issues.push({ file: display(file), path: '', message: 'file is missing' });
      return undefined;
    }
    const lines = new LineCounter();
    const document = parseDocument(await readFile(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
    for (const error of document.errors) {
      issues.push({
        file: display(file),
        path: '',
        line: lines.linePos(error.pos[0]).line,
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
      });
    }
    return { file: display(file), document, lines };
  };

  const readDirectory = async (name: string): Promise<SourceFile[]> => {
    const directory = join(folder, name);
    if (!existsSync(directory)) {
      issues.push({ file: display(directory), path: '', message: 'folder is missing' });
      return [];
    }
    const files = (await readdir(directory)).filter((f) => /\.ya?ml$/.test(f)).sort();
    const sources = await Promise.all(files.map((f) => readYaml(join(directory, f))));
    return sources.filter((s): s is SourceFile => s !== undefined);
  };

  if (!existsSync(folder)) {
    return { ok: false, issues: [{ file: display(folder), path: '', message: 'no such handbook folder' }] };
  }
  const jurisdiction = await readYaml(join(folder, 'jurisdiction.yaml'));
  const providers = await readYaml(join(folder, 'providers.yaml'));
  const routes = await readDirectory('routes');
  const checklists = await readDirectory('checklists');
  if (issues.length > 0 || !jurisdiction || !providers) return { ok: false, issues };

  const input = {
    jurisdiction: jurisdiction.document.toJS(),
    providers: providers.document.toJS() ?? [],
    routes: routes.map((r) => r.document.toJS()),
    checklists: checklists.map((c) => c.document.toJS()),
  };
  const result = validateHandbook(input);
  if (result.ok) {
    if (input.jurisdiction.id !== basename(folder)) {
      return {
        ok: false,
        issues: [
          {
            file: jurisdiction.file,
            path: 'id',
            line: lineOf(jurisdiction, ['id']),
            message: `the id "${input.jurisdiction.id}" must match the folder name "${basename(folder)}"`,
          },
        ],
      };
    }
    return { ok: true, handbook: result.handbook };
  }

  for (const issue of result.issues) {
    const [section, index, ...rest] = issue.path;
    const source =
      section === 'jurisdiction'
        ? { file: jurisdiction, path: issue.path.slice(1) }
        : section === 'providers'
          ? { file: providers, path: issue.path.slice(1) }
          : section === 'routes' && typeof index === 'number'
            ? { file: routes[index], path: rest }
            : section === 'checklists' && typeof index === 'number'
              ? { file: checklists[index], path: rest }
              : undefined;
    if (!source?.file) {
      issues.push({ file: display(folder), path: issue.path.join('.'), message: issue.message });
      continue;
    }
    issues.push({
      file: source.file.file,
      path: formatPath(source.path),
      line: lineOf(source.file, source.path),
      message: issue.message,
    });
  }
  return { ok: false, issues };
}

/** Lists the jurisdiction folders under a routes-data directory. */
export async function listHandbookFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'jurisdiction.yaml')))
    .map((e) => join(root, e.name))
    .sort();
}

/** "routes-data/x/providers.yaml:42 [3].phones[0].number: reason" */
export function formatFolderIssue(issue: FolderIssue): string {
  const where = `${issue.file}${issue.line ? `:${issue.line}` : ''}`;
  return `${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The line of the deepest YAML node that exists along the path. */
function lineOf(source: SourceFile, path: (string | number)[]): number | undefined {
  let node: unknown = source.document.contents;
  let found = node;
  for (const key of path) {
    if (isMap(node) || isSeq(node)) {
      const next = node.get(key, true);
      if (next === undefined) break;
      node = next;
      found = next;
    } else break;
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  return range ? source.lines.linePos(range[0]).line : undefined;
}
