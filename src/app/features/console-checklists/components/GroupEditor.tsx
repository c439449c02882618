import { useTranslation } from 'react-i18next';
import { Checklist } from '../../../../core/handbook/schema';
import { ChoiceField } from '../../../components/editor/ChoiceField';
import { useEditor } from '../../../components/editor/EditorContext';
import { FieldIssues } from '../../../components/editor/FieldIssues';
import { ItemControls } from '../../../components/editor/ItemControls';
import { fieldDomId } from '../../../components/editor/issues';
import { moveItem, removeItem } from '../../../components/editor/reorder';
import { IdField, LocalizedTextField } from '../../../components/editor/TextFields';
import { textIn } from '../../../console/text';
import type { GroupForm, IndicatorForm } from '../model/checklist-form';
import { IndicatorEditor } from './IndicatorEditor';

const RELATIONSHIPS = Checklist.shape.groups.element.shape.relationship.options;

interface GroupEditorProps {
  group: GroupForm;
  index: number;
  groups: GroupForm[];
  savedIds: Set<string>;
  openIndicators: Set<string>;
  onToggleIndicator(key: string): void;
  onChange(change: (group: GroupForm) => GroupForm): void;
  onMove(to: number): void;
  onRemove(): void;
  onAddIndicator(): void;
  onMoveIndicatorToGroup(indicator: number, group: number): void;
}

/** A group of indicators, under the question it answers (a relationship of control, of exploitation…). */
export function GroupEditor(props: GroupEditorProps) {
  const { group, index, groups, savedIds } = props;
  const { t, i18n } = useTranslation('console-editors');
  const { issuesAt, readOnly } = useEditor();
  const path = `groups.${index}`;
  const name = t('place.namedGroup', { number: index + 1, title: textIn(group.title, i18n.language) || t('untitled') });
  const setIndicator = (position: number, change: (indicator: IndicatorForm) => IndicatorForm) =>
    props.onChange((g) => ({ ...g, indicators: g.indicators.map((x, i) => (i === position ? change(x) : x)) }));
  return (
    <li className="editor-item editor-stage" aria-labelledby={`${group.key}-heading`}>
      <div className="editor-item-header">
        <h3 id={`${group.key}-heading`}>{name}</h3>
        <ItemControls
          itemKey={group.key}
          name={name}
          index={index}
          count={groups.length}
          onMove={props.onMove}
          onRemove={groups.length > 1 ? props.onRemove : undefined}
          focusAfterRemove="checklist-groups-title"
        />
      </div>
      <IdField
        path={`${path}.id`}
        value={group.id}
        locked={savedIds.has(`group:${group.id}`)}
        onChange={(id) => props.onChange((g) => ({ ...g, id }))}
      />
      <ChoiceField
        path={`${path}.relationship`}
        label={t('field.relationship')}
        value={group.relationship}
        options={RELATIONSHIPS}
        optionLabel={(relationship) => t(`relationship.${relationship}`)}
        onChange={(relationship) => props.onChange((g) => ({ ...g, relationship }))}
      />
      <LocalizedTextField
        path={`${path}.title`}
        label={t('field.title')}
        value={group.title}
        onChange={(title) => props.onChange((g) => ({ ...g, title }))}
      />
      <h4 id={fieldDomId(`${path}.indicators`)} tabIndex={-1} className="steps-title">
        {t('checklist.indicatorsOf', { count: group.indicators.length })}
      </h4>
      <FieldIssues id={`${fieldDomId(`${path}.indicators`)}-error`} issues={issuesAt(`${path}.indicators`)} />
      <ol className="editor-list">
        {group.indicators.map((indicator, position) => (
          <IndicatorEditor
            key={indicator.key}
            indicator={indicator}
            groupIndex={index}
            index={position}
            groups={groups}
            idLocked={savedIds.has(`indicator:${indicator.id}`)}
            open={props.openIndicators.has(indicator.key)}
            onToggle={() => props.onToggleIndicator(indicator.key)}
            onChange={(change) => setIndicator(position, change)}
            onMove={(to) => props.onChange((g) => ({ ...g, indicators: moveItem(g.indicators, position, to) }))}
            onMoveToGroup={(to) => props.onMoveIndicatorToGroup(position, to)}
            onRemove={() => props.onChange((g) => ({ ...g, indicators: removeItem(g.indicators, position) }))}
          />
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="action" onClick={props.onAddIndicator}>
          {t('checklist.addIndicator', { group: name })}
        </button>
      )}
    </li>
  );
}
