import type { ActionRoute, CaseFact } from '../handbook/schema';

/**
 * How consent is handled for a referral: "mandatory_child" when the case is a child (or
 * presumed one: the engine puts the `child` fact in when age is unknown) and the
 * jurisdiction's route makes referral of a child mandatory; otherwise the person must agree.
 */
export type ConsentRule = 'mandatory_child' | 'person_must_agree';

/**
 * A route makes referral of a child mandatory when its referral stage has a step for children
 * that does not itself wait for consent (`child-referral-mandatory` in Belize,
 * `derivacion-obligatoria-nna` in Honduras, `canalizacion-nna` in Mexico). Only the route can
 * say so: the law differs by country, and the app must not invent a duty the route does not state.
 */
export function routeMakesChildReferralMandatory(route: ActionRoute): boolean {
  return route.stages.some(
    (stage) =>
      stage.kind === 'referral' &&
      stage.steps.some((step) => {
        const all = step.conditions?.all ?? [];
        return all.includes('child') && !all.includes('consent');
      }),
  );
}

export function consentRule(route: ActionRoute, facts: readonly CaseFact[]): ConsentRule {
  return facts.includes('child') && routeMakesChildReferralMandatory(route) ? 'mandatory_child' : 'person_must_agree';
}
