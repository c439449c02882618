import type { LocalizedText } from './schema';

/** The text in the language asked for, falling back to Spanish, then English. */
export function localize(text: LocalizedText, language: string): string {
  return text[language] ?? text.es ?? text.en;
}
