import {
  AGGREGATE_COUNT_MAX,
  AGGREGATES_HEADER,
  type AggregateBatch,
  AggregateBatchSchema,
  type AggregatesSwitch,
  aggregatesPath,
  type StageCounts,
  weekStatus,
} from '../../core/aggregates/protocol';
import { isoWeekOf } from '../../core/aggregates/week';
import { RecordId } from '../../core/handbook/schema';
import { ROUTE_STAGE_KINDS } from '../../core/handbook/taxonomy';
import type { RouteStageKind } from '../../core/route-engine/types';
import type { AggregateCount, RutasDatabase } from '../db/database';
import { type Connection, request, responseText, ServerUnreachableError } from './connection';

/**
 * Anonymous counts of referrals by jurisdiction, route stage and ISO week (PRODUCT.md: only
 * these may leave the device, and only where the deployment turns them on). The server says
 * whether it collects them in a header of every manifest answer; until a device has read
 * `on` it counts nothing, and when it reads `off` it forgets what it counted.
 *
 * A week is counted on the jurisdiction's wall clock (its time zone in the handbook; UTC when
 * the device holds no handbook of it). Once the week is over its counts are sealed into one
 * batch with a random id and sent, without the device token or any cookie, at the sync
 * engine's flushes; the batch is deleted once the server has taken it.
 */

const switchKey = (jurisdictionId: string) => `aggregates/${jurisdictionId}`;
const BATCH_PREFIX = 'aggregates-batch/';
const STAGE_KINDS: ReadonlySet<string> = new Set(ROUTE_STAGE_KINDS);

/** What the last manifest answer said about aggregates, per jurisdiction; undefined: nothing heard yet. */
export async function aggregatesSwitch(
  db: RutasDatabase,
  jurisdictionId: string,
): Promise<AggregatesSwitch | undefined> {
  const value = (await db.settings.get(switchKey(jurisdictionId)))?.value;
  return value === 'on' || value === 'off' ? value : undefined;
}

/** Turns counting off for a jurisdiction and forgets every count of it, sealed or not. */
async function stopCounting(db: RutasDatabase, jurisdictionId: string): Promise<void> {
  await db.transaction('rw', db.settings, db.aggregateCounts, async () => {
    await db.settings.put({ key: switchKey(jurisdictionId), value: 'off' });
    await db.aggregateCounts.filter((row) => row.jurisdictionId === jurisdictionId).delete();
    await db.settings
      .where('key')
      .startsWith(BATCH_PREFIX)
      .filter((setting) => (setting.value as AggregateBatch).jurisdictionId === jurisdictionId)
      .delete();
  });
}

/**
 * Records what a manifest answer (200 or 304) says: `on` or `off` for this jurisdiction. An
 * answer without the header (an older server, a proxy that drops it) changes nothing.
 */
export async function learnAggregatesSwitch(
  db: RutasDatabase,
  jurisdictionId: string,
  response: Response,
): Promise<void> {
  const said = response.headers.get(AGGREGATES_HEADER)?.trim().toLowerCase();
  if ((said !== 'on' && said !== 'off') || said === (await aggregatesSwitch(db, jurisdictionId))) return;
  if (said === 'on') await db.settings.put({ key: switchKey(jurisdictionId), value: 'on' });
  else await stopCounting(db, jurisdictionId);
}

async function timeZoneOf(db: RutasDatabase, jurisdictionId: string): Promise<string> {
  return (await db.jurisdictions.get(jurisdictionId))?.timeZone ?? 'UTC';
}

export interface ReferralCount {
  jurisdictionId: string;
  stageKind: RouteStageKind;
  /** When the referral was made; only its ISO week is kept. */
  at: Date;
}

/**
 * Counts one referral at a route stage, when the deployment collects aggregates for the
 * jurisdiction; otherwise nothing is stored. Only the jurisdiction, the stage kind and the
 * week are read from `referral`, whatever else it holds. Resolves to whether it was counted.
 */
export async function countReferral(db: RutasDatabase, referral: ReferralCount): Promise<boolean> {
  const { jurisdictionId, stageKind, at } = referral;
  if (!RecordId.safeParse(jurisdictionId).success || !STAGE_KINDS.has(stageKind)) return false;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return false;
  return db.transaction('rw', db.settings, db.aggregateCounts, db.jurisdictions, async () => {
    if ((await aggregatesSwitch(db, jurisdictionId)) !== 'on') return false;
    const week = isoWeekOf(at, await timeZoneOf(db, jurisdictionId));
    const held = await db.aggregateCounts.get([jurisdictionId, week, stageKind]);
    const count = Math.min((held?.count ?? 0) + 1, AGGREGATE_COUNT_MAX);
    await db.aggregateCounts.put({ jurisdictionId, week, stageKind, count });
    return true;
  });
}

