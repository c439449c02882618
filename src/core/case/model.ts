import type { LocalizedText } from '../handbook/schema';
import type { RouteStageKind, SafeguardKind } from '../route-engine/types';

/**
 * What a worker has learnt about a case, decision point by decision point. Nothing here names
 * or identifies the person: a case works fully anonymously (PRODUCT.md, data minimisation).
 */
export const FACT_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type FactAnswer = (typeof FACT_ANSWERS)[number];

export interface CaseAnswers {
  /** Under 18? "unknown" is the safe branch: the person is treated as a child. */
  child: FactAnswer;
  foreignNational: FactAnswer;
  sexualViolence: FactAnswer;
  /** When the sexual violence happened (ISO date-time); null when unknown: treated as within 72 h. */
  incidentAt: string | null;
  immediateDanger: FactAnswer;
  lgbtiq: FactAnswer;
  disability: FactAnswer;
  consent: FactAnswer;
  wishesToReport: FactAnswer;
}

/** Where every case starts: no decision point answered yet. */
export const NOTHING_KNOWN_YET: Readonly<CaseAnswers> = {
  child: 'unknown',
  foreignNational: 'unknown',
  sexualViolence: 'unknown',
  incidentAt: null,
  immediateDanger: 'unknown',
  lgbtiq: 'unknown',
  disability: 'unknown',
  consent: 'unknown',
  wishesToReport: 'unknown',
};

/** An adult who consents, every other decision point answered "no" (the plain route). */
export const ADULT_WHO_CONSENTS: Readonly<CaseAnswers> = {
  child: 'no',
  foreignNational: 'no',
  sexualViolence: 'no',
  incidentAt: null,
  immediateDanger: 'no',
  lgbtiq: 'no',
  disability: 'no',
  consent: 'yes',
  wishesToReport: 'no',
};

/** One indicator's answer in a guided identification. */
export const SCREENING_ANSWERS = ['yes', 'no', 'not_sure', 'skipped'] as const;
export type ScreeningAnswer = (typeof SCREENING_ANSWERS)[number];

/** A guided identification over one checklist: indicator id → answer. */
export interface Screening {
  checklistId: string;
  answers: Record<string, ScreeningAnswer>;
  /** Language the questions were shown in, when the person answered them on the phone. */
  personLanguage?: string;
  completedAt?: string;
}

/** A case on this device: sealed (encrypted) at rest, identified only by a case code. */
export interface CaseFile {
  id: string;
  caseCode: string;
  jurisdictionId: string;
  routeId: string;
  createdAt: string;
  updatedAt: string;
  answers: CaseAnswers;
  screenings: Screening[];
  /** Free-text notes the worker chose to keep; never leave the device. */
  notes: string;
  /** The language the person speaks (BCP 47), for interpretation and the referral slip. */
  personLanguage?: string;
}

export const REFERRAL_STATUSES = ['draft', 'sent', 'received', 'attended', 'not_attended'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_URGENCIES = ['immediate', 'within_24h', 'routine'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/** "given": the person agreed; "mandatory_child": the route makes referral of a child mandatory. */
export type ReferralConsent = 'given' | 'mandatory_child';

/** What the worker saw of the receiving provider when referring: kept if a later release removes it. */
export interface ProviderSnapshot {
  id: string;
  name: LocalizedText;
  phones: { number: string; display: string }[];
  whatsapp?: string;
  address?: string;
}

export interface Referral {
  id: string;
  caseId: string;
  caseCode: string;
  jurisdictionId: string;
  routeId: string;
  stepId: string;
  /** The step's title as shown when referring; null for a safeguard step (titled from locales/). */
  stepTitle: LocalizedText | null;
  safeguard: SafeguardKind | null;
  stageKind: RouteStageKind;
  provider: ProviderSnapshot;
  consent: ReferralConsent;
  urgency: ReferralUrgency;
  /** Deadlines that travel with the referral (e.g. post-exposure prophylaxis), ISO date-times. */
  deadlines: { kind: string; dueAt: string | null }[];
  status: ReferralStatus;
  statusHistory: { status: ReferralStatus; at: string }[];
  createdAt: string;
  /** Optional worker notes; sealed with the rest, never on the slip. */
  notes: string;
}
