import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import enOperations from '../../../locales/en/console-operations.json';
import enWorker from '../../../locales/en/translation.json';
import esOperations from '../../../locales/es/console-operations.json';
import esWorker from '../../../locales/es/translation.json';
import type { AccountProblem } from '../../../src/app/features/console-accounts/components/account-form';
import type { DeviceStatus } from '../../../src/app/features/console-devices/components/device-status';
import type { HsdsSelectionProblem } from '../../../src/app/features/console-hsds/components/hsds-files';
import { ACCOUNT_ROLES, FIELD_REPORT_OUTCOMES } from '../../../src/core/console/protocol';
import type { HsdsProblemCode, HsdsSkipCode } from '../../../src/core/hsds/report';
import { sourceFiles, translationCalls } from './support/source-calls';

type Tree = { [key: string]: string | Tree };
const OPERATIONS: Record<string, Tree> = { es: esOperations, en: enOperations };
const WORKER: Record<string, Tree> = { es: esWorker, en: enWorker };

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path] : leaves(value, path);
  });
}

const nodeAt = (tree: Tree, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
const resolves = (tree: Tree, key: string) =>
  typeof nodeAt(tree, key) === 'string' || typeof nodeAt(tree, `${key}_other`) === 'string';

// Every value each template key can take; `Record<Union, true>` makes a new value fail to compile until named here.
const keysOf = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  'accounts.problem': keysOf<AccountProblem>({
    email: true,
    emailTaken: true,
    displayName: true,
    role: true,
    jurisdictionIds: true,
    passwordShort: true,
    passwordLong: true,
    passwordIsEmail: true,
    passwordRefused: true,
  }),
  'accounts.role': ACCOUNT_ROLES,
  'accounts.roleExplain': ACCOUNT_ROLES,
  'devices.status': keysOf<DeviceStatus>({ 'out-of-date': true, 'never-synced': true, current: true }),
  'fieldReports.decide': FIELD_REPORT_OUTCOMES,
  'fieldReports.confirm': FIELD_REPORT_OUTCOMES,
  'fieldReports.done': FIELD_REPORT_OUTCOMES,
  'fieldReports.outcome': FIELD_REPORT_OUTCOMES,
  'hsds.choice': keysOf<HsdsSelectionProblem>({
    empty: true,
    unsupported: true,
    tooMany: true,
    tooLarge: true,
    severalJson: true,
    noDatapackage: true,
  }),
  'hsds.refusal': keysOf<HsdsProblemCode>({
    empty: true,
    not_json: true,
    not_hsds: true,
    wrong_type: true,
    missing_field: true,
    duplicate_id: true,
    broken_csv: true,
  }),
  'hsds.skip': keysOf<HsdsSkipCode>({
    unknown_field: true,
    not_kept: true,
    not_read: true,
    invalid_phone: true,
    phone_extension: true,
    invalid_email: true,
    invalid_url: true,
    invalid_coordinates: true,
    incomplete_address: true,
    other_location: true,
    schedule_not_weekly: true,
    schedule_limits_ignored: true,
    invalid_language: true,
    unmapped_term: true,
    no_service_type: true,
    no_population: true,
    no_language: true,
    no_description: true,
    inactive_service: true,
    unlinked_row: true,
  }),
};

describe('the console-operations strings', () => {
  const esKeys = leaves(esOperations).sort();
  const enKeys = leaves(enOperations).sort();

  it('have the same keys in Spanish and English, none blank', () => {
    expect(esKeys.length).toBeGreaterThan(100);
    expect(esKeys).toEqual(enKeys);
    for (const [language, tree] of Object.entries(OPERATIONS)) {
      for (const key of leaves(tree)) expect(String(nodeAt(tree, key)).trim(), `${language}: ${key}`).not.toBe('');
    }
  });

  it('are translated: Spanish and English differ for nearly every text', () => {
    const same = esKeys.filter((key) => nodeAt(esOperations, key) === nodeAt(enOperations, key));
    expect(same.length).toBeLessThan(esKeys.length / 20);
  });

  it.each(Object.keys(OPERATIONS))('name, in %s, every value a template key can take', (language) => {
    const tree = OPERATIONS[language] as Tree;
    const missing = Object.entries(TEMPLATE_VALUES).flatMap(([prefix, values]) =>
      values.filter((value) => typeof nodeAt(tree, `${prefix}.${value}`) !== 'string').map((v) => `${prefix}.${v}`),
    );
    expect(missing).toEqual([]);
  });
});

// ----- Keys used by the screens -----------------------------------------------------------------

const FEATURES = join(import.meta.dirname, '../../../src/app/features');
const OWN_FEATURES = ['console-field-reports', 'console-devices', 'console-audit', 'console-accounts', 'console-hsds'];

interface KeyUse {
  where: string;
  key: string;
  template: boolean;
  /** Keys the field app's namespace names (problems, field names) are looked up there. */
  worker: boolean;
}

const uses: KeyUse[] = OWN_FEATURES.flatMap((feature) => sourceFiles(join(FEATURES, feature))).flatMap((file) =>
  translationCalls(readFileSync(file, 'utf8')).flatMap((args) => {
    const where = relative(FEATURES, file);
    const use = (namespace: string | undefined, key: string | undefined, template: boolean): KeyUse => ({
      where,
      key: key ?? '',
      template,
      worker: namespace === 'translation',
    });
    return [
      // Dotted keys anywhere in the call (both sides of a ternary), and a one-word key as the whole first argument.
      ...[...args.matchAll(/'(?:(translation):)?([a-zA-Z]+(?:\.[a-zA-Z0-9_-]+)+)'/g)].map(([, ns, key]) =>
        use(ns, key, false),
      ),
      ...[...args.matchAll(/^'([a-zA-Z]+)'(?=[,\s]|$)/g)].map(([, key]) => use(undefined, key, false)),
      ...[...args.matchAll(/`(?:(translation):)?([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*)\.\$\{/g)].map(([, ns, key]) =>
        use(ns, key, true),
      ),
    ];
  }),
);

describe('every key the operations screens use', () => {
  it('the scan finds the keys of every screen (so it cannot pass by finding nothing)', () => {
    expect(uses.filter((use) => !use.template).length).toBeGreaterThan(100);
    for (const feature of OWN_FEATURES)
      expect(
        uses.some((use) => use.where.startsWith(feature)),
        feature,
      ).toBe(true);
  });

  it.each(['es', 'en'])('exists in %s', (language) => {
    const missing = uses
      .filter((use) => {
        const tree = ((use.worker ? WORKER : OPERATIONS)[language] ?? {}) as Tree;
        return use.template ? typeof nodeAt(tree, use.key) !== 'object' : !resolves(tree, use.key);
      })
      .map((use) => `${use.where}: ${use.key}`);
    expect(missing).toEqual([]);
  });

  it('every template key of this namespace has its values listed above', () => {
    const prefixes = new Set(uses.filter((use) => use.template && !use.worker).map((use) => use.key));
    // audit.action is checked against AUDIT_ACTIONS in console-audit.test.ts.
    expect([...prefixes].filter((prefix) => !(prefix in TEMPLATE_VALUES) && prefix !== 'audit.action')).toEqual([]);
  });
});
