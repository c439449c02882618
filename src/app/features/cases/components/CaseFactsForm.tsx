import { useTranslation } from 'react-i18next';
import { type CaseAnswers, FACT_ANSWERS, type FactAnswer } from '../../../../core/case/model';

type FactKey = Exclude<keyof CaseAnswers, 'incidentAt'>;

/** The decision points of PRODUCT.md, in the order a worker learns them. */
const DECISION_POINTS: readonly FactKey[] = [
  'immediateDanger',
  'child',
  'sexualViolence',
  'foreignNational',
  'lgbtiq',
  'disability',
  'consent',
  'wishesToReport',
];

/** `<input type="datetime-local">` speaks the device's local time without a zone. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface Props {
  answers: CaseAnswers;
  onChange: (answers: CaseAnswers) => void;
}

/** One question per decision point: yes, no, or not known — "not known" takes the safe branch. */
export function CaseFactsForm({ answers, onChange }: Props) {
  const { t } = useTranslation('cases');
  const answer = (key: FactKey, value: FactAnswer) =>
    onChange({
      ...answers,
      [key]: value,
      ...(key === 'sexualViolence' && value !== 'yes' ? { incidentAt: null } : {}),
    });

  return (
    <div className="case-facts">
      {DECISION_POINTS.map((key) => (
        <fieldset key={key} className="fact">
          <legend>{t(`facts.${key}.question`)}</legend>
          <p className="hint" id={`fact-hint-${key}`}>
            {t(`facts.${key}.hint`)}
          </p>
          <div className="choices fact-choices">
            {FACT_ANSWERS.map((value) => (
              <label key={value} className="toggle">
                <input
                  type="radio"
                  name={`fact-${key}`}
                  value={value}
                  checked={answers[key] === value}
                  onChange={() => answer(key, value)}
                  aria-describedby={`fact-hint-${key}`}
                />
                {t(`answer.${value}`)}
              </label>
            ))}
          </div>
          {key === 'sexualViolence' && answers.sexualViolence === 'yes' && (
            <IncidentTime
              incidentAt={answers.incidentAt}
              onChange={(incidentAt) => onChange({ ...answers, incidentAt })}
            />
          )}
        </fieldset>
      ))}
    </div>
  );
}

function IncidentTime({ incidentAt, onChange }: { incidentAt: string | null; onChange: (at: string | null) => void }) {
  const { t } = useTranslation('cases');
  const max = toLocalInput(new Date().toISOString());
  return (
    <div className="incident-time">
      <label htmlFor="incident-at">{t('facts.incidentAt.label')}</label>
      <input
        id="incident-at"
        type="datetime-local"
        max={max}
        value={incidentAt ? toLocalInput(incidentAt) : ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          const at = value ? new Date(value) : null;
          onChange(at && !Number.isNaN(at.getTime()) ? at.toISOString() : null);
        }}
        aria-describedby="incident-at-hint"
      />
      <p className="hint" id="incident-at-hint">
        {t('facts.incidentAt.hint')}
      </p>
      {incidentAt && (
        <button type="button" className="action" onClick={() => onChange(null)}>
          {t('facts.incidentAt.unknown')}
        </button>
      )}
    </div>
  );
}
