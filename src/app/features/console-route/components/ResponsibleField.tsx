import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../../components/editor/EditorContext';
import { FieldIssues } from '../../../components/editor/FieldIssues';
import { fieldDomId } from '../../../components/editor/issues';
import { textIn } from '../../../console/text';
import type { ProviderChoice } from '../model/route-rules';

interface ResponsibleFieldProps {
  /** Path of the step, e.g. `stages.0.steps.2`. */
  path: string;
  value: string[];
  providers: readonly ProviderChoice[];
  onChange(responsible: string[]): void;
}

/** The institutions responsible for a step, chosen by name among the draft's providers. */
export function ResponsibleField({ path, value, providers, onChange }: ResponsibleFieldProps) {
  const { t, i18n } = useTranslation('console-editors');
  const { issuesAt, announce, readOnly } = useEditor();
  const [choice, setChoice] = useState('');
  const selectId = useId();
  const id = fieldDomId(`${path}.responsible`);
  const nameOf = (providerId: string) => {
    const provider = providers.find((p) => p.id === providerId);
    return provider ? textIn(provider.name, i18n.language) || providerId : t('responsible.unknown', { id: providerId });
  };
  const available = providers
    .filter((provider) => !provider.archived && !value.includes(provider.id))
    .map((provider) => ({ id: provider.id, name: textIn(provider.name, i18n.language) || provider.id }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const add = () => {
    if (!choice) return;
    onChange([...value, choice]);
    announce(t('responsible.added', { name: nameOf(choice) }));
    setChoice('');
  };
  return (
    <fieldset id={id} className="responsible-field">
      <legend>{t('field.responsible')}</legend>
      <FieldIssues id={`${id}-error`} issues={issuesAt(`${path}.responsible`)} />
      {value.length === 0 ? (
        <p className="field-hint">{t('responsible.none')}</p>
      ) : (
        <ul className="chosen-list">
          {value.map((providerId, i) => {
            const issues = issuesAt(`${path}.responsible.${i}`);
            return (
              <li key={providerId} id={fieldDomId(`${path}.responsible.${i}`)}>
                <span>{nameOf(providerId)}</span>
                {!readOnly && (
                  <button
                    type="button"
                    className="action action-remove"
                    aria-label={t('controls.removeNamed', { item: nameOf(providerId) })}
                    aria-describedby={issues.length > 0 ? `${id}-${i}-error` : undefined}
                    onClick={() => {
                      onChange(value.filter((_, j) => j !== i));
                      announce(t('controls.removed', { item: nameOf(providerId) }));
                    }}
                  >
                    {t('controls.remove')}
                  </button>
                )}
                <FieldIssues id={`${id}-${i}-error`} issues={issues} />
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && (
        <div className="add-row">
          <div className="field">
            <label htmlFor={selectId}>{t('responsible.add')}</label>
            <select id={selectId} value={choice} onChange={(event) => setChoice(event.target.value)}>
              <option value="">{available.length > 0 ? t('responsible.choose') : t('responsible.noneLeft')}</option>
              {available.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="action" disabled={!choice} onClick={add}>
            {t('responsible.addButton')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
