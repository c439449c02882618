/** How the device reaches the sync server; tests pass their own server and key. */
export interface SyncOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** The server's origin; the app's own in the browser (the API is same-origin). */
  origin?: string;
  /** The Ed25519 public key releases must be signed with; the one pinned at build time by default. */
  publicKey?: string;
  now?: () => Date;
}

export interface Connection {
  fetch: typeof fetch;
  origin: string;
  publicKey: string;
  now: () => Date;
}

export function connect(options: SyncOptions = {}): Connection {
  return {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    origin: options.origin ?? globalThis.location.origin,
    publicKey: options.publicKey ?? __RUTAS_PUBLIC_KEY__,
    now: options.now ?? (() => new Date()),
  };
}

/** The server could not be reached, or answered it cannot serve now (5xx): try again later, nothing to tell the worker. */
export class ServerUnreachableError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The sync server could not be reached: ${detail}`, options);
    this.name = 'ServerUnreachableError';
  }
}

/** A request to the sync server; a failed connection becomes a ServerUnreachableError. */
export async function request(connection: Connection, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await connection.fetch(new URL(path, connection.origin), { cache: 'no-store', ...init });
  } catch (error) {
    throw new ServerUnreachableError(path, { cause: error });
  }
}

/** The body of a response as text; a connection dropped while reading it is a network failure too. */
export async function responseText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new ServerUnreachableError(response.url, { cause: error });
  }
}
