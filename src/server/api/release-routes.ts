import { z } from 'zod';
import { AGGREGATES_HEADER } from '../../core/aggregates/protocol';
import { RecordId } from '../../core/handbook/schema';
import type { ReleaseVariant } from '../../core/release/records';
import {
  API_ROOT,
  JurisdictionSummarySchema,
  ReleaseChangesSchema,
  ReleaseManifestSchema,
  ReleaseSnapshotSchema,
  syncPaths,
} from '../../core/sync/protocol';
import { releaseChanges, releaseSnapshot } from '../publishing/snapshots';
import { LATEST_RELEASE_TTL_MS, releaseEtag } from './latest-releases';
import { notFound } from './problems';
import { JurisdictionParams } from './route-parts';
import { type ApiRoute, defineRoute } from './route-table';

/**
 * Public releases may sit in any cache: a manifest is revalidated on every check, a release
 * never changes. Enrolled releases hold confidential locations and must never be stored by
 * a shared cache, nor by the browser's cache where another person could find them.
 */
export const CACHE_CONTROL = {
  public: { manifest: 'no-cache', release: 'public, max-age=31536000, immutable' },
  enrolled: { manifest: 'private, no-store', release: 'private, no-store' },
} as const;

/** The route patterns of the paths a device builds with syncPaths, so the two cannot disagree. */
function syncRoutePatterns(variant: ReleaseVariant) {
  const paths = syncPaths(':id', variant);
  // syncPaths only interpolates the numbers, so a parameter name can stand in for one.
  const parameter = (name: string) => name as unknown as number;
  return {
    manifest: decodeURIComponent(paths.manifest),
    snapshot: decodeURIComponent(paths.snapshot(parameter(':number'))),
    changes: decodeURIComponent(paths.changes(parameter(':number'), parameter(':from'))),
  };
}

