import type { Screening, ScreeningAnswer } from '../case/model';
import type { Checklist, Indicator, IndicatorGroup } from '../handbook/schema';

/** A screening's answers: indicator id → answer. An indicator not in it has not been asked yet. */
export type ScreeningAnswers = Screening['answers'];

/** One indicator to ask about, with the group that gives it its heading (control, exploitation, context). */
export interface ScreeningQuestion {
  group: IndicatorGroup;
  indicator: Indicator;
}

/** Every indicator of every group, in the checklist's order: a guided identification asks them one at a time. */
export function screeningQuestions(checklist: Checklist): ScreeningQuestion[] {
  return checklist.groups.flatMap((group) => group.indicators.map((indicator) => ({ group, indicator })));
}

/** Where a worker starts or resumes: the first question with no answer (a skip is an answer), null when none is left. */
export function nextQuestion(checklist: Checklist, answers: ScreeningAnswers): ScreeningQuestion | null {
  return screeningQuestions(checklist).find(({ indicator }) => !(indicator.id in answers)) ?? null;
}

/**
 * Where a worker goes once `indicatorId` is answered: the next unanswered question after it,
 * wrapping round to any left earlier; null when every question has an answer (the summary).
 * A worker who went back to correct one answer so returns to where they had got to.
 */
export function questionAfter(
  checklist: Checklist,
  answers: ScreeningAnswers,
  indicatorId: string,
): ScreeningQuestion | null {
  const questions = screeningQuestions(checklist);
  const at = questions.findIndex(({ indicator }) => indicator.id === indicatorId);
  const ordered = [...questions.slice(at + 1), ...questions.slice(0, at + 1)];
  return ordered.find(({ indicator }) => !(indicator.id in answers)) ?? null;
}

/** The question after `indicatorId` in the checklist's order, answered or not; null after the last. */
export function questionFollowing(checklist: Checklist, indicatorId: string): ScreeningQuestion | null {
  const questions = screeningQuestions(checklist);
  const at = questions.findIndex(({ indicator }) => indicator.id === indicatorId);
  return at === -1 ? null : (questions[at + 1] ?? null);
}

/** Going back from a question, or from the summary (null) to the last question; null before the first. */
export function questionBefore(checklist: Checklist, indicatorId: string | null): ScreeningQuestion | null {
  const questions = screeningQuestions(checklist);
  if (indicatorId === null) return questions.at(-1) ?? null;
  const at = questions.findIndex(({ indicator }) => indicator.id === indicatorId);
  return at > 0 ? (questions[at - 1] ?? null) : null;
}

/** Records (or changes) one answer, leaving the given answers untouched. */
export function answerQuestion(
  answers: ScreeningAnswers,
  indicatorId: string,
  answer: ScreeningAnswer,
): ScreeningAnswers {
  return { ...answers, [indicatorId]: answer };
}
