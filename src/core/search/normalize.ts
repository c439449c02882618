/**
 * Folds text the way a worker types on a phone keyboard: no accents, no case,
 * "ñ" as "n", punctuation as space. "Atención Psicológica" → "atencion psicologica".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
