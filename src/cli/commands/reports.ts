import { storageFromEnv } from '../../server/storage/open';
import { formatTable } from './devices';

/** `rutas reports <jurisdiction>`: what field workers reported wrong about providers, newest first. */
export async function reportsCommand(jurisdictionId: string | undefined): Promise<number> {
  if (!jurisdictionId) {
    console.error('Usage: rutas reports <jurisdiction>');
    return 1;
  }
  const storage = await storageFromEnv();
  try {
    const reports = await storage.fieldReports(jurisdictionId);
    if (reports.length === 0) {
      console.log(`No field reports for ${jurisdictionId}`);
      return 0;
    }
    console.log(
      formatTable(
        ['reported', 'provider', 'problem', 'release', 'device', 'details'],
        reports.map((report) => [
          report.reportedAt,
          report.providerId,
          report.problem,
          String(report.releaseNumber),
          report.deviceId,
          report.details.replace(/\s+/g, ' '),
        ]),
      ),
    );
    return 0;
  } finally {
    await storage.close();
  }
}
