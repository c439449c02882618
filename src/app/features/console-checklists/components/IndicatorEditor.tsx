import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChildItem, MoveToParent } from '../../../components/editor/ChildItem';
import { fieldDomId } from '../../../components/editor/issues';
import { IdField, LocalizedTextField } from '../../../components/editor/TextFields';
import { textIn } from '../../../console/text';
import type { GroupForm, IndicatorForm } from '../model/checklist-form';

interface IndicatorEditorProps {
  indicator: IndicatorForm;
  groupIndex: number;
  index: number;
  groups: GroupForm[];
  idLocked: boolean;
  open: boolean;
  onToggle(): void;
  onChange(change: (indicator: IndicatorForm) => IndicatorForm): void;
  onMove(to: number): void;
  onMoveToGroup(group: number): void;
  onRemove(): void;
}

/** One indicator: the sign a worker may notice, the question to ask, and guidance for it. */
export function IndicatorEditor(props: IndicatorEditorProps) {
  const { indicator, groupIndex, index, groups, idLocked, open } = props;
  const { t, i18n } = useTranslation('console-editors');
  const moveChoice = useState('');
  const path = `groups.${groupIndex}.indicators.${index}`;
  const group = groups[groupIndex] as GroupForm;
  const name = t('place.namedIndicator', {
    number: index + 1,
    title: textIn(indicator.text, i18n.language) || t('untitled'),
  });
  const groupName = (g: GroupForm, i: number) =>
    t('place.namedGroup', { number: i + 1, title: textIn(g.title, i18n.language) || t('untitled') });
  const extraLanguages = Object.keys(indicator.question).filter((language) => !['es', 'en'].includes(language));
  return (
    <ChildItem
      itemKey={indicator.key}
      path={path}
      name={name}
      index={index}
      count={group.indicators.length}
      open={open}
      onToggle={props.onToggle}
      onMove={props.onMove}
      onRemove={props.onRemove}
      focusAfterRemove={fieldDomId(`groups.${groupIndex}.indicators`)}
    >
      <IdField
        path={`${path}.id`}
        value={indicator.id}
        locked={idLocked}
        onChange={(id) => props.onChange((x) => ({ ...x, id }))}
      />
      <LocalizedTextField
        path={`${path}.text`}
        label={t('field.text')}
        hint={t('checklist.textHint')}
        multiline
        value={indicator.text}
        onChange={(text) => props.onChange((x) => ({ ...x, text }))}
      />
      <LocalizedTextField
        path={`${path}.question`}
        label={t('field.question')}
        hint={
          extraLanguages.length > 0
            ? t('checklist.questionKeeps', {
                languages: extraLanguages
                  .map((code) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code)
                  .join(', '),
              })
            : t('route.optional')
        }
        multiline
        value={indicator.question}
        onChange={(question) => props.onChange((x) => ({ ...x, question }))}
      />
      <LocalizedTextField
        path={`${path}.guidance`}
        label={t('field.guidance')}
        hint={t('route.optional')}
        multiline
        value={indicator.guidance}
        onChange={(guidance) => props.onChange((x) => ({ ...x, guidance }))}
      />
      <MoveToParent
        itemKey={indicator.key}
        itemName={name}
        parents={groups}
        parentIndex={groupIndex}
        parentName={groupName}
        label={t('checklist.moveToGroup')}
        choose={t('checklist.chooseGroup')}
        choice={moveChoice}
        onMove={props.onMoveToGroup}
      />
    </ChildItem>
  );
}
