/** What ordering needs of a field report: when it arrived and, once decided, when. */
export interface QueuedReport {
  id: string;
  receivedAt: string;
  outcome: { decidedAt: string } | null;
}

const time = (iso: string) => Date.parse(iso);

/**
 * The queue as a coordinator works through it: open reports first, the longest waiting at
 * the top so none is left behind, then the decided ones, the latest decision first.
 */
export function arrangeReports<R extends QueuedReport>(reports: readonly R[]): { open: R[]; decided: R[] } {
  const open = reports
    .filter((report) => report.outcome === null)
    .sort((a, b) => time(a.receivedAt) - time(b.receivedAt) || a.id.localeCompare(b.id));
  const decided = reports
    .filter((report) => report.outcome !== null)
    .sort((a, b) => time(b.outcome?.decidedAt ?? '') - time(a.outcome?.decidedAt ?? '') || a.id.localeCompare(b.id));
  return { open, decided };
}
