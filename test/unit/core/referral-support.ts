import { join } from 'node:path';
import i18next from 'i18next';
import enCases from '../../../locales/en/cases.json';
import enReferrals from '../../../locales/en/referrals.json';
import esCases from '../../../locales/es/cases.json';
import esReferrals from '../../../locales/es/referrals.json';
import { type CaseAnswers, NOTHING_KNOWN_YET } from '../../../src/core/case/model';
import type { Handbook } from '../../../src/core/handbook/schema';
import type { SlipOptions } from '../../../src/core/referral/slip';
import { handbookRecords } from '../../../src/core/release/publication';
import { handbookFromRecords, type RecordHandbook } from '../../../src/core/release/records';
import { loadHandbookFolder } from '../../../src/server/handbooks/folder';

export const SAMPLE_JURISDICTIONS = ['bz-benque-viejo', 'hn-ocotepeque', 'mx-tapachula'] as const;

/** A sample jurisdiction of routes-data/ as an enrolled device receives it (providers with phoneDisplay). */
export async function sampleRelease(id: string): Promise<RecordHandbook> {
  const result = await loadHandbookFolder(join(import.meta.dirname, '../../../routes-data', id));
  if (!result.ok) throw new Error(`routes-data/${id} is invalid`);
  return handbookFromRecords(handbookRecords(result.handbook as Handbook, 'enrolled'));
}

export const UNKNOWN_ANSWERS: CaseAnswers = { ...NOTHING_KNOWN_YET };

export const ADULT_ANSWERS: CaseAnswers = { ...UNKNOWN_ANSWERS, child: 'no', consent: 'yes' };

const strings = i18next.createInstance();
await strings.init({
  resources: {
    en: { referrals: enReferrals, cases: enCases },
    es: { referrals: esReferrals, cases: esCases },
  },
  ns: ['referrals', 'cases'],
  lng: 'en',
  fallbackLng: false,
  interpolation: { escapeValue: false },
});

/** What the app passes to the slip: the real strings of a language, the way the referral screens do. */
export function slipOptions(language: 'es' | 'en', extra: Partial<SlipOptions> = {}): SlipOptions {
  const t = strings.getFixedT(language, 'referrals');
  const cases = strings.getFixedT(language, 'cases');
  return {
    language,
    timeZone: 'America/Tegucigalpa',
    t: (key, values) => t(key, values),
    safeguardTitle: (kind) => cases(`safeguard.${kind}.title`),
    ...extra,
  };
}
