import {
  listFrom,
  listStructure,
  newKey,
  objectFrom,
  optionalText,
  requiredText,
  stringFrom,
  type TextItem,
  type TextValue,
  textFrom,
  textItemsFrom,
  unusedId,
} from '../../../components/editor/text-form';
import type { NestedShape, RecordBody } from '../../../components/editor/versions';

/**
 * A checklist of identification indicators while the coordinator edits it; keys never change,
 * ids of new items can still be edited. `checklistBody` gives the Checklist authoring format.
 */
export interface IndicatorForm {
  key: string;
  id: string;
  text: TextValue;
  /** The question a worker may ask; other languages it already has (fr, ht…) are kept. */
  question: TextValue;
  guidance: TextValue;
}

export interface GroupForm {
  key: string;
  id: string;
  title: TextValue;
  relationship: string;
  indicators: IndicatorForm[];
}

export type GuidanceForm = TextItem;

export interface ChecklistForm {
  id: string;
  title: TextValue;
  summary: TextValue;
  guidance: GuidanceForm[];
  groups: GroupForm[];
  ifPresent: TextValue;
}

export const CHECKLIST_SHAPE: NestedShape = { parents: 'groups', children: 'indicators' };

function indicatorForm(value: unknown): IndicatorForm {
  const indicator = objectFrom(value);
  return {
    key: newKey(),
    id: stringFrom(indicator.id),
    text: textFrom(indicator.text),
    question: textFrom(indicator.question),
    guidance: textFrom(indicator.guidance),
  };
}

function groupForm(value: unknown): GroupForm {
  const group = objectFrom(value);
  return {
    key: newKey(),
    id: stringFrom(group.id),
    title: textFrom(group.title),
    relationship: stringFrom(group.relationship),
    indicators: listFrom(group.indicators).map(indicatorForm),
  };
}

export function checklistForm(body: RecordBody): ChecklistForm {
  return {
    id: stringFrom(body.id),
    title: textFrom(body.title),
    summary: textFrom(body.summary),
    guidance: textItemsFrom(body.guidance),
    groups: listFrom(body.groups).map(groupForm),
    ifPresent: textFrom(body.ifPresent),
  };
}

export function checklistBody(form: ChecklistForm): RecordBody {
  return {
    id: form.id.trim(),
    title: requiredText(form.title),
    summary: requiredText(form.summary),
    guidance: form.guidance.map((item) => requiredText(item.text)),
    groups: form.groups.map((group) => ({
      id: group.id.trim(),
      title: requiredText(group.title),
      relationship: group.relationship,
      indicators: group.indicators.map((indicator) => ({
        id: indicator.id.trim(),
        text: requiredText(indicator.text),
        ...(optionalText(indicator.question) && { question: optionalText(indicator.question) }),
        ...(optionalText(indicator.guidance) && { guidance: optionalText(indicator.guidance) }),
      })),
    })),
    ifPresent: requiredText(form.ifPresent),
  };
}

export function indicatorIdsOf(form: ChecklistForm): string[] {
  return form.groups.flatMap((group) => group.indicators.map((indicator) => indicator.id));
}

export function newIndicator(form: ChecklistForm, prefix: string): IndicatorForm {
  return indicatorForm({ id: unusedId(prefix, indicatorIdsOf(form)) });
}

/** A new group with its one required indicator; groups are usually control, then exploitation, then context. */
export function newGroup(form: ChecklistForm, prefixes: { group: string; indicator: string }): GroupForm {
  const group = groupForm({
    id: unusedId(
      prefixes.group,
      form.groups.map((g) => g.id),
    ),
    relationship: 'control',
  });
  return { ...group, indicators: [newIndicator(form, prefixes.indicator)] };
}

/** A checklist to start from: one piece of guidance, one group, one indicator, all to be written. */
export function emptyChecklist(prefixes: { checklist: string; group: string; indicator: string }): ChecklistForm {
  const form = checklistForm({ id: prefixes.checklist });
  const withGuidance = { ...form, guidance: [{ key: newKey(), text: textFrom(undefined) }] };
  return { ...withGuidance, groups: [newGroup(withGuidance, prefixes)] };
}

export function checklistStructure(form: ChecklistForm): string {
  return listStructure(form.guidance, form.groups, (group) => group.indicators);
}

/** Ids of the groups and indicators a saved version has: locked in the editor. */
export function savedChecklistIds(body: RecordBody | undefined): Set<string> {
  const form = checklistForm(body ?? {});
  return new Set([
    ...form.groups.map((group) => `group:${group.id}`),
    ...indicatorIdsOf(form).map((id) => `indicator:${id}`),
  ]);
}
