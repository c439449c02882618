import { ROUTE_STAGE_KINDS } from '../../core/handbook/taxonomy';
import { storageFromEnv } from '../../server/storage/open';
import { formatTable } from './devices';

/** `rutas aggregates <jurisdiction>`: the anonymous counts of referrals by ISO week and route stage, newest week first. */
export async function aggregatesCommand(jurisdictionId: string | undefined): Promise<number> {
  if (!jurisdictionId) {
    console.error('Usage: rutas aggregates <jurisdiction>');
    return 1;
  }
  const storage = await storageFromEnv();
  try {
    const weeks = await storage.aggregateCounts(jurisdictionId);
    if (weeks.length === 0) {
      console.log(`No anonymous counts for ${jurisdictionId} (devices send them only when RUTAS_AGGREGATES=on)`);
      return 0;
    }
    console.log(
      formatTable(
        ['week', ...ROUTE_STAGE_KINDS, 'total'],
        weeks.map(({ week, counts }) => {
          const cells = ROUTE_STAGE_KINDS.map((kind) => counts[kind] ?? 0);
          return [week, ...cells.map(String), String(cells.reduce((sum, count) => sum + count, 0))];
        }),
      ),
    );
    return 0;
  } finally {
    await storage.close();
  }
}
