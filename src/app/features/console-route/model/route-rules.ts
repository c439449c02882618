import { ActionRoute } from '../../../../core/handbook/schema';
import { duplicateIds, type FieldIssue, schemaIssues } from '../../../components/editor/issues';
import { type RouteForm, routeBody } from './route-form';

/** A provider of the draft a step can name as responsible. */
export interface ProviderChoice {
  id: string;
  name: Record<string, string>;
  /** Archived providers are left out of releases, so a step cannot point at them. */
  archived: boolean;
}

/**
 * Everything the browser can tell before saving a route: the ActionRoute schema, and the
 * rules that span fields the handbook validation applies at publishing — step (and stage)
 * ids unique in the route, no case fact both required and excluded, responsible providers
 * that exist in the draft.
 */
export function routeIssues(form: RouteForm, providers: readonly ProviderChoice[]): FieldIssue[] {
  const parsed = ActionRoute.safeParse(routeBody(form));
  const issues = parsed.success ? [] : schemaIssues(parsed.error);
  issues.push(...duplicateIds(form.stages.map((stage, s) => ({ id: stage.id.trim(), path: `stages.${s}.id` }))));
  issues.push(
    ...duplicateIds(
      form.stages.flatMap((stage, s) =>
        stage.steps.map((step, t) => ({ id: step.id.trim(), path: `stages.${s}.steps.${t}.id` })),
      ),
    ),
  );
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  form.stages.forEach((stage, s) => {
    stage.steps.forEach((step, t) => {
      const at = `stages.${s}.steps.${t}`;
      for (const fact of step.all.filter((f) => step.none.includes(f))) {
        issues.push({ path: `${at}.conditions`, code: 'requiredAndExcluded', detail: fact });
      }
      step.responsible.forEach((id, i) => {
        const provider = byId.get(id);
        if (!provider) issues.push({ path: `${at}.responsible.${i}`, code: 'unknownProvider', detail: id });
        else if (provider.archived) issues.push({ path: `${at}.responsible.${i}`, code: 'archivedProvider' });
      });
    });
  });
  return issues;
}
