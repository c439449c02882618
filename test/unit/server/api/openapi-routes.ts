import type { FastifyInstance, InjectOptions } from 'fastify';
import { API_ROOT } from '../../../../src/core/sync/protocol';
import { JURISDICTION } from './api-fixture';

export interface DocumentedOperation {
  method: string;
  /** OpenAPI syntax: `/api/v1/jurisdictions/{id}/manifest`. */
  path: string;
  operationId: string;
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
}

export interface OpenApiDocumentShape {
  openapi: string;
  paths: Record<string, Record<string, Omit<DocumentedOperation, 'method' | 'path'>>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/** The document as the server serves it: the tests go by what it promises, not by the source. */
export async function documentedOperations(server: FastifyInstance): Promise<DocumentedOperation[]> {
  const document = (
    await server.inject({ method: 'GET', url: `${API_ROOT}/openapi.json` })
  ).json<OpenApiDocumentShape>();
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
}

function requiresScheme(operation: DocumentedOperation, scheme: string): boolean {
  const security = operation.security ?? [];
  return security.length > 0 && security.every((requirement) => scheme in requirement);
}

/** Whether a route wants a device token always (not merely accepts one). */
export function requiresDevice(operation: DocumentedOperation): boolean {
  return requiresScheme(operation, 'deviceToken');
}

/** Whether a route is for a person signed in to the console (session cookie). */
export function requiresAccount(operation: DocumentedOperation): boolean {
  return requiresScheme(operation, 'sessionCookie');
}

/** Values for path parameters beyond the jurisdiction and release numbers, e.g. a report id that exists. */
export type PathValues = Record<string, string>;

/** A URL for the documented path: the jurisdiction given, release 2 and changes from release 1. */
export function urlFor(operation: DocumentedOperation, extra: PathValues = {}): string {
  const values: Record<string, string> = { id: JURISDICTION, number: '2', from: '1', ...extra };
  return operation.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No test value for path parameter "${name}" of ${operation.path}`);
    return encodeURIComponent(value);
  });
}

/** A valid request for each documented body, so that a new POST route fails these tests until it is given one. */
export type BodyExamples = Record<string, () => Promise<unknown> | unknown>;

export async function validRequest(
  operation: DocumentedOperation,
  bodies: BodyExamples,
  headers: Record<string, string> = {},
  pathValues: PathValues = {},
): Promise<InjectOptions> {
  const request: InjectOptions = { method: operation.method as 'GET', url: urlFor(operation, pathValues), headers };
  if (operation.requestBody) {
    const example = bodies[operation.operationId];
    if (!example) throw new Error(`No example body for ${operation.operationId}: add one to the test`);
    request.payload = (await example()) as object;
  }
  return request;
}
