import type { Account, AuditEntry, Storage } from '../storage/types';

export interface AuditEvent {
  /** Who did it; null for the CLI (whoever runs it on the server) and for sign-ins of unknown people. */
  actor: Pick<Account, 'id'> | null;
  action: string;
  jurisdictionId?: string;
  subject: string;
  details?: Record<string, unknown>;
}

/** Writes one entry of the audit log, stamped now. */
export function recordAudit(storage: Storage, event: AuditEvent, now: Date = new Date()): Promise<AuditEntry> {
  return storage.appendAudit({
    at: now.toISOString(),
    actorAccountId: event.actor?.id ?? null,
    action: event.action,
    jurisdictionId: event.jurisdictionId ?? null,
    subject: event.subject,
    details: event.details ?? {},
  });
}
