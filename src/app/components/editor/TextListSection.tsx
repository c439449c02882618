import { useEditor } from './EditorContext';
import { FieldIssues } from './FieldIssues';
import { focusSoon } from './focus';
import { ItemControls } from './ItemControls';
import { fieldDomId } from './issues';
import { moveItem, removeItem } from './reorder';
import { LocalizedTextField } from './TextFields';
import { newKey, type TextItem, textFrom } from './text-form';

interface TextListSectionProps {
  /** The record's field holding the list (`guidance`, `principles`). */
  path: string;
  headingId: string;
  heading: string;
  hint: string;
  addLabel: string;
  /** How the item at a position is called ("Principle 2"). */
  itemName(index: number): string;
  items: TextItem[];
  onChange(change: (items: TextItem[]) => TextItem[]): void;
  /** Whether problems of the list as a whole (too few items) are shown under its heading. */
  withListIssues?: boolean;
}

/** A section that is an ordered list of texts (a route's principles, a checklist's guidance), to add, edit, reorder and remove. */
export function TextListSection(props: TextListSectionProps) {
  const { path, headingId, items, onChange } = props;
  const { issuesAt, readOnly } = useEditor();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {props.heading}
      </h2>
      <p className="field-hint">{props.hint}</p>
      {props.withListIssues && <FieldIssues id={`${fieldDomId(path)}-error`} issues={issuesAt(path)} />}
      <ol className="editor-list">
        {items.map((item, i) => {
          const name = props.itemName(i);
          return (
            <li key={item.key} className="editor-item">
              <LocalizedTextField
                path={`${path}.${i}`}
                label={name}
                multiline
                value={item.text}
                onChange={(text) => onChange((list) => list.map((x, j) => (j === i ? { ...x, text } : x)))}
              />
              <ItemControls
                itemKey={item.key}
                name={name}
                index={i}
                count={items.length}
                onMove={(to) => onChange((list) => moveItem(list, i, to))}
                onRemove={() => onChange((list) => removeItem(list, i))}
                focusAfterRemove={headingId}
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
            onChange((list) => [...list, { key: newKey(), text: textFrom(undefined) }]);
            focusSoon(fieldDomId(`${path}.${items.length}.es`));
          }}
        >
          {props.addLabel}
        </button>
      )}
    </section>
  );
}
