import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Notes a worker chooses to keep: sealed with the case, never on a referral slip, never sent. */
export function CaseNotes({ notes, onSave }: { notes: string; onSave: (notes: string) => void }) {
  const { t } = useTranslation('cases');
  const [draft, setDraft] = useState(notes);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="notes-title" className="case-notes">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <label htmlFor="case-notes">{t('notes.label')}</label>
      <p className="hint" id="case-notes-hint">
        {t('notes.hint')}
      </p>
      <textarea
        id="case-notes"
        rows={4}
        value={draft}
        aria-describedby="case-notes-hint"
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          setSaved(false);
        }}
      />
      <div className="actions">
        <button
          type="button"
          className="action"
          onClick={() => {
            onSave(draft);
            setSaved(true);
          }}
        >
          {t('notes.save')}
        </button>
      </div>
      <p role="status" className="hint">
        {saved ? t('notes.saved') : ''}
      </p>
    </section>
  );
}
