import { useTranslation } from 'react-i18next';
import { ROUTE_STAGE_KINDS } from '../../../../core/handbook/taxonomy';
import { ChoiceField } from '../../../components/editor/ChoiceField';
import { useEditor } from '../../../components/editor/EditorContext';
import { FieldIssues } from '../../../components/editor/FieldIssues';
import { ItemControls } from '../../../components/editor/ItemControls';
import { fieldDomId } from '../../../components/editor/issues';
import { moveItem, removeItem } from '../../../components/editor/reorder';
import { IdField, LocalizedTextField } from '../../../components/editor/TextFields';
import { textIn } from '../../../console/text';
import type { StageForm, StepForm } from '../model/route-form';
import type { ProviderChoice } from '../model/route-rules';
import { StepEditor } from './StepEditor';

interface StageEditorProps {
  stage: StageForm;
  index: number;
  stages: StageForm[];
  providers: readonly ProviderChoice[];
  savedIds: Set<string>;
  openSteps: Set<string>;
  onToggleStep(key: string): void;
  onChange(change: (stage: StageForm) => StageForm): void;
  onMove(to: number): void;
  onRemove(): void;
  onAddStep(): void;
  onMoveStepToStage(step: number, stage: number): void;
}

/** A stage of the route: its kind and title, and its steps in order. */
export function StageEditor(props: StageEditorProps) {
  const { stage, index, stages, providers, savedIds } = props;
  const { t, i18n } = useTranslation('console-editors');
  const { issuesAt, readOnly } = useEditor();
  const path = `stages.${index}`;
  const name = t('place.namedStage', { number: index + 1, title: textIn(stage.title, i18n.language) || t('untitled') });
  const setStep = (position: number, change: (step: StepForm) => StepForm) =>
    props.onChange((s) => ({ ...s, steps: s.steps.map((step, i) => (i === position ? change(step) : step)) }));
  return (
    <li className="editor-item editor-stage" aria-labelledby={`${stage.key}-heading`}>
      <div className="editor-item-header">
        <h3 id={`${stage.key}-heading`}>{name}</h3>
        <ItemControls
          itemKey={stage.key}
          name={name}
          index={index}
          count={stages.length}
          onMove={props.onMove}
          onRemove={stages.length > 1 ? props.onRemove : undefined}
          focusAfterRemove="route-stages-title"
        />
      </div>
      <IdField
        path={`${path}.id`}
        value={stage.id}
        locked={savedIds.has(`stage:${stage.id}`)}
        onChange={(id) => props.onChange((s) => ({ ...s, id }))}
      />
      <ChoiceField
        path={`${path}.kind`}
        label={t('field.kind')}
        value={stage.kind}
        options={ROUTE_STAGE_KINDS}
        optionLabel={(kind) => t(`stageKind.${kind}`)}
        onChange={(kind) => props.onChange((s) => ({ ...s, kind }))}
      />
      <LocalizedTextField
        path={`${path}.title`}
        label={t('field.title')}
        value={stage.title}
        onChange={(title) => props.onChange((s) => ({ ...s, title }))}
      />
      <LocalizedTextField
        path={`${path}.summary`}
        label={t('field.summary')}
        hint={t('route.optional')}
        multiline
        value={stage.summary}
        onChange={(summary) => props.onChange((s) => ({ ...s, summary }))}
      />
      <h4 id={fieldDomId(`${path}.steps`)} tabIndex={-1} className="steps-title">
        {t('route.stepsOf', { count: stage.steps.length })}
      </h4>
      <FieldIssues id={`${fieldDomId(`${path}.steps`)}-error`} issues={issuesAt(`${path}.steps`)} />
      <ol className="editor-list">
        {stage.steps.map((step, position) => (
          <StepEditor
            key={step.key}
            step={step}
            stageIndex={index}
            index={position}
            stages={stages}
            providers={providers}
            idLocked={savedIds.has(`step:${step.id}`)}
            open={props.openSteps.has(step.key)}
            onToggle={() => props.onToggleStep(step.key)}
            onChange={(change) => setStep(position, change)}
            onMove={(to) => props.onChange((s) => ({ ...s, steps: moveItem(s.steps, position, to) }))}
            onMoveToStage={(to) => props.onMoveStepToStage(position, to)}
            onRemove={() => props.onChange((s) => ({ ...s, steps: removeItem(s.steps, position) }))}
          />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="action" onClick={props.onAddStep}>
          {t('route.addStep', { stage: name })}
        </button>
      )}
    </li>
  );
}
