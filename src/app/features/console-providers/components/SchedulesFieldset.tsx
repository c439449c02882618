import { useTranslation } from 'react-i18next';
import { FieldProblems, fieldId, TextField } from '../../../console/form';
import { type FieldIssue, issuesAt } from '../../../console/issues';
import { emptySchedule, type ScheduleRow, WEEKDAYS } from '../provider-form';
import { BilingualField } from './BilingualField';

interface Props {
  form: string;
  schedules: ScheduleRow[];
  onChange(schedules: ScheduleRow[]): void;
  issues: readonly FieldIssue[];
}

/** Opening hours: for each set of weekdays, when the provider opens and closes (local time of the jurisdiction). */
export function SchedulesFieldset({ form, schedules, onChange, issues }: Props) {
  const { t } = useTranslation('console');
  const update = (index: number, change: Partial<ScheduleRow>) =>
    onChange(schedules.map((schedule, i) => (i === index ? { ...schedule, ...change } : schedule)));

  return (
    <fieldset id={fieldId(form, 'schedules')}>
      <legend>{t('providers.field.schedules')}</legend>
      <p className="field-hint">{t('providers.schedule.hint')}</p>
      {schedules.length === 0 && <p>{t('providers.schedule.none')}</p>}
      {schedules.map((schedule, index) => {
        const rowId = fieldId(form, `schedules.${index}`);
        const daysId = fieldId(form, `schedules.${index}.byday`);
        const rowIssues = issuesAt(issues, `schedules.${index}`);
        const dayIssues = issuesAt(issues, `schedules.${index}.byday`);
        return (
          <fieldset
            key={schedule.key}
            id={rowId}
            aria-describedby={rowIssues.length > 0 ? `${rowId}-error` : undefined}
          >
            <legend>{t('providers.schedule.legend', { number: index + 1 })}</legend>
            <fieldset id={daysId} aria-describedby={dayIssues.length > 0 ? `${daysId}-error` : undefined}>
              <legend>{t('providers.field.byday')}</legend>
              <div className="checkbox-grid">
                {WEEKDAYS.map((day) => (
                  <label key={day} className="toggle">
                    <input
                      type="checkbox"
                      checked={schedule.byday.includes(day)}
                      onChange={(event) =>
                        update(index, {
                          byday: event.target.checked
                            ? [...schedule.byday, day]
                            : schedule.byday.filter((d) => d !== day),
                        })
                      }
                    />
                    <span>{t(`translation:weekday.${day}`)}</span>
                  </label>
                ))}
              </div>
              <FieldProblems id={daysId} issues={dayIssues} />
            </fieldset>
            <div className="field-pair">
              <TextField
                form={form}
                path={`schedules.${index}.opens_at`}
                inputMode="numeric"
                hint={t('providers.schedule.timeHint')}
                label={t('providers.field.opens')}
                value={schedule.opens}
                onChange={(opens) => update(index, { opens })}
                issues={issues}
              />
              <TextField
                form={form}
                path={`schedules.${index}.closes_at`}
                inputMode="numeric"
                hint={t('providers.schedule.timeHint')}
                label={t('providers.field.closes')}
                value={schedule.closes}
                onChange={(closes) => update(index, { closes })}
                issues={issues}
              />
            </div>
            <FieldProblems id={rowId} issues={rowIssues} />
            <BilingualField
              form={form}
              path={`schedules.${index}.description`}
              label={t('providers.field.scheduleDescription')}
              value={schedule.description}
              onChange={(description) => update(index, { description })}
              issues={issues}
            />
            <button
              type="button"
              className="action"
              onClick={() => onChange(schedules.filter((_, i) => i !== index))}
              aria-label={t('providers.schedule.removeNamed', { number: index + 1 })}
            >
              {t('providers.schedule.remove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="action" onClick={() => onChange([...schedules, emptySchedule()])}>
        {t('providers.schedule.add')}
      </button>
    </fieldset>
  );
}
