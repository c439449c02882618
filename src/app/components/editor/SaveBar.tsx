import { useTranslation } from 'react-i18next';
import type { SavePhase } from './useRecordEditor';

interface SaveBarProps {
  phase: SavePhase;
  dirty: boolean;
  onDiscard(): void;
}

/** Save and discard, with what state the record is in; it stays in view at the bottom of long forms. */
export function SaveBar({ phase, dirty, onDiscard }: SaveBarProps) {
  const { t } = useTranslation('console-editors');
  const status =
    phase === 'saving' ? t('save.saving') : phase === 'saved' ? t('save.saved') : dirty ? t('save.unsaved') : '';
  return (
    <div className="save-bar">
      <button type="submit" className="action action-primary" disabled={phase === 'saving'}>
        {t('save.save')}
      </button>
      {dirty && phase !== 'saving' && (
        <button type="button" className="action" onClick={onDiscard}>
          {t('save.discard')}
        </button>
      )}
      <p className={phase === 'saved' ? 'console-saved' : 'save-status'} role="status">
        {status}
      </p>
    </div>
  );
}
