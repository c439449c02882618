import { z } from 'zod';
import { RecordId } from '../handbook/schema';
import { ROUTE_STAGE_KINDS } from '../handbook/taxonomy';
import type { RouteStageKind } from '../route-engine/types';
import { API_ROOT } from '../sync/protocol';
import { addIsoWeeks, isoWeekMonday, isoWeekOf, parseIsoWeek } from './week';

/**
 * Anonymous aggregates: how many referrals were made at each route stage, per jurisdiction
 * and ISO week. Off unless the deployment turns them on (PRODUCT.md: victim data stays on
 * the device). A batch carries nothing but the four fields of AggregateBatchSchema: no
 * device id or token, no free text, no time finer than a week.
 */

/** Where a device sends a jurisdiction's batches, without any token. */
export const aggregatesPath = (jurisdictionId: string) =>
  `${API_ROOT}/jurisdictions/${encodeURIComponent(jurisdictionId)}/aggregates`;

/**
 * The response header of every manifest answer (200 and 304) that tells a device whether
 * this jurisdiction's counts are collected: `on` or `off`. A device counts nothing until it
 * has read `on`, and forgets what it counted when it reads `off`.
 */
export const AGGREGATES_HEADER = 'Rutas-Aggregates';
export type AggregatesSwitch = 'on' | 'off';

/** The largest count of one stage in one batch: a phone, in a week. More is a broken or hostile client. */
export const AGGREGATE_COUNT_MAX = 10_000;

/** How many weeks back a batch is still taken; older counts are dropped by the device and refused by the server. */
export const AGGREGATE_WEEKS_KEPT = 52;

/**
 * The most a time zone is ahead of UTC (Kiribati, UTC+14): a week is over somewhere on Earth
 * 14 hours before it is over in UTC.
 */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

export const IsoWeekSchema = z
  .string()
  .refine(
    (week) => parseIsoWeek(week) !== undefined,
    'A week is written like 2026-W48: the ISO year, "-W" and the week number (01 to 52, or 53 in years that have it)',
  );

const StageCount = z
  .number()
  .int('A count is a whole number')
  .min(0, 'A count cannot be negative')
  .max(AGGREGATE_COUNT_MAX, `A count is at most ${AGGREGATE_COUNT_MAX}`);

/** One optional field per route stage kind, each of the given schema. */
export const stageShape = <T extends z.ZodType>(value: T) =>
  Object.fromEntries(ROUTE_STAGE_KINDS.map((kind) => [kind, value.optional()])) as {
    [K in RouteStageKind]: z.ZodOptional<T>;
  };

/** Counts by route stage kind; a stage left out counted nothing. */
export const StageCountsSchema = z
  .strictObject(stageShape(StageCount))
  .refine((counts) => Object.keys(counts).length > 0, 'Name at least one route stage with its count');
export type StageCounts = Partial<Record<RouteStageKind, number>>;

/**
 * One week of one jurisdiction's counts from one device. `id` is a random UUID made when the
 * batch is sealed, so a resend is recognised; it says nothing about the device. Strict: any
 * other field is refused, so no identifier can travel along.
 */
export const AggregateBatchSchema = z.strictObject({
  id: z.uuid(),
  jurisdictionId: RecordId,
  week: IsoWeekSchema,
  counts: StageCountsSchema,
});
export type AggregateBatch = z.infer<typeof AggregateBatchSchema>;

export const AggregateReceiptSchema = z.strictObject({ id: z.uuid(), status: z.literal('received') });

/** The oldest week a batch may be about at `now`. */
export function oldestAcceptedWeek(now: Date): string {
  return addIsoWeeks(isoWeekOf(now), -AGGREGATE_WEEKS_KEPT);
}

/**
 * Whether a batch about `week` is taken at `now`: only once the week is over (in the time zone
 * furthest ahead, since a device counts on its jurisdiction's clock) and not more than
 * AGGREGATE_WEEKS_KEPT weeks back. A week that is not over yet will be later; a week too old never again.
 */
export function weekStatus(week: string, now: Date): 'accepted' | 'not-over' | 'too-old' {
  const nextMonday = isoWeekMonday(addIsoWeeks(week, 1)).getTime();
  if (nextMonday - EARLIEST_OFFSET_MS > now.getTime()) return 'not-over';
  return week < oldestAcceptedWeek(now) ? 'too-old' : 'accepted';
}
