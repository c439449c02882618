import type { Checklist } from '../handbook/schema';
import { type ScreeningQuestion, screeningQuestions } from './guided';

/**
 * The checklist as the person answers it on the phone: only indicators that carry a question.
 * The others are things the worker observes ("someone else answers for them") and stay with the
 * worker. Groups left with no question are dropped.
 */
export function personChecklist(checklist: Checklist): Checklist {
  const groups = checklist.groups
    .map((group) => ({ ...group, indicators: group.indicators.filter((indicator) => indicator.question) }))
    .filter((group) => group.indicators.length > 0);
  return { ...checklist, groups };
}

export function personQuestions(checklist: Checklist): ScreeningQuestion[] {
  return screeningQuestions(personChecklist(checklist));
}

/**
 * The languages the phone can be handed over in: those in which every question of the checklist
 * exists, so a person never meets a question in a language they may not read. Spanish and
 * English first, then any a coordinator added (fr, ht, pt…) in alphabetical order.
 */
export function personLanguages(checklist: Checklist): string[] {
  const questions = personQuestions(checklist).map(({ indicator }) => indicator.question ?? {});
  const [first] = questions;
  if (!first) return [];
  const everywhere = Object.keys(first).filter((language) => questions.every((q) => language in q));
  const rank = (language: string) => (language === 'es' ? 0 : language === 'en' ? 1 : 2);
  return everywhere.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
