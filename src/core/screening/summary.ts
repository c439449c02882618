import type { Checklist, Indicator, IndicatorGroup } from '../handbook/schema';
import type { ScreeningAnswers } from './guided';

export type Relationship = IndicatorGroup['relationship'];

/** The two questions workers are taught to keep in mind, then the signs from the context. */
export const RELATIONSHIPS: readonly Relationship[] = ['control', 'exploitation', 'context'];

/** An indicator group and those of its indicators that were answered a given way. */
export interface SignsInGroup {
  group: IndicatorGroup;
  indicators: Indicator[];
}

export interface SignsUnderHeading {
  relationship: Relationship;
  groups: SignsInGroup[];
}

/**
 * What a guided identification found, said as signs and a recommendation: never a score, a
 * count-based verdict or a label about the person (PRODUCT.md, "do no harm").
 */
export interface ScreeningSummary {
  /** Groups in which a sign was observed ('yes'), under their headings; headings with none left out. */
  observed: SignsUnderHeading[];
  /** Signs the worker was not sure of ('not_sure'): worth a closer look. */
  closerLook: SignsUnderHeading[];
  /** One observed sign can be enough to refer. */
  referralRecommended: boolean;
}

function signsAnswered(checklist: Checklist, answers: ScreeningAnswers, wanted: string): SignsUnderHeading[] {
  return RELATIONSHIPS.map((relationship) => ({
    relationship,
    groups: checklist.groups
      .filter((group) => group.relationship === relationship)
      .map((group) => ({ group, indicators: group.indicators.filter((i) => answers[i.id] === wanted) }))
      .filter((signs) => signs.indicators.length > 0),
  })).filter((heading) => heading.groups.length > 0);
}

export function summarise(checklist: Checklist, answers: ScreeningAnswers): ScreeningSummary {
  const observed = signsAnswered(checklist, answers, 'yes');
  return {
    observed,
    closerLook: signsAnswered(checklist, answers, 'not_sure'),
    referralRecommended: observed.length > 0,
  };
}
