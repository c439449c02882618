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
