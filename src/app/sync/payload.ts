import { ReleaseRejectedError } from '../../core/sync/verify';
import { responseText } from './connection';

/**
 * The JSON body of a release response. A body that arrived whole but does not parse
 * (truncated, garbled) is a refused release; a connection that drops while reading it is a
 * network failure and propagates as such.
 */
export async function releasePayload(response: Response, what: string): Promise<unknown> {
  const text = await responseText(response);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ReleaseRejectedError('malformed', `${what} is not complete JSON (${text.length} characters)`);
  }
}
