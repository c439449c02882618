/** The actions the server writes to the audit log; each has a name in locales/ (console-operations: audit.action.*). */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'draft_saved',
  'publish',
  'rollback',
  'enrolment_code_created',
  'device_revoked',
  'field_report_resolved',
  'field_report_dismissed',
  'hsds_import',
  'account_created',
  'password_reset',
  'account_disabled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The action as one the console has a name for, or undefined for one added on the server later (shown as written). */
export function knownAuditAction(action: string): AuditAction | undefined {
  return AUDIT_ACTIONS.find((known) => known === action);
}

/** Newest first, as the log is read; entries written in the same millisecond keep the order they were written in. */
export function newestFirst<E extends { id: number; at: string }>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);
}
