/**
 * Content text of a record as the API hands it over (a name by language code), in the
 * interface language, falling back like the field app does: Spanish, then English, then any.
 */
export function textIn(text: Record<string, unknown> | undefined, language: string): string {
  if (!text) return '';
  const pick = (code: string) => (typeof text[code] === 'string' ? (text[code] as string) : undefined);
  return pick(language) ?? pick('es') ?? pick('en') ?? Object.values(text).find((v) => typeof v === 'string') ?? '';
}
