import { z } from 'zod';
import { RecordId } from '../../core/handbook/schema';

/** Answers about drafts, reports, accounts and sessions: never kept by any cache. */
export const NO_STORE = { 'Cache-Control': 'no-store' };

export const JurisdictionParams = z.strictObject({ id: RecordId });

/**
 * A console path built by consolePaths with `:name` stand-ins, as a route pattern: the app and
 * the server then build their URLs with the same functions.
 */
export const routePattern = (path: string) => path.replaceAll('%3A', ':');
