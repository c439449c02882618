import { z } from 'zod';
import { AggregateBatchSchema, AggregateReceiptSchema } from '../../core/aggregates/protocol';
import {
  EnrolmentRequestSchema,
  EnrolmentResponseSchema,
  FieldReportSchema,
  JurisdictionSummarySchema,
  ReleaseChangesSchema,
  ReleaseManifestSchema,
  ReleaseSnapshotSchema,
  SignedReleaseHeaderSchema,
} from '../../core/sync/protocol';
import { CSRF_HEADER, SESSION_COOKIE } from '../accounts/sessions';
import { FieldReportReceiptSchema } from './field-report-routes';
import { PERMISSION_DESCRIPTIONS } from './permissions';
import { ApiErrorSchema } from './problems';
import type { ApiRoute, RouteResponse } from './route-table';
import { HealthSchema } from './service-routes';
import { LoginRequestSchema, SessionSchema } from './session-routes';

/** Component names for the schemas a client author meets again and again. */
const NAMED_SCHEMAS: [string, z.ZodType][] = [
  ['ApiError', ApiErrorSchema],
  ['Health', HealthSchema],
  ['JurisdictionSummary', JurisdictionSummarySchema],
  ['SignedReleaseHeader', SignedReleaseHeaderSchema],
  ['HandbookRecord', ReleaseSnapshotSchema.shape.records.element],
  ['ReleaseManifest', ReleaseManifestSchema],
  ['ReleaseSnapshot', ReleaseSnapshotSchema],
  ['ReleaseChanges', ReleaseChangesSchema],
  ['EnrolmentRequest', EnrolmentRequestSchema],
  ['EnrolmentResponse', EnrolmentResponseSchema],
  ['FieldReport', FieldReportSchema],
  ['FieldReportReceipt', FieldReportReceiptSchema],
  ['AggregateBatch', AggregateBatchSchema],
  ['AggregateReceipt', AggregateReceiptSchema],
  ['LoginRequest', LoginRequestSchema],
  ['Session', SessionSchema],
];

const SCHEMA_ROOT = '#/components/schemas/';
const TOKEN_SCHEME = 'deviceToken';
const SESSION_SCHEME = 'sessionCookie';

type JsonSchema = Record<string, unknown>;

/**
 * The route table's zod schemas as JSON Schema 2020-12 components. Request bodies are
 * described as a client sends them (before zod's trimming), responses as the server sends
 * them; each set is converted at once so shared parts become references.
 */
class Components {
  private readonly names = new Map<z.ZodType, string>(NAMED_SCHEMAS.map(([name, schema]) => [schema, name]));
  private readonly input = z.registry<{ id: string }>();
  private readonly output = z.registry<{ id: string }>();

  /** A reference to the schema, registered under its name or, lacking one, under `fallbackName`. */
  ref(schema: z.ZodType, io: 'input' | 'output', fallbackName: string): JsonSchema {
    const registry = io === 'input' ? this.input : this.output;
    const name = registry.get(schema)?.id ?? this.names.get(schema) ?? fallbackName;
    if (!registry.has(schema)) registry.add(schema, { id: name });
    return { $ref: `${SCHEMA_ROOT}${name}` };
  }