/** Whether an If-None-Match header names this validator (weak comparison, as RFC 9110 asks for it). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export const ReleaseNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'A release number is a whole number from 1, e.g. 3')
  .transform(Number);
const SnapshotParams = z.strictObject({ id: RecordId, number: ReleaseNumber });
const ChangesParams = z
  .strictObject({ id: RecordId, number: ReleaseNumber, from: ReleaseNumber })
  .refine((params) => params.from < params.number, {
    message: 'Changes go from an earlier release to a later one: "from" must be lower than "number"',
    path: ['from'],
    // Only once both are release numbers; otherwise the number's own message says it all.
    when: (payload) => payload.issues.length === 0,
  });

const ETAG = 'Validator of this release; send it back as If-None-Match';
const AGGREGATES =
  '`on` when this server collects anonymous counts for the jurisdiction (POST …/aggregates), else `off`';

function notModified(etag: string) {
  return { status: 304, description: `Not modified: the release named by If-None-Match (${etag}) is current` };
}

function releaseRoutes(variant: ReleaseVariant): ApiRoute[] {
  const paths = syncRoutePatterns(variant);
  const cache = CACHE_CONTROL[variant];
  const auth = variant === 'enrolled' ? 'device' : 'none';
  const whose =
    variant === 'enrolled'
      ? 'the enrolled variant (restricted providers included), for devices enrolled in the jurisdiction'
      : 'the public variant (restricted providers left out)';
  const operation = (name: string) => `${name}${variant === 'enrolled' ? 'Enrolled' : ''}`;
  const headers = { ETag: ETAG, 'Cache-Control': cache.release };

  return [
    defineRoute({
      method: 'GET',
      path: paths.manifest,
      operationId: operation('getManifest'),
      summary: `The latest release of a jurisdiction, ${whose}`,
      description:
        'The no-change check: one conditional request. Send the ETag of the last answer as If-None-Match; ' +
        'an unchanged release is a 304 with no body. A release published while the server runs is served ' +
        `within ${LATEST_RELEASE_TTL_MS / 1000} s.`,
      auth,
      params: JurisdictionParams,
      responses: [
        {
          status: 200,
          description: 'The signed header of the latest release',
          schema: ReleaseManifestSchema,
          headers: { ETag: ETAG, 'Cache-Control': cache.manifest, [AGGREGATES_HEADER]: AGGREGATES },
        },
        { ...notModified('manifest'), headers: { [AGGREGATES_HEADER]: AGGREGATES } },
        { status: 404, description: 'The jurisdiction has no published release' },
      ],
      async handle({ params, headers: request, device, context }) {
        const manifest = await context.latest.manifest(params.id, variant);
        if (!manifest) throw notFound(`Jurisdiction "${params.id}" has no published release`);
        if (device)
          await context.storage.deviceSeen(
            device.id,
            manifest.number,
            context.now().toISOString(),
            device.jurisdictionId,
          );
        // On the 304 too: a device learns a change of the setting at its next no-change check.
        const headers = {
          ETag: manifest.etag,
          'Cache-Control': cache.manifest,
          [AGGREGATES_HEADER]: context.aggregates ? 'on' : 'off',
        };
        if (matchesEtag(request['if-none-match'], manifest.etag)) return { status: 304, headers };
        return { status: 200, json: manifest.json, headers };
      },
    }),
    defineRoute({
      method: 'GET',
      path: paths.snapshot,
      operationId: operation('getSnapshot'),
      summary: `Every record of one release, ${whose}`,
      description: 'The full release a device falls back to when it holds nothing or the changes do not verify.',
      auth,
      params: SnapshotParams,
      responses: [
        {
          status: 200,
          description: 'The release and its records in key order',
          schema: ReleaseSnapshotSchema,
          headers,
        },
        notModified('snapshot'),
        { status: 404, description: 'No such release' },
      ],
      async handle({ params, headers: request, context }) {
        const stored = await context.storage.release(params.id, params.number, variant);
        if (!stored) throw notFound(`Jurisdiction "${params.id}" has no release ${params.number}`);
        const headers = { ETag: releaseEtag(variant, stored.number, stored.stateHash), 'Cache-Control': cache.release };
        if (matchesEtag(request['if-none-match'], headers.ETag)) return { status: 304, headers };
        const json = await context.releaseBodies.get(
          `snapshot ${variant} ${params.id} ${stored.number} ${stored.stateHash}`,
          () => releaseSnapshot(context.storage, params.id, params.number, variant),
        );
        if (!json) throw notFound(`Jurisdiction "${params.id}" has no release ${params.number}`);
        return { status: 200, json, headers };
      },
    }),
    defineRoute({
      method: 'GET',
      path: paths.changes,
      operationId: operation('getChanges'),
      summary: `What changed from release "from" to release "number", ${whose}`,
      description:
        'Changed and added records, and the keys of removed ones. Applied to release "from", they give ' +
        'exactly the signed state hash of release "number"; when they do not, fetch the snapshot.',
      auth,
      params: ChangesParams,
      responses: [
        { status: 200, description: 'The changes', schema: ReleaseChangesSchema, headers },
        notModified('changes'),
        { status: 404, description: 'Either release does not exist' },
      ],
      async handle({ params, headers: request, context }) {
        const [target, base] = await Promise.all([
          context.storage.release(params.id, params.number, variant),
          context.storage.release(params.id, params.from, variant),
        ]);
        if (!target) throw notFound(`Jurisdiction "${params.id}" has no release ${params.number}`);
        if (!base) {
          throw notFound(
            `Jurisdiction "${params.id}" has no release ${params.from} to compute changes from; fetch the snapshot`,
          );
        }
        const etag = releaseEtag(variant, target.number, target.stateHash, base.number);
        const headers = { ETag: etag, 'Cache-Control': cache.release };
        if (matchesEtag(request['if-none-match'], etag)) return { status: 304, headers };
        const json = await context.releaseBodies.get(
          `changes ${variant} ${params.id} ${target.number} ${target.stateHash} ${base.number} ${base.stateHash}`,
          () => releaseChanges(context.storage, params.id, params.number, params.from, variant),
        );
        if (!json) throw notFound(`Jurisdiction "${params.id}" has no release ${params.number}`);
        return { status: 200, json, headers };
      },
    }),
  ];
}

const jurisdictionsRoute = defineRoute({
  method: 'GET',
  path: `${API_ROOT}/jurisdictions`,
  operationId: 'listJurisdictions',
  summary: 'Every jurisdiction with a public release',
  auth: 'none',
  responses: [
    {
      status: 200,
      description: 'The jurisdictions, by id',
      schema: z.array(JurisdictionSummarySchema),
      headers: { 'Cache-Control': 'no-cache' },
    },
  ],
  async handle({ context }) {
    return { status: 200, body: await context.latest.jurisdictions(), headers: { 'Cache-Control': 'no-cache' } };
  },
});

export const RELEASE_ROUTES: readonly ApiRoute[] = [
  jurisdictionsRoute,
  ...releaseRoutes('public'),
  ...releaseRoutes('enrolled'),
];
