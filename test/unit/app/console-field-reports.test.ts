import { describe, expect, it } from 'vitest';
import {
  arrangeReports,
  type QueuedReport,
} from '../../../src/app/features/console-field-reports/components/report-queue';

const report = (id: string, receivedAt: string, decidedAt?: string): QueuedReport => ({
  id,
  receivedAt,
  outcome: decidedAt ? { decidedAt } : null,
});

describe('the field reports queue', () => {
  const { open, decided } = arrangeReports([
    report('resolved-first', '2026-03-01T09:00:00Z', '2026-03-02T09:00:00Z'),
    report('open-new', '2026-03-10T09:00:00Z'),
    report('dismissed-later', '2026-03-03T09:00:00Z', '2026-03-09T09:00:00Z'),
    report('open-old', '2026-03-04T09:00:00Z'),
  ]);

  it('puts open reports first, the one waiting longest at the top', () => {
    expect(open.map((r) => r.id)).toEqual(['open-old', 'open-new']);
  });

  it('then the resolved and dismissed ones, the latest decision first', () => {
    expect(decided.map((r) => r.id)).toEqual(['dismissed-later', 'resolved-first']);
  });

  it('loses no report and lists none twice', () => {
    expect([...open, ...decided].map((r) => r.id).sort()).toEqual([
      'dismissed-later',
      'open-new',
      'open-old',
      'resolved-first',
    ]);
  });
});
