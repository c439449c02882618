import { CASE_FACTS } from '../handbook/taxonomy';
import type { CaseFact, Deadline, DeadlineKind, SafeAssumption } from '../route-engine/types';
import type { CaseAnswers } from './model';

/** Hours after sexual violence within which each treatment still helps (PRODUCT.md, decision points). */
const DEADLINE_WINDOW_HOURS: Readonly<Record<DeadlineKind, number>> = {
  hiv_pep: 72,
  emergency_contraception: 120,
};

/** The window of the `sexual_violence_72h` fact. */
const SEXUAL_VIOLENCE_FACT_HOURS = 72;

const HOUR_MS = 3_600_000;

export interface CaseFacts {
  /** Facts that hold for this case, in the order of CASE_FACTS. */
  facts: CaseFact[];
  /** Safe branches taken because an answer was missing or contradictory, in a fixed order. */
  assumptions: SafeAssumption[];
  /** Time limits of care after sexual violence; empty unless sexual violence was answered "yes". */
  deadlines: Deadline[];
}

/** Facts that only a plain "yes" sets: guessing them would change the route without reason. */
const YES_ONLY: [Exclude<keyof CaseAnswers, 'incidentAt'>, CaseFact][] = [
  ['foreignNational', 'foreign_national'],
  ['immediateDanger', 'immediate_danger'],
  ['lgbtiq', 'lgbtiq'],
  ['disability', 'disability'],
  ['consent', 'consent'],
  ['wishesToReport', 'wishes_to_report'],
];

/**
 * The incident's instant, or null when it is unknown, unreadable or in the future: a future
 * incident is a contradiction, and the safe branch for a contradiction is "time unknown".
 */
function incidentInstant(incidentAt: string | null, now: Date): number | null {
  if (incidentAt === null) return null;
  const at = Date.parse(incidentAt);
  if (Number.isNaN(at) || at > now.getTime()) return null;
  return at;
}

/**
 * Turns a worker's answers into the decision points of the route. Where an answer is missing
 * the safe branch is taken and said so: unknown age → a child; unknown incident time → within
 * 72 h; unknown consent → not given.
 */
export function deriveCaseFacts(answers: CaseAnswers, now: Date): CaseFacts {
  const held = new Set<CaseFact>();
  const assumptions: SafeAssumption[] = [];
  const deadlines: Deadline[] = [];

  if (answers.child === 'yes' || answers.child === 'unknown') held.add('child');
  if (answers.child === 'unknown') assumptions.push('age_unknown_treated_as_child');

  for (const [answer, fact] of YES_ONLY) {
    if (answers[answer] === 'yes') held.add(fact);
  }

  if (answers.sexualViolence === 'yes') {
    const incident = incidentInstant(answers.incidentAt, now);
    if (incident === null) {
      held.add('sexual_violence_72h');
      assumptions.push('incident_time_unknown_treated_as_recent');
    } else if (now.getTime() - incident <= SEXUAL_VIOLENCE_FACT_HOURS * HOUR_MS) {
      held.add('sexual_violence_72h');
    }
    for (const kind of Object.keys(DEADLINE_WINDOW_HOURS) as DeadlineKind[]) {
      const windowHours = DEADLINE_WINDOW_HOURS[kind];
      const due = incident === null ? null : incident + windowHours * HOUR_MS;
      deadlines.push({
        kind,
        windowHours,
        dueAt: due === null ? null : new Date(due).toISOString(),
        expired: due !== null && now.getTime() > due,
      });
    }
  } else if (answers.sexualViolence === 'unknown') {
    assumptions.push('sexual_violence_unknown');
  }

  if (answers.consent === 'unknown') assumptions.push('consent_unknown_not_assumed');

  return { facts: CASE_FACTS.filter((fact) => held.has(fact)), assumptions, deadlines };
}

/**
 * Whether care after sexual violence can still help: some deadline is still open, or the
 * incident time is unknown (its deadlines have no due time and are never expired).
 */
export function isCareWindowOpen(deadlines: readonly Deadline[]): boolean {
  return deadlines.some((deadline) => !deadline.expired);
}
