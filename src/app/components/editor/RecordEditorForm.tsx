import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleProblem } from '../../console/ConsoleProblem';
import { CombinedNotice, ConflictPanel, type NestedNaming } from './ConflictPanel';
import { EditorProvider } from './EditorContext';
import { IssueSummary, MissingTranslations } from './IssueSummary';
import { missingTranslations } from './issues';
import { SaveBar } from './SaveBar';
import { IdField, LocalizedTextField } from './TextFields';
import type { TextValue } from './text-form';
import type { RecordEditor } from './useRecordEditor';
import type { RecordBody } from './versions';

interface RecordEditorFormProps<F> {
  editor: RecordEditor<F>;
  naming: NestedNaming;
  /** The form as the record it saves: what a conflict is compared with and translations are checked in. */
  body: RecordBody;
  readOnly: boolean;
  children: ReactNode;
}

/**
 * The frame every record editor shares: a conflict or a problem first, then what blocks saving
 * and what is untranslated, the record's own sections, and the save bar for those who can edit.
 */
export function RecordEditorForm<F>({ editor, naming, body, readOnly, children }: RecordEditorFormProps<F>) {
  const missing = useMemo(() => missingTranslations(body), [body]);
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
            naming={naming}
            onTakeTheirs={editor.takeTheirs}
            onApplyMine={editor.applyMineOnTheirs}
          />
        )}
        {editor.combinedWith && <CombinedNotice theirs={editor.combinedWith} mine={body} naming={naming} />}
        {editor.problem && <ConsoleProblem error={editor.problem} />}
        <IssueSummary issues={[...editor.shownIssues.values()].flat()} attempt={editor.refusedAttempts} />
        <MissingTranslations missing={missing} />
        {children}
        {!readOnly && <SaveBar phase={editor.phase} dirty={editor.dirty} onDiscard={editor.discard} />}
      </form>
    </EditorProvider>
  );
}

interface DetailsForm {
  id: string;
  title: TextValue;
  summary: TextValue;
}

/** The id, title and summary a route and a checklist both start with; the id locks once saved. */
export function RecordDetails<F extends DetailsForm>({
  headingId,
  heading,
  editor,
}: {
  headingId: string;
  heading: string;
  editor: RecordEditor<F>;
}) {
  const { t } = useTranslation('console-editors');
  const { form, update } = editor;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
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
  );
}
