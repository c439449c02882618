import type { z } from 'zod';
import { CONTENT_LANGUAGES } from '../../../core/handbook/schema';

/**
 * A problem with one field of a record being edited. `path` is dotted, inside the record body
 * (`stages.0.steps.2.title.en`), the way the console API reports it after `body.`. Client-side
 * problems carry a code the editor says in the interface language; the server's own sentence
 * is English, so it is only shown for a problem the browser did not find itself.
 */
export interface FieldIssue {
  path: string;
  code: IssueCode;
  /** The server's sentence (code `server`), or the value the problem is about (a duplicate id). */
  detail?: string;
}

export const ISSUE_CODES = [
  'required',
  'identifier',
  'duplicateId',
  'needsStage',
  'needsStep',
  'needsGroup',
  'needsIndicator',
  'needsGuidance',
  'requiredAndExcluded',
  'unknownProvider',
  'archivedProvider',
  'invalid',
  'server',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A list that must not be empty, by the name it has in a path. */
const NEEDS: Record<string, IssueCode> = {
  stages: 'needsStage',
  steps: 'needsStep',
  groups: 'needsGroup',
  indicators: 'needsIndicator',
  guidance: 'needsGuidance',
};

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Schema problems of a record body, as codes. */
export function schemaIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = pathKey(issue.path);
    const last = String(issue.path.at(-1) ?? '');
    if (issue.code === 'too_small' && issue.origin === 'array') return { path, code: NEEDS[last] ?? 'invalid' };
    if (issue.code === 'too_small' && issue.origin === 'string') return { path, code: 'required' };
    if (issue.code === 'invalid_type' && issue.input === undefined) return { path, code: 'required' };
    if (issue.code === 'invalid_format' && last === 'id') return { path, code: 'identifier' };
    return { path, code: 'invalid' };
  });
}

/** The console API's issues (`body.stages.0.title.en`) as paths inside the record. */
export function serverIssues(issues: readonly { path: string; message: string }[]): FieldIssue[] {
  return issues.map((issue) => ({ path: issue.path.replace(/^body\.?/, ''), code: 'server', detail: issue.message }));
}

/**
 * The problems to show, by field path: the browser's own (said in the interface language)
 * and the server's for the fields the browser found nothing wrong with.
 */
export function issueIndex(client: readonly FieldIssue[], server: readonly FieldIssue[]): Map<string, FieldIssue[]> {
  const index = new Map<string, FieldIssue[]>();
  for (const issue of client) index.set(issue.path, [...(index.get(issue.path) ?? []), issue]);
  for (const issue of server) if (!index.has(issue.path)) index.set(issue.path, [issue]);
  return index;
}

/** Ids that appear more than once among `ids`, each with the places it appears at. */
export function duplicateIds(entries: readonly { id: string; path: string }[]): FieldIssue[] {
  const seen = new Map<string, number>();
  for (const { id } of entries) seen.set(id, (seen.get(id) ?? 0) + 1);
  return entries
    .filter(({ id }) => id !== '' && (seen.get(id) ?? 0) > 1)
    .map(({ id, path }) => ({ path, code: 'duplicateId', detail: id }));
}

export interface MissingTranslation {
  /** The text's path, e.g. `stages.1.steps.0.timeframe`. */
  path: string;
  languages: string[];
}

/**
 * Content texts written in one required language but not the other. Texts left empty in
 * both languages are not listed here: the schema reports them as required fields.
 */
export function missingTranslations(body: unknown, path: string[] = []): MissingTranslation[] {
  if (Array.isArray(body)) return body.flatMap((item, i) => missingTranslations(item, [...path, String(i)]));
  if (typeof body !== 'object' || body === null) return [];
  const entries = Object.entries(body as Record<string, unknown>);
  const isText =
    CONTENT_LANGUAGES.some((language) => language in body) && entries.every(([, v]) => typeof v === 'string');
  if (isText) {
    const text = body as Record<string, string>;
    const blank = (language: string) => (text[language] ?? '').trim() === '';
    const missing = CONTENT_LANGUAGES.filter(blank);
    return missing.length > 0 && missing.length < CONTENT_LANGUAGES.length
      ? [{ path: pathKey(path), languages: missing }]
      : [];
  }
  return entries.flatMap(([key, value]) => missingTranslations(value, [...path, key]));
}

/** A place in a record, read from a path: the list items it goes through, then the field. */
export interface Place {
  items: { list: string; number: number }[];
  field: string | undefined;
  language: string | undefined;
}

export function placeOf(path: string): Place {
  const parts = path.split('.').filter(Boolean);
  const items: Place['items'] = [];
  const rest: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      items.push({ list: parts[i] as string, number: Number(next) + 1 });
      i++;
    } else rest.push(parts[i] as string);
  }
  const last = rest.at(-1);
  const language = last && (CONTENT_LANGUAGES as readonly string[]).includes(last) ? rest.pop() : undefined;
  return { items, field: rest[0], language };
}

/** The DOM id of the control that edits a path (a text's language input ends in `.es`/`.en`). */
export function fieldDomId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}
