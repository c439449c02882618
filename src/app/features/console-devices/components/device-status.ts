import type { z } from 'zod';
import type { ConsoleDeviceSchema } from '../../../../core/console/protocol';

export type ConsoleDevice = z.infer<typeof ConsoleDeviceSchema>;

/**
 * How an enrolled device stands, for the coordinator: one that holds an older release needs
 * someone to open the app on a connection; one that never synced may not have finished enrolling.
 */
export type DeviceStatus = 'out-of-date' | 'never-synced' | 'current';

export function deviceStatus(device: ConsoleDevice): DeviceStatus {
  // The server counts a device that holds no release yet as out of date; "not synced yet" says more.
  if (device.releaseNumber === null) return 'never-synced';
  return device.outOfDate ? 'out-of-date' : 'current';
}

const STATUS_ORDER: DeviceStatus[] = ['out-of-date', 'never-synced', 'current'];

/** Milliseconds, with "never" before any date: the device heard from least recently comes first. */
const seenAt = (device: ConsoleDevice) =>
  device.lastSeenAt ? Date.parse(device.lastSeenAt) : Number.NEGATIVE_INFINITY;

/**
 * Active devices, those that need attention first (out of date, then never synced, each
 * from the longest silent), and revoked ones apart, the latest revocation first.
 */
export function arrangeDevices(devices: readonly ConsoleDevice[]): {
  active: ConsoleDevice[];
  revoked: ConsoleDevice[];
} {
  const active = devices
    .filter((device) => device.revokedAt === null)
    .sort(
      (a, b) =>
        STATUS_ORDER.indexOf(deviceStatus(a)) - STATUS_ORDER.indexOf(deviceStatus(b)) ||
        seenAt(a) - seenAt(b) ||
        a.id.localeCompare(b.id),
    );
  const revoked = devices
    .filter((device) => device.revokedAt !== null)
    .sort((a, b) => Date.parse(b.revokedAt ?? '') - Date.parse(a.revokedAt ?? '') || a.id.localeCompare(b.id));
  return { active, revoked };
}

/** The first characters of a device's random id: enough to tell a jurisdiction's devices apart on screen. */
export function shortDeviceId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8);
}