/** The counts of one jurisdiction's week as the batch that carries them, and nothing else. */
function batchOf(rows: readonly AggregateCount[]): AggregateBatch {
  const [first] = rows;
  if (!first) throw new Error('a batch needs at least one count');
  const counts: StageCounts = {};
  for (const row of rows) counts[row.stageKind as RouteStageKind] = row.count;
  return AggregateBatchSchema.parse({
    id: crypto.randomUUID(),
    jurisdictionId: first.jurisdictionId,
    week: first.week,
    counts,
  });
}

/**
 * Moves the counts of every week that is over into sealed batches (one per jurisdiction and
 * week, each with its own random id), so that a resend carries exactly what was sent before.
 * Counts of jurisdictions not collecting, and of weeks too old to be taken, are dropped.
 */
async function sealCompletedWeeks(db: RutasDatabase, now: Date): Promise<void> {
  await db.transaction('rw', db.settings, db.aggregateCounts, db.jurisdictions, async () => {
    const groups = new Map<string, AggregateCount[]>();
    for (const row of await db.aggregateCounts.toArray()) {
      const key = `${row.jurisdictionId} ${row.week}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      const { jurisdictionId, week } = rows[0] as AggregateCount;
      const keys = rows.map((row): [string, string, string] => [row.jurisdictionId, row.week, row.stageKind]);
      if ((await aggregatesSwitch(db, jurisdictionId)) !== 'on') {
        await db.aggregateCounts.bulkDelete(keys);
        continue;
      }
      if (week >= isoWeekOf(now, await timeZoneOf(db, jurisdictionId))) continue;
      const status = weekStatus(week, now);
      if (status === 'not-over') continue;
      const counted = rows.filter((row) => STAGE_KINDS.has(row.stageKind) && row.count > 0);
      if (status === 'accepted' && counted.length > 0) {
        const batch = batchOf(counted);
        await db.settings.put({ key: `${BATCH_PREFIX}${batch.id}`, value: batch });
      }
      await db.aggregateCounts.bulkDelete(keys);
    }
  });
}

export interface AggregatesFlush {
  /** Batches the server took (or had taken before). */
  sent: number;
  /** Batches kept for a later flush: no connection, a server error, a week not over for the server. */
  waiting: number;
  /** Batches the server refused for good, or that a jurisdiction no longer collecting made pointless. */
  dropped: number;
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = JSON.parse(await responseText(response)) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch (error) {
    if (error instanceof ServerUnreachableError) throw error;
    return undefined;
  }
}

/**
 * Seals the weeks that are over, then sends every sealed batch. A 2xx deletes it; a 404 means
 * the server does not (or no longer) collect this jurisdiction's counts: they are all
 * forgotten; `week_not_over` keeps it for later; any other refusal drops it, as sending it
 * again would be refused again; no connection or a 5xx keeps it and stops for this flush.
 */
export async function flushAggregates(db: RutasDatabase, connection: Connection): Promise<AggregatesFlush> {
  await sealCompletedWeeks(db, connection.now());
  const sealed = await db.settings.where('key').startsWith(BATCH_PREFIX).toArray();
  const result: AggregatesFlush = { sent: 0, waiting: 0, dropped: 0 };
  let reachable = true;
  for (const { key, value } of sealed) {
    const parsed = AggregateBatchSchema.safeParse(value);
    if (!parsed.success || (await aggregatesSwitch(db, parsed.data.jurisdictionId)) !== 'on') {
      // A jurisdiction answered "off" after the batch was sealed (stopCounting removed its own), or the row is damaged.
      if (await db.settings.get(key)) await db.settings.delete(key);
      result.dropped++;
      continue;
    }
    if (!reachable) {
      result.waiting++;
      continue;
    }
    const batch = parsed.data;
    try {
      const response = await request(connection, aggregatesPath(batch.jurisdictionId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        // No cookie either: a console session in the same browser must not be sent along.
        credentials: 'omit',
      });
      if (response.ok) {
        await db.settings.delete(key);
        result.sent++;
      } else if (response.status >= 500 || response.status === 429) {
        // Busy or too many from this connection: the batches wait for the next sync run.
        throw new ServerUnreachableError(`aggregates: HTTP ${response.status}`);
      } else if (response.status === 404) {
        await stopCounting(db, batch.jurisdictionId);
        result.dropped++;
      } else if (response.status === 422 && (await errorCode(response)) === 'week_not_over') {
        result.waiting++;
      } else {
        console.warn(`Anonymous counts of ${batch.jurisdictionId} ${batch.week} refused (HTTP ${response.status})`);
        await db.settings.delete(key);
        result.dropped++;
      }
    } catch (error) {
      if (!(error instanceof ServerUnreachableError)) throw error;
      reachable = false;
      result.waiting++;
    }
  }
  return result;
}
