import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Phone } from '../handbook/schema';
import { type HsdsObject, list, text } from './reading';
import type { ImportedProvider } from './report';
import type { UnitReport } from './unit-report';
import { WHATSAPP_DESCRIPTION } from './vocabularies';

/** RFC 6350 phone types (HSDS) → Rutas's; a text-only line is still reached on a mobile. */
const PHONE_TYPES: Record<string, Phone['type']> = {
  voice: 'voice',
  cell: 'cell',
  fax: 'fax',
  text: 'cell',
  hotline: 'hotline',
};

export interface MappedPhones {
  phones: ImportedProvider['phones'];
  whatsapp?: string;
  /** The languages spoken on the phones, for the provider's languages. */
  languages: HsdsObject[];
}

/**
 * Valid numbers of the jurisdiction's country, or international numbers written with their
 * prefix, formatted as E.164; each number once. A phone described as WhatsApp (as exports
 * write it) becomes the provider's WhatsApp number.
 */
export function mapPhones(phones: HsdsObject[], report: UnitReport): MappedPhones {
  const { country } = report.jurisdiction;
  const result: MappedPhones = { phones: [], languages: [] };
  const numbers = new Set<string>();
  for (const phone of phones) {
    if (!report.firstTime('phone', phone)) continue;
    // Some exports keep the quotes of a spreadsheet cell: "\"+44 1234 234567\"".
    const raw = text(phone.number)?.replace(/^["'\s]+|["'\s]+$/g, '') ?? '';
    const parsed = raw ? parsePhoneNumberFromString(raw, country as CountryCode) : undefined;
    if (!parsed?.isValid()) {
      report.skip(
        'invalid_phone',
        phone,
        `"${raw}" is not a valid phone number in ${country} (numbers of other countries need their + prefix)`,
        'number',
      );
      continue;
    }
    result.languages.push(...list(phone, 'languages'));
    const description = text(phone.description);
    if (description?.toLowerCase() === WHATSAPP_DESCRIPTION.toLowerCase() && !result.whatsapp) {
      result.whatsapp = parsed.number;
      report.from('whatsapp', phone, 'number');
      continue;
    }
    if (numbers.has(parsed.number)) continue;
    numbers.add(parsed.number);
    const hsdsType = text(phone.type)?.toLowerCase() ?? 'voice';
    const type = PHONE_TYPES[hsdsType];
    if (!type) {
      report.skip(
        'not_kept',
        phone,
        `Rutas has no "${hsdsType}" phones; ${parsed.number} was kept as a voice line`,
        'type',
      );
    }
    if (typeof phone.extension === 'number') {
      report.skip(
        'phone_extension',
        phone,
        `the extension ${phone.extension} of ${parsed.number} was not kept: add it to the phone's description in the console`,
        'extension',
      );
    }
    result.phones.push({
      number: parsed.number,
      type: type ?? 'voice',
      ...(description ? { description: report.inLanguage(description) } : {}),
    });
    report.from('phones', phone, 'number');
  }
  return result;
}
