import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecord } from '../../../../core/console/protocol';
import { CombinedNotice, ConflictPanel, type NestedNaming } from '../../../components/editor/ConflictPanel';
import { EditorProvider } from '../../../components/editor/EditorContext';
import { FieldIssues } from '../../../components/editor/FieldIssues';
import { IssueSummary, MissingTranslations } from '../../../components/editor/IssueSummary';
import { ItemControls } from '../../../components/editor/ItemControls';
import { fieldDomId, missingTranslations } from '../../../components/editor/issues';
import { moveItem, removeItem } from '../../../components/editor/reorder';
import { SaveBar } from '../../../components/editor/SaveBar';
import { IdField, LocalizedTextField } from '../../../components/editor/TextFields';
import { newKey, textFrom } from '../../../components/editor/text-form';
import { useRecordEditor } from '../../../components/editor/useRecordEditor';
import type { RecordBody } from '../../../components/editor/versions';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
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

const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

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
  const [openSteps, setOpenSteps] = useState<ReadonlySet<string>>(new Set());
  const savedIds = useMemo(() => savedRouteIds(editor.base?.body), [editor.base]);
  const body = useMemo(() => routeBody(form), [form]);
  const missing = useMemo(() => missingTranslations(body), [body]);
  const shownIssues = [...editor.shownIssues.values()].flat();
  const readOnly = !canEdit;

  const toggleStep = (key: string) =>
    setOpenSteps((open) => {
      const next = new Set(open);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const setStages = (change: (stages: StageForm[]) => StageForm[]) =>
    update((f) => ({ ...f, stages: change(f.stages) }));
  const addStep = (stageIndex: number) => {
    const step = newStep(form, prefixes.step);
    setStages((stages) => stages.map((s, i) => (i === stageIndex ? { ...s, steps: [...s.steps, step] } : s)));
    setOpenSteps((open) => new Set(open).add(step.key));
    const position = form.stages[stageIndex]?.steps.length ?? 0;
    focusSoon(fieldDomId(`stages.${stageIndex}.steps.${position}.id`));
  };
  const addStage = () => {
    const stage = newStage(form, prefixes);
    setStages((stages) => [...stages, stage]);
    setOpenSteps((open) => new Set(open).add(stage.steps[0]?.key ?? ''));
    focusSoon(fieldDomId(`stages.${form.stages.length}.id`));
  };

  return (
    <EditorProvider issues={editor.shownIssues} readOnly={readOnly}>
      <form
        className="record-editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void editor.save();
        }}
      >
        {editor.conflict && (
          <ConflictPanel
            conflict={editor.conflict}
            naming={NAMING}
            onTakeTheirs={editor.takeTheirs}
            onApplyMine={editor.applyMineOnTheirs}
          />
        )}
        {editor.combinedWith && <CombinedNotice theirs={editor.combinedWith} mine={body} naming={NAMING} />}
        {editor.problem && <ConsoleProblem error={editor.problem} />}
        <IssueSummary issues={shownIssues} attempt={editor.refusedAttempts} />
        <MissingTranslations missing={missing} />

        <section aria-labelledby="route-details-title">
          <h2 id="route-details-title">{t('route.details')}</h2>
          <IdField
            path="id"
            value={form.id}
            locked={editor.base !== null}
            onChange={(id) => update((f) => ({ ...f, id }))}
          />
          <LocalizedTextField
            path="title"
            label={t('field.title')}
            value={form.title}
            onChange={(title) => update((f) => ({ ...f, title }))}
          />
          <LocalizedTextField
            path="summary"
            label={t('field.summary')}
            multiline
            value={form.summary}
            onChange={(summary) => update((f) => ({ ...f, summary }))}
          />
        </section>

        <section aria-labelledby="route-principles-title">
          <h2 id="route-principles-title" tabIndex={-1}>
            {t('route.principles')}
          </h2>
          <p className="field-hint">{t('route.principlesHint')}</p>
          <ol className="editor-list">
            {form.principles.map((principle, i) => {
              const name = t('place.principles', { number: i + 1 });
              return (
                <li key={principle.key} className="editor-item">
                  <LocalizedTextField
                    path={`principles.${i}`}
                    label={name}
                    multiline
                    value={principle.text}
                    onChange={(text) =>
                      update((f) => ({
                        ...f,
                        principles: f.principles.map((p, j) => (j === i ? { ...p, text } : p)),
                      }))
                    }
                  />
                  <ItemControls
                    itemKey={principle.key}
                    name={name}
                    index={i}
                    count={form.principles.length}
                    onMove={(to) => update((f) => ({ ...f, principles: moveItem(f.principles, i, to) }))}
                    onRemove={() => update((f) => ({ ...f, principles: removeItem(f.principles, i) }))}
                    focusAfterRemove="route-principles-title"
                  />
                </li>
              );
            })}
          </ol>
          {!readOnly && (
            <button
              type="button"
              className="action"
              onClick={() => {
                update((f) => ({ ...f, principles: [...f.principles, { key: newKey(), text: textFrom(undefined) }] }));
                focusSoon(fieldDomId(`principles.${form.principles.length}.es`));
              }}
            >
              {t('route.addPrinciple')}
            </button>
          )}
        </section>

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
                openSteps={openSteps as Set<string>}
                onToggleStep={toggleStep}
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
        {!readOnly && <SaveBar phase={editor.phase} dirty={editor.dirty} onDiscard={editor.discard} />}
      </form>
    </EditorProvider>
  );
}
