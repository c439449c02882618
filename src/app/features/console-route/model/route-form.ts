import { ROUTE_STAGE_KINDS } from '../../../../core/handbook/taxonomy';
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
 * An action route while the coordinator edits it. Every list item has a React key that
 * never changes (ids of new items can still be edited); `routeBody` turns it into the
 * ActionRoute authoring format the console API stores, `routeForm` back.
 */
export interface StepForm {
  key: string;
  id: string;
  title: TextValue;
  action: TextValue;
  timeframe: TextValue;
  legalBasis: TextValue;
  /** Provider ids, in the order the coordinator chose them. */
  responsible: string[];
  /** Case facts that must all hold for the step to apply… */
  all: string[];
  /** …and facts none of which may hold. */
  none: string[];
}

export interface StageForm {
  key: string;
  id: string;
  kind: string;
  title: TextValue;
  summary: TextValue;
  steps: StepForm[];
}

export type PrincipleForm = TextItem;

export interface RouteForm {
  id: string;
  title: TextValue;
  summary: TextValue;
  principles: PrincipleForm[];
  stages: StageForm[];
}

export const ROUTE_SHAPE: NestedShape = { parents: 'stages', children: 'steps' };

const strings = (value: unknown) => listFrom(value).filter((item): item is string => typeof item === 'string');

function stepForm(value: unknown): StepForm {
  const step = objectFrom(value);
  const conditions = objectFrom(step.conditions);
  return {
    key: newKey(),
    id: stringFrom(step.id),
    title: textFrom(step.title),
    action: textFrom(step.action),
    timeframe: textFrom(step.timeframe),
    legalBasis: textFrom(step.legalBasis),
    responsible: strings(step.responsible),
    all: strings(conditions.all),
    none: strings(conditions.none),
  };
}

function stageForm(value: unknown): StageForm {
  const stage = objectFrom(value);
  return {
    key: newKey(),
    id: stringFrom(stage.id),
    kind: stringFrom(stage.kind),
    title: textFrom(stage.title),
    summary: textFrom(stage.summary),
    steps: listFrom(stage.steps).map(stepForm),
  };
}

export function routeForm(body: RecordBody): RouteForm {
  return {
    id: stringFrom(body.id),
    title: textFrom(body.title),
    summary: textFrom(body.summary),
    principles: textItemsFrom(body.principles),
    stages: listFrom(body.stages).map(stageForm),
  };
}

/** Optional parts are left out when empty, as a hand-written routes-data file would. */
function stepBody(step: StepForm): RecordBody {
  const conditions = {
    ...(step.all.length > 0 && { all: step.all }),
    ...(step.none.length > 0 && { none: step.none }),
  };
  return {
    id: step.id.trim(),
    title: requiredText(step.title),
    action: requiredText(step.action),
    ...(step.responsible.length > 0 && { responsible: step.responsible }),
    ...(optionalText(step.timeframe) && { timeframe: optionalText(step.timeframe) }),
    ...(optionalText(step.legalBasis) && { legalBasis: optionalText(step.legalBasis) }),
    ...(Object.keys(conditions).length > 0 && { conditions }),
  };
}

export function routeBody(form: RouteForm): RecordBody {
  return {
    id: form.id.trim(),
    title: requiredText(form.title),
    summary: requiredText(form.summary),
    ...(form.principles.length > 0 && { principles: form.principles.map((principle) => requiredText(principle.text)) }),
    stages: form.stages.map((stage) => ({
      id: stage.id.trim(),
      kind: stage.kind,
      title: requiredText(stage.title),
      ...(optionalText(stage.summary) && { summary: optionalText(stage.summary) }),
      steps: stage.steps.map(stepBody),
    })),
  };
}

export function stepIdsOf(form: RouteForm): string[] {
  return form.stages.flatMap((stage) => stage.steps.map((step) => step.id));
}

/** A new, empty step with an id no step of the route has (`prefix` is the localized word, e.g. "paso"). */
export function newStep(form: RouteForm, prefix: string): StepForm {
  return stepForm({ id: unusedId(prefix, stepIdsOf(form)) });
}

/**
 * A new stage, of the kind that follows the last stage's (a route is usually written in
 * order), with its one required step.
 */
export function newStage(form: RouteForm, prefixes: { stage: string; step: string }): StageForm {
  const last = form.stages.at(-1)?.kind;
  const next = ROUTE_STAGE_KINDS[(ROUTE_STAGE_KINDS as readonly string[]).indexOf(last ?? '') + 1];
  const stage = stageForm({
    id: unusedId(
      prefixes.stage,
      form.stages.map((s) => s.id),
    ),
  });
  return { ...stage, kind: next ?? ROUTE_STAGE_KINDS[0], steps: [newStep(form, prefixes.step)] };
}

/** The list structure (keys in order), which server issues' positions depend on. */
export function routeStructure(form: RouteForm): string {
  return listStructure(form.principles, form.stages, (stage) => stage.steps);
}

/** The ids of stages and steps a saved version has: those are locked in the editor. */
export function savedRouteIds(body: RecordBody | undefined): Set<string> {
  const form = routeForm(body ?? {});
  return new Set([...form.stages.map((stage) => `stage:${stage.id}`), ...stepIdsOf(form).map((id) => `step:${id}`)]);
}
