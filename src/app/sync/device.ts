import type { RutasDatabase } from '../db/database';

/**
 * This device's id: a random UUID created once and kept in settings. It names the device
 * to the server (enrolment, field reports) and says nothing about the worker.
 */
export async function deviceId(db: RutasDatabase): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const saved = (await db.settings.get('deviceId'))?.value;
    if (typeof saved === 'string') return saved;
    const created = crypto.randomUUID();
    await db.settings.put({ key: 'deviceId', value: created });
    return created;
  });
}
