import { describe, expect, it } from 'vitest';
import enOperations from '../../../locales/en/console-operations.json';
import esOperations from '../../../locales/es/console-operations.json';
import {
  AUDIT_ACTIONS,
  knownAuditAction,
  newestFirst,
} from '../../../src/app/features/console-audit/components/audit-actions';

describe('the audit log', () => {
  it('lists the newest entry first, and entries of the same moment in reverse order of writing', () => {
    const entries = [
      { id: 1, at: '2026-03-01T09:00:00.000Z' },
      { id: 3, at: '2026-03-02T09:00:00.000Z' },
      { id: 2, at: '2026-03-02T09:00:00.000Z' },
      { id: 4, at: '2026-02-28T09:00:00.000Z' },
    ];
    expect(newestFirst(entries).map((e) => e.id)).toEqual([3, 2, 1, 4]);
  });

  it('names every action the server writes in both languages, and differently in each', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(knownAuditAction(action)).toBe(action);
      const es = (esOperations.audit.action as Record<string, string>)[action];
      const en = (enOperations.audit.action as Record<string, string>)[action];
      expect(es, action).toBeTruthy();
      expect(en, action).toBeTruthy();
      expect(es, action).not.toBe(en);
    }
  });

  it('shows an action it has no name for as the server wrote it, rather than hiding the entry', () => {
    expect(knownAuditAction('key_rotated')).toBeUndefined();
  });
});
