import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecord } from '../../../../core/console/protocol';
import type { NestedNaming } from '../../../components/editor/ConflictPanel';
import { FieldIssues } from '../../../components/editor/FieldIssues';
import { focusSoon } from '../../../components/editor/focus';
import { fieldDomId } from '../../../components/editor/issues';
import { RecordDetails, RecordEditorForm } from '../../../components/editor/RecordEditorForm';
import { moveItem, removeItem } from '../../../components/editor/reorder';
import { LocalizedTextField } from '../../../components/editor/TextFields';
import { TextListSection } from '../../../components/editor/TextListSection';
import { useOpenItems } from '../../../components/editor/useOpenItems';
import { useRecordEditor } from '../../../components/editor/useRecordEditor';
import type { RecordBody } from '../../../components/editor/versions';
import {
  CHECKLIST_SHAPE,
  type ChecklistForm,
  checklistBody,
  checklistForm,
  checklistStructure,
  emptyChecklist,
  type GroupForm,
  newGroup,
  newIndicator,
  savedChecklistIds,
} from '../model/checklist-form';
import { checklistIssues } from '../model/checklist-rules';
import { moveIndicatorToGroup } from '../model/move-indicator';
import { GroupEditor } from './GroupEditor';

const NAMING: NestedNaming = {
  shape: CHECKLIST_SHAPE,
  labels: { parents: 'title', children: 'text' },
  kinds: { parents: 'group', children: 'indicator' },
};

interface ChecklistEditorProps {
  jurisdictionId: string;
  /** The checklist as the draft holds it; null for a new one. */
  record: DraftRecord | null;
  /** Ids of the draft's other checklists: a new checklist cannot take one. */
  otherIds: readonly string[];
  canEdit: boolean;
  justSaved: boolean;
  onSaved(record: DraftRecord): void;
}

/** One identification checklist as a form, saved as one record. */
export function ChecklistEditor({
  jurisdictionId,
  record,
  otherIds,
  canEdit,
  justSaved,
  onSaved,
}: ChecklistEditorProps) {
  const { t } = useTranslation('console-editors');
  const prefixes = useMemo(
    () => ({ checklist: t('newIds.checklist'), group: t('newIds.group'), indicator: t('newIds.indicator') }),
    [t],
  );
  const fromBody = useCallback(
    (body: RecordBody): ChecklistForm =>
      Object.keys(body).length > 0 ? checklistForm(body) : emptyChecklist(prefixes),
    [prefixes],
  );
  const validate = useCallback((form: ChecklistForm) => checklistIssues(form, otherIds), [otherIds]);
  const editor = useRecordEditor({
    jurisdictionId,
    kind: 'checklists',
    record,
    fromBody,
    toBody: checklistBody,
    idOf: (form) => form.id.trim(),
    validate,
    structure: checklistStructure,
    shape: CHECKLIST_SHAPE,
    onSaved,
    justSaved,
  });
  const { form, update } = editor;
  const indicators = useOpenItems();
  const savedIds = useMemo(() => savedChecklistIds(editor.base?.body), [editor.base]);
  const body = useMemo(() => checklistBody(form), [form]);
  const readOnly = !canEdit;

  const setGroups = (change: (groups: GroupForm[]) => GroupForm[]) =>
    update((f) => ({ ...f, groups: change(f.groups) }));
  const addIndicator = (groupIndex: number) => {
    const indicator = newIndicator(form, prefixes.indicator);
    setGroups((groups) =>
      groups.map((g, i) => (i === groupIndex ? { ...g, indicators: [...g.indicators, indicator] } : g)),
    );
    indicators.openItem(indicator.key);
    const position = form.groups[groupIndex]?.indicators.length ?? 0;
    focusSoon(fieldDomId(`groups.${groupIndex}.indicators.${position}.id`));
  };
  const addGroup = () => {
    const group = newGroup(form, prefixes);
    setGroups((groups) => [...groups, group]);
    indicators.openItem(group.indicators[0]?.key ?? '');
    focusSoon(fieldDomId(`groups.${form.groups.length}.id`));
  };

  return (
    <RecordEditorForm editor={editor} naming={NAMING} body={body} readOnly={readOnly}>
      <RecordDetails headingId="checklist-details-title" heading={t('checklist.details')} editor={editor} />
      <TextListSection
        path="guidance"
        headingId="checklist-guidance-title"
        heading={t('checklist.guidance')}
        hint={t('checklist.guidanceHint')}
        addLabel={t('checklist.addGuidance')}
        itemName={(i) => t('place.guidance', { number: i + 1 })}
        items={form.guidance}
        onChange={(change) => update((f) => ({ ...f, guidance: change(f.guidance) }))}
        withListIssues
      />

      <section aria-labelledby="checklist-groups-title">
        <h2 id="checklist-groups-title" tabIndex={-1}>
          {t('checklist.groups')}
        </h2>
        <FieldIssues id={`${fieldDomId('groups')}-error`} issues={editor.shownIssues.get('groups') ?? []} />
        <ol className="editor-list">
          {form.groups.map((group, g) => (
            <GroupEditor
              key={group.key}
              group={group}
              index={g}
              groups={form.groups}
              savedIds={savedIds}
              openIndicators={indicators.open}
              onToggleIndicator={indicators.toggle}
              onChange={(change) => setGroups((groups) => groups.map((x, i) => (i === g ? change(x) : x)))}
              onMove={(to) => setGroups((groups) => moveItem(groups, g, to))}
              onRemove={() => setGroups((groups) => removeItem(groups, g))}
              onAddIndicator={() => addIndicator(g)}
              onMoveIndicatorToGroup={(indicator, to) =>
                setGroups((groups) => moveIndicatorToGroup(groups, { parent: g, index: indicator }, to))
              }
            />
          ))}
        </ol>
        {!readOnly && (
          <button type="button" className="action" onClick={addGroup}>
            {t('checklist.addGroup')}
          </button>
        )}
      </section>

      <section aria-labelledby="checklist-if-present-title">
        <h2 id="checklist-if-present-title">{t('checklist.ifPresentTitle')}</h2>
        <LocalizedTextField
          path="ifPresent"
          label={t('field.ifPresent')}
          hint={t('checklist.ifPresentHint')}
          multiline
          value={form.ifPresent}
          onChange={(ifPresent) => update((f) => ({ ...f, ifPresent }))}
        />
      </section>
    </RecordEditorForm>
  );
}
