import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * How a worker in the jurisdiction's country dials a number: national format for the
 * country's own numbers, international format for foreign ones, short codes as they are.
 */
export function formatPhoneForCountry(number: string, country: string): string {
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed) return number;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
