import type { LocalizedText } from '../../core/handbook/schema';
import {
  type ApiError,
  FIELD_REPORT_OUTCOMES_MAX,
  FIELD_REPORT_OUTCOMES_PATH,
  FIELD_REPORTS_PATH,
  type FieldReport,
  FieldReportOutcomesSchema,
  FieldReportSchema,
} from '../../core/sync/protocol';
import type { OutboxEntry, RutasDatabase } from '../db/database';
import { type Connection, request, responseText, ServerUnreachableError } from './connection';
import { deviceId } from './device';

/** What a worker fills in: which provider, what is wrong, and (for "other") in their own words. */
export type ReportDraft = Pick<FieldReport, 'jurisdictionId' | 'providerId' | 'releaseNumber' | 'problem' | 'details'>;

export const REPORT_DETAILS_MAX = 1000;

export class InvalidReportError extends Error {
  constructor(readonly problems: string[]) {
    super(`The report is not valid: ${problems.join('; ')}`);
    this.name = 'InvalidReportError';
  }
}

/** Saves a field report in the outbox with a fresh id, so however often it is sent the server keeps it once. */
export async function queueFieldReport(
  db: RutasDatabase,
  draft: ReportDraft,
  now = new Date(),
  providerName?: LocalizedText,
): Promise<OutboxEntry> {
  const parsed = FieldReportSchema.safeParse({
    ...draft,
    id: crypto.randomUUID(),
    deviceId: await deviceId(db),
    reportedAt: now.toISOString(),
  });
  if (!parsed.success) throw new InvalidReportError(parsed.error.issues.map((issue) => issue.message));
  const entry: OutboxEntry = {
    id: parsed.data.id,
    report: parsed.data,
    queuedAt: now.toISOString(),
    ...(providerName && { providerName }),
  };
  await db.outbox.add(entry);
  return entry;
}

export interface OutboxFlush {
  sent: number;
  refused: number;
  waiting: number;
}

/**
 * Sends every report the server has not refused, oldest first. 201 and 200 (already
 * received) mark it sent, to learn later what the coordinators made of it; 400 and 409 keep it marked with the status (and the server's
 * message, for logs only: the screen words it from locales/ by status), never resent;
 * no connection or a 5xx keeps it for the next flush.
 */
export async function flushOutbox(db: RutasDatabase, connection: Connection): Promise<OutboxFlush> {
  const entries = await db.outbox.orderBy('queuedAt').toArray();
  const result: OutboxFlush = { sent: 0, refused: 0, waiting: 0 };
  let reachable = true;
  for (const entry of entries) {
    if (entry.lastError || entry.sentAt) continue;
    if (!reachable) {
      result.waiting++;
      continue;
    }
    const attemptedAt = connection.now().toISOString();
    try {
      const response = await request(connection, FIELD_REPORTS_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(entry.report),
      });
      if (response.status === 200 || response.status === 201) {
        await db.outbox.update(entry.id, { sentAt: attemptedAt, lastAttemptAt: attemptedAt });
        result.sent++;
      } else if (response.status === 400 || response.status === 409) {
        const message = await serverMessage(response);
        // The server's words are English and for whoever debugs; the worker reads a sentence chosen by status.
        console.warn(`Field report ${entry.id} refused (HTTP ${response.status}): ${message}`);
        await db.outbox.update(entry.id, {
          lastAttemptAt: attemptedAt,
          lastError: { status: response.status, message },
        });
        result.refused++;
      } else {
        throw new ServerUnreachableError(`field reports: HTTP ${response.status}`);
      }
    } catch (error) {
      if (!(error instanceof ServerUnreachableError)) throw error;
      await db.outbox.update(entry.id, { lastAttemptAt: attemptedAt });
      reachable = false;
      result.waiting++;
    }
  }
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function serverMessage(response: Response): Promise<string> {
  const text = await responseText(response);
  try {
    const body = JSON.parse(text) as Partial<ApiError>;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not the API's JSON error: the status is all there is to say.
  }
  return `HTTP ${response.status}`;
}

/** A decided report stays listed this long, so the worker sees what became of it, then goes. */
export const DECIDED_REPORT_KEPT_DAYS = 30;

/**
 * Asks what the coordinators decided about the reports this phone sent, records it, and forgets
 * decided reports after DECIDED_REPORT_KEPT_DAYS. Without a connection nothing changes.
 */
export async function fetchReportOutcomes(db: RutasDatabase, connection: Connection): Promise<number> {
  const now = connection.now();
  const cutoff = new Date(now.getTime() - DECIDED_REPORT_KEPT_DAYS * 86_400_000).toISOString();
  const stale = await db.outbox
    .filter((entry) => entry.outcome !== undefined && entry.outcome.decidedAt < cutoff)
    .primaryKeys();
  await db.outbox.bulkDelete(stale);
  const undecided = await db.outbox.filter((entry) => entry.sentAt !== undefined && !entry.outcome).primaryKeys();
  let decided = 0;
  for (let start = 0; start < undecided.length; start += FIELD_REPORT_OUTCOMES_MAX) {
    const ids = undecided.slice(start, start + FIELD_REPORT_OUTCOMES_MAX);
    let answer: unknown;
    try {
      const response = await request(connection, FIELD_REPORT_OUTCOMES_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids }),
      });
      if (!response.ok) return decided;
      answer = parseJson(await responseText(response));
    } catch (error) {
      if (error instanceof ServerUnreachableError) return decided;
      throw error;
    }
    const parsed = FieldReportOutcomesSchema.safeParse(answer);
    if (!parsed.success) return decided;
    const asked = new Set(ids);
    for (const { id, status, decidedAt } of parsed.data.outcomes) {
      if (!asked.has(id)) continue;
      await db.outbox.update(id, { outcome: { status, decidedAt } });
      decided++;
    }
  }
  return decided;
}

/** A report the server refused, removed by the worker after reading why. */
export async function discardReport(db: RutasDatabase, id: string): Promise<void> {
  await db.outbox.delete(id);
}
