import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ConsoleApiError } from './api';

/** A problem with one field of a form, said in the interface language, shown next to the field. */
export interface FieldIssue {
  /** Where in the record, dot-separated: `name.en`, `phones.0.number`. */
  path: string;
  message: string;
}

type IssueKind =
  | 'required'
  | 'chooseOne'
  | 'tooLong'
  | 'tooSmall'
  | 'tooBig'
  | 'number'
  | 'email'
  | 'url'
  | 'date'
  | 'time'
  | 'recordId'
  | 'languageCode'
  | 'phone'
  | 'country'
  | 'sameTimes'
  | 'unknownField'
  | 'choice'
  | 'invalid';

/** Regular expressions of the handbook schema, told apart by the field they check. */
function formatKind(path: readonly PropertyKey[]): IssueKind {
  const field = String(path.findLast((segment) => typeof segment === 'string') ?? '');
  if (field === 'id' || field === 'responsible') return 'recordId';
  if (field === 'opens_at' || field === 'closes_at') return 'time';
  if (field === 'languages') return 'languageCode';
  if (field === 'number' || field === 'whatsapp') return 'phone';
  if (field === 'country' || field === 'subdivision') return 'country';
  return 'invalid';
}

function kindOf(issue: z.core.$ZodIssue): { kind: IssueKind; values?: Record<string, unknown> } {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return { kind: 'chooseOne' };
      if (issue.origin === 'string') return { kind: 'required' };
      return { kind: 'tooSmall', values: { minimum: issue.minimum } };
    case 'too_big':
      if (issue.origin === 'string') return { kind: 'tooLong', values: { maximum: issue.maximum } };
      return { kind: 'tooBig', values: { maximum: issue.maximum } };
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { kind: 'required' };
      return { kind: issue.expected === 'number' ? 'number' : 'invalid' };
    case 'invalid_format':
      if (issue.format === 'email') return { kind: 'email' };
      if (issue.format === 'url') return { kind: 'url' };
      if (issue.format === 'date') return { kind: 'date' };
      return { kind: formatKind(issue.path) };
    case 'invalid_value':
      return { kind: 'choice' };
    case 'unrecognized_keys':
      return { kind: 'unknownField' };
    case 'custom':
      // The one refinement of a schedule: opening and closing times must differ.
      return { kind: issue.path.includes('schedules') ? 'sameTimes' : 'invalid' };
    default:
      return { kind: 'invalid' };
  }
}

export const issuePath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Turns a zod validation error into field problems in the interface language (the schema's own messages are English). */
export function useDescribeIssues(): (error: z.ZodError) => FieldIssue[] {
  const { t } = useTranslation('console');
  return useCallback(
    (error: z.ZodError) =>
      error.issues.map((issue) => {
        const { kind, values } = kindOf(issue);
        return { path: issuePath(issue.path), message: t(`issue.${kind}`, values) };
      }),
    [t],
  );
}

/**
 * The field problems of a 422 from the server, at the path of the record's field: the request's
 * `body.body.phones.0.number` (the record travels as `body` of the request) → `phones.0.number`.
 * The server validates with the same schema as the browser, so these are rare; its sentence is English.
 */
export function serverIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ConsoleApiError)) return [];
  return error.issues.map((issue) => ({ path: issue.path.replace(/^body\.(body\.?)?/, ''), message: issue.message }));
}

/** The problems of one field, exactly at its path. */
export function issuesAt(issues: readonly FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((issue) => issue.path === path);
}
