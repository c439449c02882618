/**
 * Symbols that survive being read aloud over a phone or copied by hand: no 0/O, 1/I/L.
 * 31 symbols, 8 of them per code: 31^8 ≈ 2^39.6 codes.
 */
export const CASE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

const PREFIX = 'RT';
const GROUPS = 2;
const GROUP_LENGTH = 4;
/** The largest multiple of the alphabet's size below 256: bytes above it are drawn again, so every symbol is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % CASE_CODE_ALPHABET.length);

const CASE_CODE_PATTERN = new RegExp(`^${PREFIX}(-[${CASE_CODE_ALPHABET}]{${GROUP_LENGTH}}){${GROUPS}}$`);

/**
 * A fresh case code such as "RT-7KQ2-9F4M": random, so it says nothing about the person.
 * `random(n)` returns n random bytes (crypto.getRandomValues in the app).
 */
export function newCaseCode(random: (n: number) => Uint8Array): string {
  const length = GROUPS * GROUP_LENGTH;
  let symbols = '';
  while (symbols.length < length) {
    for (const byte of random(length - symbols.length)) {
      if (byte < UNBIASED_LIMIT && symbols.length < length) {
        symbols += CASE_CODE_ALPHABET[byte % CASE_CODE_ALPHABET.length];
      }
    }
  }
  const groups = Array.from({ length: GROUPS }, (_, i) => symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH));
  return [PREFIX, ...groups].join('-');
}

/** Whether a text is a case code as newCaseCode writes it. */
export function isCaseCode(value: string): boolean {
  return CASE_CODE_PATTERN.test(value);
}
