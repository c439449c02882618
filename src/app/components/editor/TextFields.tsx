import { useTranslation } from 'react-i18next';
import { CONTENT_LANGUAGES } from '../../../core/handbook/schema';
import { useEditor } from './EditorContext';
import { describedBy, FieldIssues } from './FieldIssues';
import { fieldDomId } from './issues';
import type { TextValue } from './text-form';

interface LocalizedTextFieldProps {
  /** Path of the text in the record, e.g. `stages.0.title`. */
  path: string;
  label: string;
  value: TextValue;
  onChange(value: TextValue): void;
  multiline?: boolean;
  hint?: string;
}

/**
 * A content text in Spanish and English, side by side. Each input is named by the field and
 * its language; a language left empty while the other is written is marked as a missing
 * translation right there, as well as in the editor's list.
 */
export function LocalizedTextField({ path, label, value, onChange, multiline, hint }: LocalizedTextFieldProps) {
  const { t } = useTranslation('console-editors');
  const { issuesAt, readOnly } = useEditor();
  const legendId = `${fieldDomId(path)}-legend`;
  const hintId = hint ? `${fieldDomId(path)}-hint` : undefined;
  const whole = issuesAt(path);
  const written = CONTENT_LANGUAGES.filter((language) => (value[language] ?? '').trim() !== '');
  return (
    <fieldset className="localized-field">
      <legend id={legendId}>{label}</legend>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldIssues id={`${fieldDomId(path)}-error`} issues={whole} />
      <div className="field-pair">
        {CONTENT_LANGUAGES.map((language) => {
          const id = fieldDomId(`${path}.${language}`);
          const issues = issuesAt(`${path}.${language}`);
          const untranslated = written.length > 0 && !written.includes(language);
          const Control = multiline ? 'textarea' : 'input';
          return (
            <div className="field" key={language}>
              <label id={`${id}-label`} htmlFor={id}>
                {t(`language.${language}`)}
              </label>
              <Control
                id={id}
                lang={language}
                {...(multiline ? { rows: 4 } : { type: 'text' })}
                value={value[language] ?? ''}
                readOnly={readOnly}
                aria-labelledby={`${legendId} ${id}-label`}
                aria-invalid={issues.length > 0 || whole.length > 0 || undefined}
                aria-describedby={describedBy(
                  hintId,
                  issues.length > 0 && `${id}-error`,
                  untranslated && `${id}-missing`,
                )}
                onChange={(event) => onChange({ ...value, [language]: event.target.value })}
              />
              <FieldIssues id={`${id}-error`} issues={issues} />
              {untranslated && (
                <p id={`${id}-missing`} className="field-hint translation-missing">
                  {t('translations.missingHere')}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface IdFieldProps {
  path: string;
  value: string;
  onChange(value: string): void;
  /** Saved elements keep their id: phones and referrals already point at it. */
  locked: boolean;
}

/** The identifier of a record or of an element of it (lower-case letters, digits and hyphens). */
export function IdField({ path, value, onChange, locked }: IdFieldProps) {
  const { t } = useTranslation('console-editors');
  const { issuesAt, readOnly } = useEditor();
  const id = fieldDomId(path);
  const issues = issuesAt(path);
  return (
    <div className="field id-field">
      <label htmlFor={id}>{t('id.label')}</label>
      <input
        id={id}
        type="text"
        value={value}
        readOnly={locked || readOnly}
        spellCheck={false}
        autoCapitalize="none"
        aria-invalid={issues.length > 0 || undefined}
        aria-describedby={describedBy(`${id}-hint`, issues.length > 0 && `${id}-error`)}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-hint`} className="field-hint">
        {locked || readOnly ? t('id.locked') : t('id.hint')}
      </p>
      <FieldIssues id={`${id}-error`} issues={issues} />
    </div>
  );
}
