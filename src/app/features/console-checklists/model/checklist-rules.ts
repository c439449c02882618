import { Checklist } from '../../../../core/handbook/schema';
import { duplicateIds, type FieldIssue, schemaIssues } from '../../../components/editor/issues';
import { type ChecklistForm, checklistBody } from './checklist-form';

/**
 * Everything the browser can tell before saving a checklist: the Checklist schema, group and
 * indicator ids unique in the checklist, and — for a new one — an id no other checklist of
 * the draft has (saving it would otherwise meet that checklist as a conflict).
 */
export function checklistIssues(form: ChecklistForm, otherChecklistIds: readonly string[]): FieldIssue[] {
  const parsed = Checklist.safeParse(checklistBody(form));
  const issues = parsed.success ? [] : schemaIssues(parsed.error);
  if (otherChecklistIds.includes(form.id.trim()))
    issues.push({ path: 'id', code: 'duplicateId', detail: form.id.trim() });
  issues.push(...duplicateIds(form.groups.map((group, g) => ({ id: group.id.trim(), path: `groups.${g}.id` }))));
  issues.push(
    ...duplicateIds(
      form.groups.flatMap((group, g) =>
        group.indicators.map((indicator, i) => ({ id: indicator.id.trim(), path: `groups.${g}.indicators.${i}.id` })),
      ),
    ),
  );
  return issues;
}
