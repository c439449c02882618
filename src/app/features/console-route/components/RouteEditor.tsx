import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecord } from '../../../../core/console/protocol';
import type { NestedNaming } from '../../../components/editor/ConflictPanel';
import { FieldIssues } from '../../../components/editor/FieldIssues';
import { focusSoon } from '../../../components/editor/focus';
import { fieldDomId } from '../../../components/editor/issues';
import { RecordDetails, RecordEditorForm } from '../../../components/editor/RecordEditorForm';
import { moveItem, removeItem } from '../../../components/editor/reorder';
import { TextListSection } from '../../../components/editor/TextListSection';
import { textFrom } from '../../../components/editor/text-form';
import { useOpenItems } from '../../../components/editor/useOpenItems';
import { useRecordEditor } from '../../../components/editor/useRecordEditor';
import type { RecordBody } from '../../../components/editor/versions';
import { moveStepToStage } from '../model/move-step';
import {
  newStage,
  newStep,
  ROUTE_SHAPE,
  type RouteForm,
  routeBody,
  routeForm,
  routeStructure,
  type StageForm,
  savedRouteIds,
} from '../model/route-form';
import { type ProviderChoice, routeIssues } from '../model/route-rules';
import { StageEditor } from './StageEditor';

const NAMING: NestedNaming = {
  shape: ROUTE_SHAPE,
  labels: { parents: 'title', children: 'title' },
  kinds: { parents: 'stage', children: 'step' },
};

interface RouteEditorProps {
  jurisdictionId: string;
  /** The route as the draft holds it; null to write the jurisdiction's first route. */
  record: DraftRecord | null;
  providers: readonly ProviderChoice[];
  canEdit: boolean;
  onSaved(record: DraftRecord): void;
}

/** The whole action route as one form, saved as one record. */
export function RouteEditor({ jurisdictionId, record, providers, canEdit, onSaved }: RouteEditorProps) {
  const { t } = useTranslation('console-editors');
  const prefixes = useMemo(() => ({ stage: t('newIds.stage'), step: t('newIds.step'), route: t('newIds.route') }), [t]);
  const fromBody = useCallback(
    (body: RecordBody): RouteForm => {
      if (Object.keys(body).length > 0) return routeForm(body);
      const empty: RouteForm = {
        id: prefixes.route,
        title: textFrom(undefined),
        summary: textFrom(undefined),
        principles: [],
        stages: [],
      };
      return { ...empty, stages: [newStage(empty, prefixes)] };
    },
    [prefixes],
  );
  const validate = useCallback((form: RouteForm) => routeIssues(form, providers), [providers]);
  const editor = useRecordEditor({
    jurisdictionId,
    kind: 'routes',
    record,
    fromBody,
    toBody: routeBody,
    idOf: (form) => form.id.trim(),
    validate,
    structure: routeStructure,
    shape: ROUTE_SHAPE,
    onSaved,
  });
  const { form, update } = editor;
  const steps = useOpenItems();
  const savedIds = useMemo(() => savedRouteIds(editor.base?.body), [editor.base]);
  const body = useMemo(() => routeBody(form), [form]);
  const readOnly = !canEdit;

  const setStages = (change: (stages: StageForm[]) => StageForm[]) =>
    update((f) => ({ ...f, stages: change(f.stages) }));
  const addStep = (stageIndex: number) => {
    const step = newStep(form, prefixes.step);
    setStages((stages) => stages.map((s, i) => (i === stageIndex ? { ...s, steps: [...s.steps, step] } : s)));
    steps.openItem(step.key);
    const position = form.stages[stageIndex]?.steps.length ?? 0;
    focusSoon(fieldDomId(`stages.${stageIndex}.steps.${position}.id`));
  };
  const addStage = () => {
    const stage = newStage(form, prefixes);
    setStages((stages) => [...stages, stage]);
    steps.openItem(stage.steps[0]?.key ?? '');
    focusSoon(fieldDomId(`stages.${form.stages.length}.id`));
  };

  return (
    <RecordEditorForm editor={editor} naming={NAMING} body={body} readOnly={readOnly}>
      <RecordDetails headingId="route-details-title" heading={t('route.details')} editor={editor} />
      <TextListSection
        path="principles"
        headingId="route-principles-title"
        heading={t('route.principles')}
        hint={t('route.principlesHint')}
        addLabel={t('route.addPrinciple')}
        itemName={(i) => t('place.principles', { number: i + 1 })}
        items={form.principles}
        onChange={(change) => update((f) => ({ ...f, principles: change(f.principles) }))}
      />

      <section aria-labelledby="route-stages-title">
        <h2 id="route-stages-title" tabIndex={-1}>
          {t('route.stages')}
        </h2>
        <FieldIssues id={`${fieldDomId('stages')}-error`} issues={editor.shownIssues.get('stages') ?? []} />
        <ol className="editor-list">
          {form.stages.map((stage, s) => (
            <StageEditor
              key={stage.key}
              stage={stage}
              index={s}
              stages={form.stages}
              providers={providers}
              savedIds={savedIds}
              openSteps={steps.open}
              onToggleStep={steps.toggle}
              onChange={(change) => setStages((stages) => stages.map((x, i) => (i === s ? change(x) : x)))}
              onMove={(to) => setStages((stages) => moveItem(stages, s, to))}
              onRemove={() => setStages((stages) => removeItem(stages, s))}
              onAddStep={() => addStep(s)}
              onMoveStepToStage={(step, to) =>
                setStages((stages) => moveStepToStage(stages, { parent: s, index: step }, to))
              }
            />
          ))}
        </ol>
        {!readOnly && (
          <button type="button" className="action" onClick={addStage}>
            {t('route.addStage')}
          </button>
        )}
      </section>
    </RecordEditorForm>
  );
}
