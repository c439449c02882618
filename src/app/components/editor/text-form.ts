import { CONTENT_LANGUAGES } from '../../../core/handbook/schema';

/**
 * A content text while it is edited: a string per language, Spanish and English always there
 * (possibly empty); other languages a record already had (a question in French) are kept.
 */
export type TextValue = Record<string, string>;

export function textFrom(value: unknown): TextValue {
  const text: TextValue = Object.fromEntries(CONTENT_LANGUAGES.map((language) => [language, '']));
  if (typeof value === 'object' && value !== null) {
    for (const [language, words] of Object.entries(value)) if (typeof words === 'string') text[language] = words;
  }
  return text;
}

/** A required text as the record carries it: trimmed, Spanish and English kept even when empty (so the schema names them). */
export function requiredText(text: TextValue): Record<string, string> {
  return Object.fromEntries(
    Object.entries(text)
      .map(([language, words]) => [language, words.trim()] as const)
      .filter(([language, words]) => words !== '' || (CONTENT_LANGUAGES as readonly string[]).includes(language)),
  );
}

/** An optional text: left out when no language has anything written. */
export function optionalText(text: TextValue): Record<string, string> | undefined {
  return Object.values(text).some((words) => words.trim() !== '') ? requiredText(text) : undefined;
}

export function stringFrom(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function listFrom(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

let lastKey = 0;

/** A React key for an item of a list being edited; ids can be edited (new items), keys never change. */
export function newKey(): string {
  lastKey += 1;
  return `item-${lastKey}`;
}

/** `prefix-n` with the smallest n ≥ 1 no id in `taken` has. */
export function unusedId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/** An item of a list of texts (a route's principles, a checklist's guidance). */
export interface TextItem {
  key: string;
  text: TextValue;
}

export function textItemsFrom(value: unknown): TextItem[] {
  return listFrom(value).map((text) => ({ key: newKey(), text: textFrom(text) }));
}

/** A record's object field, or an empty object when the record has something else there. */
export function objectFrom(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface Keyed {
  key: string;
}

/**
 * A record's list structure (item keys in order) for a list of texts and a two-level list:
 * server issues point at positions, so they stop applying when it changes.
 */
export function listStructure<P extends Keyed>(
  texts: readonly Keyed[],
  parents: readonly P[],
  childrenOf: (parent: P) => readonly Keyed[],
): string {
  return JSON.stringify([
    texts.map((item) => item.key),
    parents.map((parent) => [parent.key, childrenOf(parent).map((child) => child.key)]),
  ]);
}
