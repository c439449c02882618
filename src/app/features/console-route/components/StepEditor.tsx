import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChildItem, MoveToParent } from '../../../components/editor/ChildItem';
import { fieldDomId } from '../../../components/editor/issues';
import { IdField, LocalizedTextField } from '../../../components/editor/TextFields';
import { textIn } from '../../../console/text';
import type { StageForm, StepForm } from '../model/route-form';
import type { ProviderChoice } from '../model/route-rules';
import { ConditionsField } from './ConditionsField';
import { ResponsibleField } from './ResponsibleField';
import { useConditionSummary } from './useConditionSummary';

interface StepEditorProps {
  step: StepForm;
  stageIndex: number;
  index: number;
  stages: StageForm[];
  providers: readonly ProviderChoice[];
  idLocked: boolean;
  open: boolean;
  onToggle(): void;
  onChange(change: (step: StepForm) => StepForm): void;
  onMove(to: number): void;
  onMoveToStage(stage: number): void;
  onRemove(): void;
}

/**
 * One step: its title and when it applies in a line, opened to edit what to do, the
 * timeframe, the legal basis, the conditions and who is responsible.
 */
export function StepEditor(props: StepEditorProps) {
  const { step, stageIndex, index, stages, providers, idLocked, open } = props;
  const { t, i18n } = useTranslation('console-editors');
  const summary = useConditionSummary();
  const moveChoice = useState('');
  const path = `stages.${stageIndex}.steps.${index}`;
  const stage = stages[stageIndex] as StageForm;
  const title = textIn(step.title, i18n.language);
  const name = t('place.namedStep', { number: index + 1, title: title || t('untitled') });
  const stageName = (s: StageForm, i: number) =>
    t('place.namedStage', { number: i + 1, title: textIn(s.title, i18n.language) || t('untitled') });
  const responsibleNames = step.responsible
    .map((id) => providers.find((provider) => provider.id === id))
    .map((provider) => (provider ? textIn(provider.name, i18n.language) : ''))
    .filter(Boolean);
  return (
    <ChildItem
      itemKey={step.key}
      path={path}
      name={name}
      index={index}
      count={stage.steps.length}
      open={open}
      onToggle={props.onToggle}
      onMove={props.onMove}
      onRemove={props.onRemove}
      focusAfterRemove={fieldDomId(`stages.${stageIndex}.steps`)}
      facts={
        <p className="step-facts">
          {summary(step)}
          {responsibleNames.length > 0 && ` · ${t('responsible.summary', { names: responsibleNames.join(', ') })}`}
        </p>
      }
    >
      <IdField
        path={`${path}.id`}
        value={step.id}
        locked={idLocked}
        onChange={(id) => props.onChange((s) => ({ ...s, id }))}
      />
      <LocalizedTextField
        path={`${path}.title`}
        label={t('field.title')}
        value={step.title}
        onChange={(value) => props.onChange((s) => ({ ...s, title: value }))}
      />
      <LocalizedTextField
        path={`${path}.action`}
        label={t('field.action')}
        hint={t('route.actionHint')}
        multiline
        value={step.action}
        onChange={(value) => props.onChange((s) => ({ ...s, action: value }))}
      />
      <LocalizedTextField
        path={`${path}.timeframe`}
        label={t('field.timeframe')}
        hint={t('route.optional')}
        value={step.timeframe}
        onChange={(value) => props.onChange((s) => ({ ...s, timeframe: value }))}
      />
      <LocalizedTextField
        path={`${path}.legalBasis`}
        label={t('field.legalBasis')}
        hint={t('route.optional')}
        value={step.legalBasis}
        onChange={(value) => props.onChange((s) => ({ ...s, legalBasis: value }))}
      />
      <ConditionsField
        path={path}
        all={step.all}
        none={step.none}
        onChange={(conditions) => props.onChange((s) => ({ ...s, ...conditions }))}
      />
      <ResponsibleField
        path={path}
        value={step.responsible}
        providers={providers}
        onChange={(responsible) => props.onChange((s) => ({ ...s, responsible }))}
      />
      <MoveToParent
        itemKey={step.key}
        itemName={name}
        parents={stages}
        parentIndex={stageIndex}
        parentName={stageName}
        label={t('route.moveToStage')}
        choose={t('route.chooseStage')}
        choice={moveChoice}
        onMove={props.onMoveToStage}
      />
    </ChildItem>
  );
}