  schemas(): Record<string, JsonSchema> {
    // Shared sub-schemas of a response (a release header inside a snapshot) become references too.
    for (const [name, schema] of NAMED_SCHEMAS) if (!this.input.has(schema)) this.output.add(schema, { id: name });
    const convert = (registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output') =>
      (
        z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${SCHEMA_ROOT}${id}` }) as {
          schemas: Record<string, JsonSchema>;
        }
      ).schemas;
    const all = { ...convert(this.output, 'output'), ...convert(this.input, 'input') };
    return Object.fromEntries(
      Object.entries(all)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, { $schema: _schema, $id: _id, ...schema }]) => [name, schema]),
    );
  }
}

/** `/a/:id/b` → `/a/{id}/b` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

const SECURITY: Record<ApiRoute['auth'], object[] | undefined> = {
  none: undefined,
  device: [{ [TOKEN_SCHEME]: [] }],
  'optional-device': [{}, { [TOKEN_SCHEME]: [] }],
  account: [{ [SESSION_SCHEME]: [] }],
};

/** The refusals every route of a kind can meet, so the table lists only its own. */
function implicitErrors(route: ApiRoute): RouteResponse[] {
  const errors: RouteResponse[] = [];
  if (route.params || route.body)
    errors.push({ status: 400, description: 'The request is invalid; `issues` says where' });
  if (route.auth === 'account') {
    errors.push({ status: 401, description: 'No session cookie, or the session has ended or the account is disabled' });
    errors.push({
      status: 403,
      description:
        route.method === 'GET'
          ? 'The account may not do this (`forbidden`)'
          : 'The x-csrf-token header is missing or wrong (`csrf`), or the account may not do this (`forbidden`)',
    });
  } else if (route.auth !== 'none') {
    errors.push({ status: 401, description: 'Unknown, malformed or revoked device token' });
  }
  if (route.auth === 'device')
    errors.push({ status: 403, description: 'The device is enrolled in another jurisdiction' });
  if (route.body) {
    errors.push({ status: 413, description: 'The body is too large' });
    errors.push({ status: 415, description: 'The body is not sent as application/json' });
  }
  return errors;
}

function operation(route: ApiRoute, components: Components): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  const declared = new Set(route.responses.map((response) => response.status));
  const all = [...route.responses, ...implicitErrors(route).filter((error) => !declared.has(error.status))];
  for (const response of all.sort((a, b) => a.status - b.status)) {
    const schema = response.schema ?? (response.status >= 400 ? ApiErrorSchema : undefined);
    responses[String(response.status)] = {
      description: response.description,
      ...(response.headers && {
        headers: Object.fromEntries(
          Object.entries(response.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        ),
      }),
      ...(schema && {
        content: {
          'application/json': {
            schema: components.ref(schema, 'output', `${route.operationId}${response.status}`),
          },
        },
      }),
    };
  }
  responses.default = {
    description: 'The server failed; the message names the request in its logs',
    content: { 'application/json': { schema: components.ref(ApiErrorSchema, 'output', 'ApiError') } },
  };

  const parameters = Object.entries(route.params?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema: (({ $schema: _, ...rest }) => rest)(
      z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
    ),
  }));
  const security = SECURITY[route.auth];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...((route.description || route.auth === 'account') && {
      description: [
        route.description,
        route.auth === 'account' && `Who: ${PERMISSION_DESCRIPTIONS[route.permission ?? 'signed-in']}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    }),
    ...(security && { security }),
    ...(route.auth === 'account' && { 'x-rutas-permission': route.permission ?? 'signed-in' }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.body && {
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: components.ref(route.body, 'input', `${route.operationId}Request`) },
        },
      },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document of a route table: every route, its parameters, bodies, answers and auth. */
export function openApiDocument(routes: readonly ApiRoute[]): object {
  const components = new Components();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, components) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rutas API',
      version: '1',
      description:
        'Signed handbook releases for devices, enrolment of devices for restricted content, field reports, ' +
        'anonymous aggregates (where the deployment collects them), ' +
        'and sign-in to the coordinator console. ' +
        'The protocol (hashes, signatures, caching) is described in docs/sync.md.',
    },
    paths,
    components: {
      schemas: components.schemas(),
      securitySchemes: {
        [TOKEN_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'The device token a device receives when it redeems an enrolment code',
        },
        [SESSION_SCHEME]: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'The console session from POST /api/v1/session. Requests other than GET must also send the ' +
            `session's csrfToken in the ${CSRF_HEADER} header.`,
        },
      },
    },
  };
}
