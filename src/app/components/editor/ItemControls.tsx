import { useTranslation } from 'react-i18next';
import { useEditor } from './EditorContext';

interface ItemControlsProps {
  /** Stable React key of the item: the buttons keep their ids when the item moves. */
  itemKey: string;
  /** How the item is called in button names and announcements ("Step 3: Call 911"). */
  name: string;
  index: number;
  count: number;
  onMove(to: number): void;
  onRemove?(): void;
  /** Where the focus goes after removing (the item's buttons are gone). */
  focusAfterRemove?: string;
}

/** After React moved the item, the focus returns to the same button, or its twin when that one is now disabled. */
function focusLater(id: string, fallback: string) {
  setTimeout(() => {
    const button = document.getElementById(id) as HTMLButtonElement | null;
    const target = button && !button.disabled ? button : document.getElementById(fallback);
    target?.focus();
  }, 0);
}

/** Move up, move down and remove: reordering with buttons, for keyboards, switches and screen readers. */
export function ItemControls({ itemKey, name, index, count, onMove, onRemove, focusAfterRemove }: ItemControlsProps) {
  const { t } = useTranslation('console-editors');
  const { announce, readOnly } = useEditor();
  const up = `${itemKey}-up`;
  const down = `${itemKey}-down`;
  const move = (to: number, keep: string, other: string) => {
    onMove(to);
    announce(t('controls.moved', { item: name, position: to + 1, count }));
    focusLater(keep, other);
  };
  if (readOnly) return null;
  return (
    <div className="item-controls">
      <button
        id={up}
        type="button"
        className="action"
        disabled={index === 0}
        aria-label={t('controls.moveUpNamed', { item: name })}
        onClick={() => move(index - 1, up, down)}
      >
        {t('controls.moveUp')}
      </button>
      <button
        id={down}
        type="button"
        className="action"
        disabled={index === count - 1}
        aria-label={t('controls.moveDownNamed', { item: name })}
        onClick={() => move(index + 1, down, up)}
      >
        {t('controls.moveDown')}
      </button>
      {onRemove && (
        <button
          type="button"
          className="action action-remove"
          aria-label={t('controls.removeNamed', { item: name })}
          onClick={() => {
            onRemove();
            announce(t('controls.removed', { item: name }));
            if (focusAfterRemove) setTimeout(() => document.getElementById(focusAfterRemove)?.focus(), 0);
          }}
        >
          {t('controls.remove')}
        </button>
      )}
    </div>
  );
}
