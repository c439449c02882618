import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { HsdsFile } from '../../../src/core/hsds/report';

/**
 * The official HSDS 3.0 schemas and examples, beside the repository (`../shared/hsds-3.0`, as
 * in CI). Without them the HSDS tests fail instead of passing on nothing.
 */
export const HSDS_ROOT = fileURLToPath(new URL('../../../../shared/hsds-3.0', import.meta.url));
if (!existsSync(`${HSDS_ROOT}/schema/organization.json`)) {
  throw new Error(`The HSDS 3.0 reference files are missing: expected them in ${HSDS_ROOT}`);
}

export const EXAMPLES = `${HSDS_ROOT}/examples`;

export function exampleFile(name: string): HsdsFile {
  return { name, content: readFileSync(`${EXAMPLES}/${name}`, 'utf8') };
}

/** The tabular package of the examples: every file of examples/csv, datapackage.json included. */
export function exampleCsvPackage(): HsdsFile[] {
  return readdirSync(`${EXAMPLES}/csv`)
    .sort()
    .map((name) => ({ name, content: readFileSync(`${EXAMPLES}/csv/${name}`, 'utf8') }));
}

export function schemaFiles(): string[] {
  return readdirSync(`${HSDS_ROOT}/schema`).filter((name) => name.endsWith('.json') && name !== 'openapi.json');
}

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${HSDS_ROOT}/schema/${name}`, 'utf8'));
}

/** Where the HSDS OpenAPI document refers to the schemas; their relative $refs resolve against it. */
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

/**
 * Validators built from the official schema files. They declare no `$schema`; the HSDS OpenAPI
 * document that uses them sets `jsonSchemaDialect` to draft 2020-12, hence Ajv2020. The
 * schemas' own annotations (name, path, constraints, example…) are declared as keywords so that
 * Ajv stays strict about everything else.
 */
export function hsdsValidators(): {
  organization: ValidateFunction;
  service: ValidateFunction;
  organizationPage: ValidateFunction;
} {
  const openapi = JSON.parse(readFileSync(`${HSDS_ROOT}/schema/openapi.json`, 'utf8'));
  if (openapi.jsonSchemaDialect !== 'https://json-schema.org/draft/2020-12/schema') {
    throw new Error(`HSDS schemas now declare ${openapi.jsonSchemaDialect}: choose the matching Ajv class`);
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary([
    'name',
    'path',
    'datapackage_metadata',
    'datapackage_type',
    'constraints',
    'example',
    'core',
    'tabular_required',
  ]);
  for (const file of schemaFiles()) ajv.addSchema(readSchema(file), `${SCHEMA_BASE}${file}`);
  // The API's fully nested organization (its "compiled" schema): the organization with its services.
  const fullOrganization = {
    type: 'object',
    allOf: [{ $ref: `${SCHEMA_BASE}organization.json` }],
    properties: { services: { type: 'array', items: { $ref: `${SCHEMA_BASE}service.json` } } },
  };
  return {
    organization: ajv.compile(fullOrganization),
    service: ajv.compile({ $ref: `${SCHEMA_BASE}service.json` }),
    organizationPage: ajv.compile({
      type: 'object',
      allOf: [openapi.components.schemas.Page],
      properties: { contents: { type: 'array', items: fullOrganization } },
      required: ['contents'],
    }),
  };
}

/** Sets the value at a path of parsed JSON, or deletes it when the value is undefined: for tests that break documents. */
export function setAt(document: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = document as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
