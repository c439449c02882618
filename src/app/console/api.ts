import type { z } from 'zod';
import { CSRF_HEADER_NAME, SESSION_PATH } from '../../core/console/protocol';

/** A refusal from the console API, with the server's stable code, its sentence and any field issues. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field issues as the server lists them, e.g. `{ path: 'body.phones.0.number', message }`. */
    readonly issues: { path: string; message: string }[] = [],
    /** The whole answer, for refusals that carry more (a 409 conflict holds both versions). */
    readonly body: unknown = undefined,
    /** From Retry-After: how long a locked account or a throttled address must wait. */
    readonly retryAfterSeconds: number | undefined = undefined,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

/** Thrown when the server cannot be reached at all (the console needs a connection). */
export class ConsoleOfflineError extends Error {
  constructor() {
    super('The server cannot be reached');
    this.name = 'ConsoleOfflineError';
  }
}

let csrfToken: string | undefined;

/** Kept in memory only: after a reload the console asks GET /session for it again. */
export function rememberCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const sessionEndedListeners = new Set<() => void>();

/**
 * Called when the server answers 401 to a request made with a session (it expired or was
 * ended elsewhere), so the console can send the coordinator back to the sign-in screen.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

async function refusal(response: Response): Promise<ConsoleApiError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: string; message?: string; issues?: { path: string; message: string }[] }
    | undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ConsoleApiError(
    response.status,
    body?.error ?? `http_${response.status}`,
    body?.message ?? response.statusText,
    body?.issues ?? [],
    body,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/**
 * Calls the console API with the session cookie (and, on anything but GET, the CSRF token) and
 * checks the answer against the contract's schema, so a screen never renders a shape it did not expect.
 */
export async function consoleRequest<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER_NAME] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ConsoleOfflineError();
  }
  if (!response.ok) {
    const problem = await refusal(response);
    // A wrong password at sign-in is a 401 too, but no session ended.
    if (problem.status === 401 && path !== SESSION_PATH) for (const listener of sessionEndedListeners) listener();
    throw problem;
  }
  if (response.status === 204) return schema.parse(undefined);
  return schema.parse(await response.json());
}
