import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../locales/en/translation.json';
import es from '../../../locales/es/translation.json';
import { CONSOLE_NAMESPACES } from '../../../src/app/console/strings';
import { FIELD_NAMESPACES } from '../../../src/app/i18n/field-strings';
import { ActionRoute, Checklist, Jurisdiction, Provider } from '../../../src/core/handbook/schema';
import { CASE_FACTS, POPULATIONS, SERVICE_TYPES } from '../../../src/core/handbook/taxonomy';
import { FIELD_REPORT_PROBLEMS } from '../../../src/core/sync/protocol';
import { sourceFiles, translationCalls } from './support/source-calls';

type Tree = { [key: string]: string | Tree };
const RECORD_KINDS = ['jurisdiction', 'provider', 'route', 'checklist'];
const REJECTION_REASONS = ['malformed', 'wrong-jurisdiction', 'not-newer', 'base-mismatch', 'signature', 'state-hash'];
const LOCALES: Record<string, Tree> = { es, en };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a translation tree as "a.b.c" → value. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

function nodeAt(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

/** A key as code uses it: a leaf, or a plural family (key_one, key_other…). */
function resolves(tree: Tree, key: string): boolean {
  return typeof nodeAt(tree, key) === 'string' || typeof nodeAt(tree, `${key}_other`) === 'string';
}

describe('the two locales', () => {
  const esKeys = [...leaves(es).keys()].sort();
  const enKeys = [...leaves(en).keys()].sort();

  it('have exactly the same keys, plural forms included', () => {
    expect(esKeys.length).toBeGreaterThan(50);
    expect(esKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !esKeys.includes(k))).toEqual([]);
  });

  it('every plural family has at least its _one and _other form, in both languages', () => {
    const families = new Set(
      [...esKeys, ...enKeys].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')),
    );
    expect(families.size).toBeGreaterThan(0);
    for (const [language, tree] of Object.entries(LOCALES)) {
      for (const family of families) {
        expect(typeof nodeAt(tree, `${family}_one`), `${language}: ${family}_one`).toBe('string');
        expect(typeof nodeAt(tree, `${family}_other`), `${language}: ${family}_other`).toBe('string');
        expect(nodeAt(tree, family), `${language}: ${family} is both a plural family and a plain key`).toBeUndefined();
      }
    }
  });

  it('every plural family has every plural form its language uses (Intl.PluralRules)', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { es: { translation: es }, en: { translation: en } }, lng: 'es', fallbackLng: false });
    const problems: string[] = [];
    for (const [language, tree] of Object.entries(LOCALES)) {
      const families = [...leaves(tree).keys()]
        .filter((k) => k.endsWith('_other'))
        .map((k) => k.replace(/_other$/, ''));
      for (const category of new Intl.PluralRules(language).resolvedOptions().pluralCategories) {
        for (const family of families) {
          if (typeof nodeAt(tree, `${family}_${category}`) !== 'string')
            problems.push(`${language}: ${family}_${category}`);
        }
      }
      const t = i18n.getFixedT(language);
      for (const family of families) {
        for (const count of [0, 1, 2, 5, 1_000_000]) {
          if (t(family, { count }) === family)
            problems.push(`${language}: ${family} with count ${count} shows the key`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have no empty or blank strings', () => {
    for (const [language, tree] of Object.entries(LOCALES)) {
      for (const [key, value] of leaves(tree)) {
        expect(typeof value, `${language}: ${key}`).toBe('string');
        expect(String(value).trim(), `${language}: ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {{placeholders}} for the same key in both languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
    const enLeaves = leaves(en);
    for (const [key, value] of leaves(es)) {
      expect(placeholders(value), key).toEqual(placeholders(enLeaves.get(key)));
    }
  });

  it('are really translated: Spanish and English differ for most texts', () => {
    const enLeaves = leaves(en);
    const same = [...leaves(es)].filter(([key, value]) => value === enLeaves.get(key)).map(([key]) => key);
    // Proper names, codes and loanwords may coincide; a copy-pasted locale would not pass this.
    expect(same.length).toBeLessThan(esKeys.length / 10);
  });
});

// ----- The console's namespaces ------------------------------------------------------------
// Console strings live apart from translation.json (the field worker's start-up): one file per
// namespace and language, loaded by the console shell. The same rules hold for them.

const LOCALES_ROOT = join(import.meta.dirname, '../../../locales');

function namespaceTree(language: string, namespace: string): Tree {
  const file = join(LOCALES_ROOT, language, `${namespace}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Tree) : {};
}

/** Every namespace by name, each as its Spanish and English trees. */
const NAMESPACES: Record<string, Record<string, Tree>> = {
  translation: LOCALES,
  ...Object.fromEntries(
    [...CONSOLE_NAMESPACES, ...FIELD_NAMESPACES].map((namespace) => [
      namespace,
      { es: namespaceTree('es', namespace), en: namespaceTree('en', namespace) },
    ]),
  ),
};

describe.each([...CONSOLE_NAMESPACES, ...FIELD_NAMESPACES])('the namespace %s', (namespace) => {
  const trees = NAMESPACES[namespace] as Record<string, Tree>;
  const esLeaves = leaves(trees.es as Tree);
  const enLeaves = leaves(trees.en as Tree);

  it('exists in both languages, with exactly the same keys', () => {
    for (const language of ['es', 'en']) {
      expect(existsSync(join(LOCALES_ROOT, language, `${namespace}.json`)), `${language}/${namespace}.json`).toBe(true);
    }
    expect([...esLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
    expect([...enLeaves.keys()].filter((k) => !esLeaves.has(k))).toEqual([]);
  });

  it('has every plural form each language uses, and no blank string', () => {
    const problems: string[] = [];
    for (const [language, tree] of Object.entries(trees)) {
      const families = [...leaves(tree).keys()]
        .filter((k) => PLURAL_SUFFIX.test(k))
        .map((k) => k.replace(PLURAL_SUFFIX, ''));
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const family of new Set(families)) {
        for (const category of new Set([...categories, 'one', 'other'])) {
          if (typeof nodeAt(tree, `${family}_${category}`) !== 'string')
            problems.push(`${language}: ${family}_${category}`);
        }
      }
      for (const [key, value] of leaves(tree)) {
        if (typeof value !== 'string' || value.trim() === '') problems.push(`${language}: ${key} is blank`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses the same {{placeholders}} for the same key in both languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of esLeaves) expect(placeholders(value), key).toEqual(placeholders(enLeaves.get(key)));
  });

  it('is really translated: Spanish and English differ for most texts', () => {
    const same = [...esLeaves].filter(([key, value]) => value === enLeaves.get(key)).map(([key]) => key);
    expect(same.length).toBeLessThanOrEqual(Math.floor(esLeaves.size / 10));
  });
});

// ----- Keys used by the code ------------------------------------------------------------

const APP_ROOT = join(import.meta.dirname, '../../../src/app');

interface KeyUse {
  file: string;
  /** The i18next namespace: the file's `useTranslation('…')`, or a `namespace:` prefix on the key. */
  namespace: string;
  key: string;
  /** A template literal such as `serviceType.${type}`: only its fixed prefix is known. */
  template: boolean;
}

/** A console file names its namespace once: `useTranslation('console')` (or the first of a list). */
function fileNamespace(source: string): string {
  return /useTranslation\(\s*\[?\s*'([\w-]+)'/.exec(source)?.[1] ?? 'translation';
}

function keysUsedIn(file: string): KeyUse[] {
  const uses: KeyUse[] = [];
  const relativeFile = relative(APP_ROOT, file);
  const source = readFileSync(file, 'utf8');
  const inFile = fileNamespace(source);
  for (const args of translationCalls(source)) {
    for (const [, namespace, key] of args.matchAll(/'(?:([\w-]+):)?([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) {
      if (key) uses.push({ file: relativeFile, namespace: namespace ?? inFile, key, template: false });
    }
    for (const [, namespace, prefix] of args.matchAll(/`(?:([\w-]+):)?([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*)\.\$\{/g)) {
      if (prefix) uses.push({ file: relativeFile, namespace: namespace ?? inFile, key: prefix, template: true });
    }
  }
  return uses;
}

/** The uses of a key that its namespace does not hold, in one language. */
function missingKeys(uses: KeyUse[], language: string): string[] {
  return uses
    .filter((u) => {
      const tree = NAMESPACES[u.namespace]?.[language];
      if (!tree) return true;
      return u.template ? typeof nodeAt(tree, u.key) !== 'object' : !resolves(tree, u.key);
    })
    .map((u) => `${u.file}: ${u.namespace}:${u.key}${u.template ? '.<template>' : ''}`);
}

describe('every key the app uses', () => {
  const allUses = sourceFiles(APP_ROOT).flatMap(keysUsedIn);
  const uses = allUses.filter((u) => u.namespace === 'translation');

  it('the scan finds the keys of every screen (so it cannot pass by finding nothing)', () => {
    expect(uses.filter((u) => !u.template).length).toBeGreaterThan(60);
    expect(uses.filter((u) => u.template).map((u) => u.key)).toEqual(
      expect.arrayContaining(['serviceType', 'population', 'caseFact', 'weekday', 'phoneType', 'notFound']),
    );
    const files = new Set(uses.map((u) => u.file));
    expect(files).toContain('routes.tsx');
    expect(files).toContain(join('features', 'providers', 'components', 'DirectoryScreen.tsx'));
  });

  it.each(Object.keys(LOCALES))('exists in the %s locale, in the namespace it is looked up in', (language) => {
    expect(missingKeys(allUses, language)).toEqual([]);
  });

  it('the console reads its own namespaces, and from translation.json only what field screens use too', () => {
    const consoleUses = allUses.filter((u) => u.namespace === 'console');
    expect(consoleUses.filter((u) => !u.template).length).toBeGreaterThan(100);
    expect(new Set(consoleUses.map((u) => u.file))).toContain(join('console', 'LoginScreen.tsx'));
    // translation.json is in the field worker's start-up: a string only the console needs belongs elsewhere.
    const isConsoleFile = (u: KeyUse) => /^(console|features[/\\]console-)/.test(u.file);
    const workerUses = uses.filter((u) => !isConsoleFile(u));
    const usedByWorker = (key: string) =>
      workerUses.some((u) => u.key === key || (u.template && key.startsWith(`${u.key}.`)));
    const consoleOnly = uses.filter((u) => isConsoleFile(u) && !usedByWorker(u.key));
    expect(uses.filter(isConsoleFile).length).toBeGreaterThan(5);
    expect(consoleOnly.map((u) => `${u.file}: ${u.key}`)).toEqual([]);
  });

  it.each(Object.keys(LOCALES))('covers, in %s, every value a template key can take', (language) => {
    const tree = LOCALES[language] as Tree;
    const expected: Record<string, readonly string[]> = {
      serviceType: SERVICE_TYPES,
      population: POPULATIONS,
      caseFact: CASE_FACTS,
      weekday: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
      phoneType: ['voice', 'hotline', 'fax', 'cell'],
      'checklists.relationship': Checklist.shape.groups.element.shape.relationship.options,
      notFound: ['page', 'jurisdiction', 'provider', 'checklist'],
      'providers.location': ['denied', 'unavailable'],
      'sync.error': [...REJECTION_REASONS, 'forbidden', 'storage'],
      'changes.added': RECORD_KINDS,
      'changes.removed': RECORD_KINDS,
      // Every top-level field of a record; a field without a name shows as "other details".
      'changes.field': [
        ...new Set([Jurisdiction, Provider, ActionRoute, Checklist].flatMap((schema) => Object.keys(schema.shape))),
      ],
      'report.problem': FIELD_REPORT_PROBLEMS,
      'enrol.error': ['invalid', 'unknown', 'used', 'expired', 'throttled', 'offline', 'refused'],
    };
    const missing = Object.entries(expected).flatMap(([prefix, values]) =>
      values.filter((v) => typeof nodeAt(tree, `${prefix}.${v}`) !== 'string').map((v) => `${prefix}.${v}`),
    );
    expect(missing).toEqual([]);
    // …and every template prefix the code uses is one listed here, so a new one must be added.
    const prefixes = new Set(uses.filter((u) => u.template).map((u) => u.key));
    expect([...prefixes].filter((p) => !(p in expected))).toEqual([]);
  });
});
