import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { HandbookInput } from '../../../../src/core/handbook/schema';
import { ENROLMENTS_PATH } from '../../../../src/core/sync/protocol';
import { buildServer, type ServerOptions } from '../../../../src/server/app';
import { createEnrolmentCode } from '../../../../src/server/enrolment/codes';
import { type PublishOutcome, publishHandbook } from '../../../../src/server/publishing/publish';
import { ensureSigningKey } from '../../../../src/server/publishing/signing-key';
import { openStorage } from '../../../../src/server/storage/open';
import type { Storage } from '../../../../src/server/storage/types';
import { sampleHandbook, sampleHandbookInput } from '../../support/handbook-fixture';
import { removeTemporaryDirectory, temporaryDirectory } from '../../support/handbook-folder';

export const JURISDICTION = 'hn-prueba';
export const OTHER_JURISDICTION = 'hn-otra';
export const RESTRICTED_PROVIDER = 'casa-refugio-secreta';
export const SHELL = '<!doctype html><html><body><div id="root"></div></body></html>';

/** Release 2 of the sample: Caminos and the restricted safe house have a new phone, the consulate is gone. */
export function secondReleaseInput(): HandbookInput {
  const input = sampleHandbookInput();
  input.providers = input.providers
    .filter((provider) => provider.id !== 'consulado-guatemala')
    .map((provider) =>
      provider.id === 'caminos' || provider.id === RESTRICTED_PROVIDER
        ? { ...provider, phones: [{ number: '+50426530000', type: 'voice' as const }] }
        : provider,
    );
  return input;
}

/** The sample handbook under another jurisdiction's id. */
export function otherJurisdictionInput(): HandbookInput {
  const input = sampleHandbookInput();
  input.jurisdiction = { ...input.jurisdiction, id: OTHER_JURISDICTION, name: { es: 'Otra', en: 'Other' } };
  return input;
}

export interface ApiFixture {
  server: FastifyInstance;
  storage: Storage;
  dataDir: string;
  publicKey: string;
  /** Publishes through a second handle on the same SQLite file, as `rutas publish` in another process does. */
  publishElsewhere(input: HandbookInput, now?: Date): Promise<PublishOutcome>;
  /** Enrols a device in a jurisdiction through the API, as a phone does with a coordinator's code. */
  enrol(jurisdictionId: string): Promise<{ deviceId: string; deviceToken: string }>;
  close(): Promise<void>;
}

/**
 * A real server over a real SQLite store in a temporary folder, holding release 1 of
 * hn-prueba and of hn-otra; `options` go to the server (anonymous aggregates, its clock).
 */
export async function startApi(
  options: Pick<ServerOptions, 'aggregates' | 'now' | 'throttles'> = {},
): Promise<ApiFixture> {
  const root = await temporaryDirectory('rutas-api-');
  const appDir = join(root, 'app');
  const dataDir = join(root, 'data');
  await mkdir(appDir);
  await writeFile(join(appDir, 'index.html'), SHELL);
  const storage = await openStorage({ dataDir });
  await publishHandbook(storage, sampleHandbook(), new Date('2025-01-01T10:00:00Z'));
  await publishHandbook(storage, sampleHandbook(otherJurisdictionInput()), new Date('2025-01-01T10:00:00Z'));
  const { publicKey } = await ensureSigningKey(storage);
  const server = await buildServer({ appDir, storage, ...options });

  return {
    server,
    storage,
    dataDir,
    publicKey,
    async publishElsewhere(input, now = new Date()) {
      const elsewhere = await openStorage({ dataDir });
      try {
        return await publishHandbook(elsewhere, sampleHandbook(input), now);
      } finally {
        await elsewhere.close();
      }
    },
    async enrol(jurisdictionId) {
      const { code } = await createEnrolmentCode(storage, jurisdictionId);
      const response = await server.inject({
        method: 'POST',
        url: ENROLMENTS_PATH,
        payload: { code, deviceId: crypto.randomUUID() },
      });
      if (response.statusCode !== 201) throw new Error(`enrolment failed: ${response.body}`);
      return response.json();
    },
    async close() {
      await server.close();
      await storage.close();
      await removeTemporaryDirectory(root);
    },
  };
}
