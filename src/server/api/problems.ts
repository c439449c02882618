import type { FastifyError } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../../core/sync/protocol';

export const ApiErrorSchema = z.strictObject({
  error: z.string().describe('A stable code a client can branch on, e.g. `invalid_request`'),
  message: z.string().describe('A sentence a person can act on'),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});

/** The largest request body the API reads: a field report is well under 2 KB. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** A request the API refuses, with the status and the body it is answered with. */
export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiError['issues'],
    /** Headers the refusal is sent with, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  get body(): ApiError {
    return { error: this.code, message: this.message, ...(this.issues && { issues: this.issues }) };
  }
}

/** Where in the request a zod issue is, as a client reads it: `body.details`, `params.number`. */
function issuePath(part: string, path: readonly PropertyKey[]): string {
  return [part, ...path.map(String)].join('.');
}

export function invalidRequest(part: 'params' | 'body', error: z.ZodError): ApiProblem {
  const issues = error.issues.map((issue) => ({ path: issuePath(part, issue.path), message: issue.message }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new ApiProblem(400, 'invalid_request', `The request is invalid: ${summary}`, issues);
}

export const notFound = (message: string) => new ApiProblem(404, 'not_found', message);

/** A 429 for an address over one of its limits: what it did too often, and when it may try again. */
export function tooOften(code: string, what: string, retryAfterSeconds: number): ApiProblem {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiProblem(429, code, `${what}; try again in ${minutes} minute(s)`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

/** Fastify's own refusals, which happen before a route runs, by their Fastify code. */
const FRAMEWORK_PROBLEMS: Record<string, (error: FastifyError) => ApiProblem> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiProblem(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new ApiProblem(
      413,
      'payload_too_large',
      `The body is larger than this request accepts: ${BODY_LIMIT_BYTES / 1024} KB, or 1 MB for a handbook record and 50 MB of files for an HSDS import`,
    ),
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new ApiProblem(400, 'malformed_json', 'The body is not valid JSON (or holds a __proto__ or constructor key)'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ApiProblem(400, 'malformed_json', 'The body is empty; send a JSON object or leave out the Content-Type'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new ApiProblem(400, 'bad_request', 'The Content-Length header does not match the body'),
  FST_ERR_BAD_URL: () => new ApiProblem(400, 'bad_url', 'The URL holds an invalid percent-encoding'),
  FST_ERR_MAX_PARAM_LENGTH: () => new ApiProblem(414, 'uri_too_long', 'A part of the URL is too long'),
};

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  411: 'length_required',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'headers_too_large',
};

/**
 * Any error as the API answers it. Problems the API raised keep their shape; Fastify's own
 * 4xx (bad JSON, wrong content type, body too large, a garbled request encoding) get the
 * same shape; anything else is the server's fault and says so without leaking details.
 */
export function problemFor(error: FastifyError | Error, requestId: string): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? FRAMEWORK_PROBLEMS[fastifyError.code] : undefined;
  if (known) return known(fastifyError);
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ApiProblem(status, STATUS_CODES[status] ?? 'bad_request', error.message);
  }
  return new ApiProblem(
    500,
    'internal',
    `The server failed to answer; it is logged as request ${requestId}. Try again later.`,
  );
}
