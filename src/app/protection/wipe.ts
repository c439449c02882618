import Dexie from 'dexie';
import { DATABASE_NAME, type RutasDatabase } from '../db/database';

/** Workbox's precache: the app itself, needed to open offline. It holds no record of the worker's. */
const PRECACHE_PREFIX = 'workbox-precache';

/**
 * Erases everything this device holds of the worker's: the whole database (cases, referrals,
 * the PIN's record, enrolments with their confidential handbooks, field reports, settings),
 * local and session storage, and every cache except the app's precache. The app then starts
 * again as on a new phone, reinstalling the bundled handbooks, in the language it showed.
 */
export async function wipeDevice(db: RutasDatabase | undefined, language: string): Promise<void> {
  if (db) await db.delete();
  else await Dexie.delete(DATABASE_NAME);
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // Storage blocked: there is nothing in it.
  }
  if ('caches' in window) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.startsWith(PRECACHE_PREFIX)).map((name) => caches.delete(name)));
  }
  window.location.replace(`/?lng=${encodeURIComponent(language)}`);
}
