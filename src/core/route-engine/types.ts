import type { CaseAnswers } from '../case/model';
import type { ActionRoute, CaseFact, LocalizedText, Provider, RouteStep } from '../handbook/schema';
import type { ROUTE_STAGE_KINDS } from '../handbook/taxonomy';

export type RouteStageKind = (typeof ROUTE_STAGE_KINDS)[number];
export type { CaseFact };

/** A safe branch the engine took because a fact was missing or contradictory; each has a sentence in locales/. */
export type SafeAssumption =
  | 'age_unknown_treated_as_child'
  | 'incident_time_unknown_treated_as_recent'
  | 'consent_unknown_not_assumed'
  | 'sexual_violence_unknown';

export type DeadlineKind = 'hiv_pep' | 'emergency_contraception';

/** A time limit that matters for this case; `dueAt` null when the incident time is unknown. */
export interface Deadline {
  kind: DeadlineKind;
  /** Hours after the incident: 72 for PEP, 120 for emergency contraception. */
  windowHours: number;
  dueAt: string | null;
  /** True when `now` is past `dueAt`. */
  expired: boolean;
}

/** Why the engine put a step there when the jurisdiction's route did not provide one. */
export type SafeguardKind = 'child_protection' | 'sexual_violence_care' | 'emergency';

export interface ProviderFit {
  providerId: string;
  /** Named as responsible for the step by the route. */
  responsible: boolean;
  /** Offers a service type the step needs. */
  service: boolean;
  /**
   * Offers the care the step's decision point calls for: emergency for immediate danger,
   * clinical care after sexual violence, child protection for a child-protection step.
   */
  specialised: boolean;
  /** Serves a population of this case (children, migrants, LGBTIQ+, persons with disabilities…). */
  population: boolean;
  /** Speaks the person's language (when known). */
  language: boolean;
  /** null: the provider publishes no hours. */
  openNow: boolean | null;
  /** Kilometres from the worker, when both positions are known. */
  distanceKm: number | null;
}

export interface AdaptedStep {
  stageId: string;
  stageKind: RouteStageKind;
  stageTitle: LocalizedText;
  /** The route step's id, or `safeguard-<kind>` for a step the engine added. */
  stepId: string;
  /** The route's step; null for a safeguard the engine added (its texts come from locales/). */
  step: RouteStep | null;
  safeguard: SafeguardKind | null;
  deadlines: DeadlineKind[];
  /** Providers that fit the step, best first. */
  providers: ProviderFit[];
}

export interface AdaptedRoute {
  routeId: string;
  facts: CaseFact[];
  assumptions: SafeAssumption[];
  deadlines: Deadline[];
  steps: AdaptedStep[];
}

/** The provider fields the engine reads. */
export type RoutableProvider = Pick<
  Provider,
  'id' | 'services' | 'populations' | 'languages' | 'schedules' | 'latitude' | 'longitude'
>;

export interface RouteCase {
  route: ActionRoute;
  providers: readonly RoutableProvider[];
  answers: CaseAnswers;
  now: Date;
  /** The jurisdiction's IANA time zone, for "open now". */
  timeZone: string;
  /** The worker's position, when the device gave one (never stored). */
  position?: { latitude: number; longitude: number };
  /** The person's language (ISO 639), when known. */
  personLanguage?: string;
}
