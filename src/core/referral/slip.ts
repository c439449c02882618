import type { Referral } from '../case/model';
import { whatsappLink } from '../handbook/contact-links';
import { localize } from '../handbook/localize';
import type { SafeguardKind } from '../route-engine/types';

/** Interface text by key (core has no i18n: the app passes its translate function for the slip's language). */
export type Translate = (key: string, values?: Record<string, string>) => string;

export interface SlipOptions {
  /** The language the slip is written in. */
  language: string;
  /** The jurisdiction's IANA time zone: dates and deadlines read as local time at the receiving provider. */
  timeZone: string;
  /** Strings of the referrals namespace in `language` (keys under `slip.`, `urgency.`, `deadline.`). */
  t: Translate;
  /** The title of a step the engine added (its text lives with the case screens' strings). */
  safeguardTitle: (kind: SafeguardKind) => string;
  /** The language the person speaks, when known, so the provider can arrange an interpreter. */
  personLanguage?: string;
}

export type SlipFieldKey = 'caseCode' | 'date' | 'provider' | 'urgency' | 'step' | 'deadlines' | 'consent' | 'language';

export interface SlipField {
  key: SlipFieldKey;
  label: string;
  values: string[];
}

export interface Slip {
  title: string;
  fields: SlipField[];
  /** A reminder to whoever holds the slip that it is confidential. */
  footer: string;
}

/**
 * What the receiving provider needs, and nothing more: the case code (never a name), the date,
 * the urgency, the route step, its deadlines, the consent statement, the person's language and
 * who the slip is for. Notes, screening answers and case facts are not read here at all, so no
 * change to them can ever reach a slip.
 */
export function referralSlip(referral: Referral, options: SlipOptions): Slip {
  const { language, timeZone, t } = options;
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const field = (key: SlipFieldKey, values: string[]): SlipField => ({ key, label: t(`slip.field.${key}`), values });
  const stepTitle = referralStepTitle(referral, language, options.safeguardTitle);
  const deadlines = referral.deadlines.map((deadline) =>
    deadline.dueAt
      ? t(`deadline.${deadline.kind}`, { time: dateTime.format(new Date(deadline.dueAt)) })
      : t(`deadline.${deadline.kind}_unknown`),
  );
  const personLanguage = options.personLanguage && languageName(options.personLanguage, language);
  return {
    title: t('slip.title'),
    fields: [
      field('caseCode', [referral.caseCode]),
      field('date', [dateTime.format(new Date(referral.createdAt))]),
      field('provider', [localize(referral.provider.name, language)]),
      field('urgency', [t(`urgency.${referral.urgency}`)]),
      field('step', [stepTitle]),
      ...(deadlines.length > 0 ? [field('deadlines', deadlines)] : []),
      field('consent', [t(`slip.consent.${referral.consent}`)]),
      ...(personLanguage ? [field('language', [t('slip.interpreter', { language: personLanguage })])] : []),
    ],
    footer: t('slip.footer'),
  };
}

/** The step's title as kept when referring, or, for a step the engine added, its safeguard's title. */
export function referralStepTitle(
  referral: Pick<Referral, 'stepTitle' | 'safeguard' | 'stepId'>,
  language: string,
  safeguardTitle: (kind: SafeguardKind) => string,
): string {
  if (referral.stepTitle) return localize(referral.stepTitle, language);
  return referral.safeguard ? safeguardTitle(referral.safeguard) : referral.stepId;
}

/** The link that opens WhatsApp with the slip written in: to the provider's number when it has one. */
export function whatsappSlipLink(text: string, whatsapp?: string): string {
  return `${whatsapp ? whatsappLink(whatsapp) : 'https://wa.me/'}?text=${encodeURIComponent(text)}`;
}

/** The slip as plain text: what Web Share, WhatsApp and the QR code carry. */
export function slipText(referral: Referral, options: SlipOptions): string {
  const slip = referralSlip(referral, options);
  const lines = slip.fields.map((f) => options.t('slip.line', { label: f.label, value: f.values.join('; ') }));
  return [slip.title, ...lines, slip.footer].join('\n');
}

function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    // A code Intl does not accept is still better shown as it is than dropped.
    return code;
  }
}
