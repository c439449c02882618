import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../locales/en/console-editors.json';
import es from '../../../locales/es/console-editors.json';
import { ISSUE_CODES } from '../../../src/app/components/editor/issues';
import { ActionRoute, Checklist, CONTENT_LANGUAGES } from '../../../src/core/handbook/schema';
import { CASE_FACTS, ROUTE_STAGE_KINDS } from '../../../src/core/handbook/taxonomy';
import { sourceFiles } from './support/source-calls';

type Tree = { [key: string]: string | Tree };
const LOCALES: Record<string, Tree> = { es, en };
const APP = join(import.meta.dirname, '../../../src/app');
/** The code that speaks the `console-editors` namespace. */
const FOLDERS = ['components/editor', 'features/console-route', 'features/console-checklists'];

const nodeAt = (tree: Tree, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

/** Keys in `t('…')` calls, and the fixed prefixes of `t(\`prefix.${…}\`)` templates. */
function keysUsed() {
  const keys: { file: string; key: string; template: boolean }[] = [];
  for (const file of FOLDERS.flatMap((folder) => sourceFiles(join(APP, folder)))) {
    const source = readFileSync(file, 'utf8');
    for (const [, key] of source.matchAll(/\bt\('([a-zA-Z.]+)'/g))
      keys.push({ file: relative(APP, file), key: key ?? '', template: false });
    for (const [, prefix] of source.matchAll(/\bt\(`([a-zA-Z.]+)\.\$\{/g)) {
      keys.push({ file: relative(APP, file), key: prefix ?? '', template: true });
    }
  }
  return keys;
}

// locales.test.ts holds every console namespace to the rules of translation.json (same keys,
// plural forms, placeholders). Here: what only the editors know — every key they use, even
// keys without a dot, and every value their template keys can take.
describe('the console editors’ strings', () => {
  it('include every key the editors use', () => {
    const used = keysUsed();
    expect(used.filter((u) => !u.template).length).toBeGreaterThan(100);
    for (const [language, tree] of Object.entries(LOCALES)) {
      const missing = used
        .filter((u) =>
          u.template
            ? typeof nodeAt(tree, u.key) !== 'object'
            : typeof nodeAt(tree, u.key) !== 'string' && typeof nodeAt(tree, `${u.key}_other`) !== 'string',
        )
        .map((u) => `${u.file}: ${u.key}`);
      expect(missing, language).toEqual([]);
    }
  });

  it('cover every value a template key can take', () => {
    const stage = ActionRoute.shape.stages.element;
    const step = stage.shape.steps.element;
    const group = Checklist.shape.groups.element;
    const expected: Record<string, readonly string[]> = {
      caseFact: CASE_FACTS,
      stageKind: ROUTE_STAGE_KINDS,
      relationship: group.shape.relationship.options,
      language: CONTENT_LANGUAGES,
      issues: ISSUE_CODES,
      conditions: ['all', 'none'],
      'conflict.kind': ['stage', 'step', 'group', 'indicator'],
      // Every field of every level of a route and a checklist, named in lists of differences and problems.
      field: [
        ...new Set(
          [ActionRoute, stage, step, Checklist, group, group.shape.indicators.element].flatMap((schema) =>
            Object.keys(schema.shape),
          ),
        ),
      ],
      // Every list a problem's path can go through.
      place: ['stages', 'steps', 'principles', 'guidance', 'groups', 'indicators', 'responsible', 'all', 'none'],
    };
    for (const [language, tree] of Object.entries(LOCALES)) {
      const missing = Object.entries(expected).flatMap(([prefix, values]) =>
        values.filter((v) => typeof nodeAt(tree, `${prefix}.${v}`) !== 'string').map((v) => `${prefix}.${v}`),
      );
      expect(missing, language).toEqual([]);
    }
    const prefixes = new Set(
      keysUsed()
        .filter((u) => u.template)
        .map((u) => u.key),
    );
    expect([...prefixes].filter((p) => !(p in expected))).toEqual([]);
  });
});
