import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';

export type PhoneProblem = 'not-a-number' | 'too-short' | 'too-long' | 'unknown-country' | 'invalid';

export type PhoneEntry =
  | { status: 'empty' }
  | {
      status: 'valid';
      /** What is saved and dialled: +50426533060. */
      e164: string;
      /** How a worker in the jurisdiction's country reads it: 2653-3060 (international for a foreign number). */
      display: string;
    }
  | { status: 'invalid'; problem: PhoneProblem };

const LENGTH_PROBLEMS: Record<string, PhoneProblem> = {
  NOT_A_NUMBER: 'not-a-number',
  TOO_SHORT: 'too-short',
  TOO_LONG: 'too-long',
  INVALID_COUNTRY: 'unknown-country',
  INVALID_LENGTH: 'invalid',
};

function countryCode(country: string): CountryCode | undefined {
  return isSupportedCountry(country) ? country : undefined;
}

/**
 * A phone number as the coordinator typed it ("2653 3060", "+52 962 123 4567"), read for the
 * jurisdiction's country with libphonenumber's metadata: the E.164 form to save and how it will
 * be shown, or why it is not a number one can dial.
 */
export function readPhoneEntry(text: string, country: string): PhoneEntry {
  if (text.trim() === '') return { status: 'empty' };
  const defaultCountry = countryCode(country);
  const lengthProblem = validatePhoneNumberLength(text, defaultCountry);
  if (lengthProblem) return { status: 'invalid', problem: LENGTH_PROBLEMS[lengthProblem] ?? 'invalid' };
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed?.isValid()) return { status: 'invalid', problem: parsed ? 'invalid' : 'not-a-number' };
  return {
    status: 'valid',
    e164: parsed.number,
    display: parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational(),
  };
}

/** A saved E.164 number as the coordinator edits it: as their country writes it, or as it was saved. */
export function phoneEntryText(e164: string | undefined, country: string): string {
  if (!e164) return '';
  const entry = readPhoneEntry(e164, country);
  return entry.status === 'valid' ? entry.display : e164;
}
