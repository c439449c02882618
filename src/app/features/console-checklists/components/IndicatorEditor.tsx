import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../../components/editor/EditorContext';
import { ItemControls } from '../../../components/editor/ItemControls';
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
  const { hasIssuesWithin, readOnly, announce } = useEditor();
  const [targetGroup, setTargetGroup] = useState('');
  const moveSelect = useId();
  const path = `groups.${groupIndex}.indicators.${index}`;
  const bodyId = `${indicator.key}-body`;
  const group = groups[groupIndex] as GroupForm;
  const name = t('place.namedIndicator', {
    number: index + 1,
    title: textIn(indicator.text, i18n.language) || t('untitled'),
  });
  const groupName = (g: GroupForm, i: number) =>
    t('place.namedGroup', { number: i + 1, title: textIn(g.title, i18n.language) || t('untitled') });
  const expanded = open || hasIssuesWithin(path);
  const extraLanguages = Object.keys(indicator.question).filter((language) => !['es', 'en'].includes(language));
  return (
    <li className="editor-item editor-step" id={fieldDomId(path)}>
      <div className="editor-item-header">
        <h4>
          <button
            id={`${indicator.key}-toggle`}
            type="button"
            className="disclosure"
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={props.onToggle}
          >
            {name}
          </button>
        </h4>
        <ItemControls
          itemKey={indicator.key}
          name={name}
          index={index}
          count={group.indicators.length}
          onMove={props.onMove}
          onRemove={props.onRemove}
          focusAfterRemove={fieldDomId(`groups.${groupIndex}.indicators`)}
        />
      </div>
      <div id={bodyId} hidden={!expanded}>
        {expanded && (
          <>
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
            {!readOnly && groups.length > 1 && (
              <div className="add-row">
                <div className="field">
                  <label htmlFor={moveSelect}>{t('checklist.moveToGroup')}</label>
                  <select id={moveSelect} value={targetGroup} onChange={(event) => setTargetGroup(event.target.value)}>
                    <option value="">{t('checklist.chooseGroup')}</option>
                    {groups.map((g, i) =>
                      i === groupIndex ? null : (
                        <option key={g.key} value={String(i)}>
                          {groupName(g, i)}
                        </option>
                      ),
                    )}
                  </select>
                </div>
                <button
                  type="button"
                  className="action"
                  disabled={targetGroup === ''}
                  onClick={() => {
                    const to = Number(targetGroup);
                    const target = groups[to];
                    if (!target) return;
                    props.onMoveToGroup(to);
                    announce(t('route.movedToStage', { item: name, stage: groupName(target, to) }));
                    setTargetGroup('');
                    setTimeout(() => document.getElementById(`${indicator.key}-toggle`)?.focus(), 0);
                  }}
                >
                  {t('route.moveButton')}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </li>
  );
}
