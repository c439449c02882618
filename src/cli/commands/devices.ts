import { storageFromEnv } from '../../server/storage/open';

/** Columns padded to their widest cell, for a terminal. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `rutas devices <jurisdiction>`: the devices enrolled in a jurisdiction and how up to date they are. */
export async function devicesCommand(jurisdictionId: string | undefined): Promise<number> {
  if (!jurisdictionId) {
    console.error('Usage: rutas devices <jurisdiction>');
    return 1;
  }
  const storage = await storageFromEnv();
  try {
    const devices = await storage.devices(jurisdictionId);
    if (devices.length === 0) {
      console.log(`No devices are enrolled in ${jurisdictionId}`);
      return 0;
    }
    const latest = (await storage.latestRelease(jurisdictionId, 'enrolled'))?.number;
    console.log(
      formatTable(
        ['id', 'enrolled', 'last seen', 'release', 'revoked'],
        devices.map((device) => [
          device.id,
          device.enrolledAt,
          device.lastSeenAt ?? 'never',
          device.releaseNumber === null
            ? '-'
            : `${device.releaseNumber}${latest !== undefined && device.releaseNumber < latest ? ` (latest ${latest})` : ''}`,
          device.revokedAt ?? '-',
        ]),
      ),
    );
    return 0;
  } finally {
    await storage.close();
  }
}
