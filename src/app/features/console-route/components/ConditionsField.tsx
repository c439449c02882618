import { useTranslation } from 'react-i18next';
import { CASE_FACTS } from '../../../../core/handbook/taxonomy';
import { useEditor } from '../../../components/editor/EditorContext';
import { describedBy, FieldIssues } from '../../../components/editor/FieldIssues';
import { fieldDomId } from '../../../components/editor/issues';
import { useConditionSummary } from './useConditionSummary';

interface ConditionsFieldProps {
  /** Path of the step, e.g. `stages.0.steps.2`. */
  path: string;
  all: string[];
  none: string[];
  onChange(conditions: { all: string[]; none: string[] }): void;
}

/** Which cases a step applies to: facts that must all hold, and facts that rule it out. */
export function ConditionsField({ path, all, none, onChange }: ConditionsFieldProps) {
  const { t } = useTranslation('console-editors');
  const { issuesAt, readOnly } = useEditor();
  const summary = useConditionSummary();
  const id = fieldDomId(`${path}.conditions`);
  const issues = issuesAt(`${path}.conditions`);
  const toggle = (list: string[], fact: string, on: boolean) =>
    on ? CASE_FACTS.filter((f) => f === fact || list.includes(f)) : list.filter((f) => f !== fact);
  const group = (which: 'all' | 'none', list: string[]) => (
    <fieldset className="condition-group">
      <legend>{t(`conditions.${which}`)}</legend>
      <div className="checkbox-grid">
        {CASE_FACTS.map((fact) => {
          const box = `${id}-${which}-${fact}`;
          return (
            <label key={fact} className="toggle" htmlFor={box}>
              <input
                id={box}
                type="checkbox"
                checked={list.includes(fact)}
                disabled={readOnly}
                aria-invalid={(all.includes(fact) && none.includes(fact)) || undefined}
                aria-describedby={describedBy(issues.length > 0 && `${id}-error`)}
                onChange={(event) =>
                  onChange(
                    which === 'all'
                      ? { all: toggle(all, fact, event.target.checked), none }
                      : { all, none: toggle(none, fact, event.target.checked) },
                  )
                }
              />
              {t(`caseFact.${fact}`)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
  return (
    <fieldset id={id} className="conditions-field" aria-describedby={`${id}-summary`}>
      <legend>{t('field.conditions')}</legend>
      <p id={`${id}-summary`} className="field-hint">
        {t('conditions.appliesTo', { summary: summary({ all, none }) })}
      </p>
      <FieldIssues id={`${id}-error`} issues={issues} />
      <div className="field-pair">
        {group('all', all)}
        {group('none', none)}
      </div>
    </fieldset>
  );
}
