/** The words a condition summary is made of, in the interface language. */
export interface ConditionWords {
  /** A step without conditions: "every case". */
  always: string;
  /** "only when: {{facts}}" */
  onlyWhen(facts: string): string;
  /** "not when: {{facts}}" */
  notWhen(facts: string): string;
  /** A case fact's label: "child or adolescent". */
  fact(fact: string): string;
}

/**
 * When a step applies, in one line a coordinator can check at a glance: "only when: child
 * and foreign national · not when: immediate danger". Facts that must all hold are joined
 * with "and", excluded facts with "or" (any one of them rules the step out).
 */
export function conditionSummary(
  conditions: { all: readonly string[]; none: readonly string[] },
  language: string,
  words: ConditionWords,
): string {
  const list = (facts: readonly string[], type: 'conjunction' | 'disjunction') =>
    new Intl.ListFormat(language, { style: 'long', type }).format(facts.map(words.fact));
  const parts = [
    ...(conditions.all.length > 0 ? [words.onlyWhen(list(conditions.all, 'conjunction'))] : []),
    ...(conditions.none.length > 0 ? [words.notWhen(list(conditions.none, 'disjunction'))] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : words.always;
}
