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

const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

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
  const [openIndicators, setOpenIndicators] = useState<ReadonlySet<string>>(new Set());
  const savedIds = useMemo(() => savedChecklistIds(editor.base?.body), [editor.base]);
  const body = useMemo(() => checklistBody(form), [form]);
  const missing = useMemo(() => missingTranslations(body), [body]);
  const readOnly = !canEdit;

  const toggleIndicator = (key: string) =>
    setOpenIndicators((open) => {
      const next = new Set(open);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const setGroups = (change: (groups: GroupForm[]) => GroupForm[]) =>
    update((f) => ({ ...f, groups: change(f.groups) }));
  const addIndicator = (groupIndex: number) => {
    const indicator = newIndicator(form, prefixes.indicator);
    setGroups((groups) =>
      groups.map((g, i) => (i === groupIndex ? { ...g, indicators: [...g.indicators, indicator] } : g)),
    );
    setOpenIndicators((open) => new Set(open).add(indicator.key));
    const position = form.groups[groupIndex]?.indicators.length ?? 0;
    focusSoon(fieldDomId(`groups.${groupIndex}.indicators.${position}.id`));
  };
  const addGroup = () => {
    const group = newGroup(form, prefixes);
    setGroups((groups) => [...groups, group]);
    setOpenIndicators((open) => new Set(open).add(group.indicators[0]?.key ?? ''));
    focusSoon(fieldDomId(`groups.${form.groups.length}.id`));
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
        <IssueSummary issues={[...editor.shownIssues.values()].flat()} attempt={editor.refusedAttempts} />
        <MissingTranslations missing={missing} />

        <section aria-labelledby="checklist-details-title">
          <h2 id="checklist-details-title">{t('checklist.details')}</h2>
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

        <section aria-labelledby="checklist-guidance-title">
          <h2 id="checklist-guidance-title" tabIndex={-1}>
            {t('checklist.guidance')}
          </h2>
          <p className="field-hint">{t('checklist.guidanceHint')}</p>
          <FieldIssues id={`${fieldDomId('guidance')}-error`} issues={editor.shownIssues.get('guidance') ?? []} />
          <ol className="editor-list">
            {form.guidance.map((item, i) => {
              const name = t('place.guidance', { number: i + 1 });
              return (
                <li key={item.key} className="editor-item">
                  <LocalizedTextField
                    path={`guidance.${i}`}
                    label={name}
                    multiline
                    value={item.text}
                    onChange={(text) =>
                      update((f) => ({ ...f, guidance: f.guidance.map((g, j) => (j === i ? { ...g, text } : g)) }))
                    }
                  />
                  <ItemControls
                    itemKey={item.key}
                    name={name}
                    index={i}
                    count={form.guidance.length}
                    onMove={(to) => update((f) => ({ ...f, guidance: moveItem(f.guidance, i, to) }))}
                    onRemove={() => update((f) => ({ ...f, guidance: removeItem(f.guidance, i) }))}
                    focusAfterRemove="checklist-guidance-title"
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
                update((f) => ({ ...f, guidance: [...f.guidance, { key: newKey(), text: textFrom(undefined) }] }));
                focusSoon(fieldDomId(`guidance.${form.guidance.length}.es`));
              }}
            >
              {t('checklist.addGuidance')}
            </button>
          )}
        </section>

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
                openIndicators={openIndicators as Set<string>}
                onToggleIndicator={toggleIndicator}
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
        {!readOnly && <SaveBar phase={editor.phase} dirty={editor.dirty} onDiscard={editor.discard} />}
      </form>
    </EditorProvider>
  );
}
