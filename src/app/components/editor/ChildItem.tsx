import { type Dispatch, type ReactNode, type SetStateAction, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from './EditorContext';
import { focusSoon } from './focus';
import { ItemControls } from './ItemControls';
import { fieldDomId } from './issues';

interface ChildItemProps {
  itemKey: string;
  /** The child's field path (`stages.0.steps.2`): it opens by itself when a problem is inside. */
  path: string;
  name: string;
  index: number;
  count: number;
  open: boolean;
  onToggle(): void;
  onMove(to: number): void;
  onRemove(): void;
  /** Where the focus goes after removing: the heading of the parent's list. */
  focusAfterRemove: string;
  /** What the closed item says besides its name (when a step applies, who is responsible). */
  facts?: ReactNode;
  /** The child's fields, rendered only while it is open. */
  children: ReactNode;
}

/** A child of a two-level list (a step, an indicator): its name as a disclosure button, reordering, and its fields when open. */
export function ChildItem(props: ChildItemProps) {
  const { itemKey, path, name } = props;
  const { hasIssuesWithin } = useEditor();
  const bodyId = `${itemKey}-body`;
  const expanded = props.open || hasIssuesWithin(path);
  return (
    <li className="editor-item editor-step" id={fieldDomId(path)}>
      <div className="editor-item-header">
        <h4>
          <button
            id={`${itemKey}-toggle`}
            type="button"
            className="disclosure"
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={props.onToggle}
          >
            {name}
          </button>
        </h4>
        {props.facts}
        <ItemControls
          itemKey={itemKey}
          name={name}
          index={props.index}
          count={props.count}
          onMove={props.onMove}
          onRemove={props.onRemove}
          focusAfterRemove={props.focusAfterRemove}
        />
      </div>
      <div id={bodyId} hidden={!expanded}>
        {expanded && props.children}
      </div>
    </li>
  );
}

interface MoveToParentProps<P extends { key: string }> {
  /** The child's React key: the focus returns to its disclosure button after the move. */
  itemKey: string;
  itemName: string;
  parents: readonly P[];
  parentIndex: number;
  parentName(parent: P, index: number): string;
  label: string;
  choose: string;
  /** The chosen parent, kept by the child's editor so that it survives closing the child. */
  choice: [string, Dispatch<SetStateAction<string>>];
  onMove(to: number): void;
}

/** Moving a child to the end of another parent with a select and a button, said to screen readers. */
export function MoveToParent<P extends { key: string }>(props: MoveToParentProps<P>) {
  const { parents, parentIndex, parentName } = props;
  const { t } = useTranslation('console-editors');
  const { readOnly, announce } = useEditor();
  const [target, setTarget] = props.choice;
  const selectId = useId();
  if (readOnly || parents.length <= 1) return null;
  return (
    <div className="add-row">
      <div className="field">
        <label htmlFor={selectId}>{props.label}</label>
        <select id={selectId} value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value="">{props.choose}</option>
          {parents.map((parent, i) =>
            i === parentIndex ? null : (
              <option key={parent.key} value={String(i)}>
                {parentName(parent, i)}
              </option>
            ),
          )}
        </select>
      </div>
      <button
        type="button"
        className="action"
        disabled={target === ''}
        onClick={() => {
          const to = Number(target);
          const destination = parents[to];
          if (!destination) return;
          props.onMove(to);
          announce(t('route.movedToStage', { item: props.itemName, stage: parentName(destination, to) }));
          setTarget('');
          focusSoon(`${props.itemKey}-toggle`);
        }}
      >
        {t('route.moveButton')}
      </button>
    </div>
  );
}
