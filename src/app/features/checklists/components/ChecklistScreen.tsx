import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../../components/NotFound';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { FieldStrings } from '../../../i18n/field-strings';

const START_STRINGS = ['identification'] as const;

/** Opens a new anonymous case (cases/new, behind the PIN) that goes straight to this checklist's guided identification. */
function StartGuidedIdentification({ jurisdictionId, checklistId }: { jurisdictionId: string; checklistId: string }) {
  const { t } = useTranslation();
  return (
    <div className="start-identification">
      <p className="actions">
        <Link className="action action-primary" to={`/j/${jurisdictionId}/cases/new?checklist=${checklistId}`}>
          {t('identification:start.button')}
        </Link>
      </p>
      <p className="hint">{t('identification:start.hint')}</p>
    </div>
  );
}

/** An identification checklist: possible signs that call for a referral, never a verdict. */
export function ChecklistScreen() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const { checklistId } = useParams();
  const { jurisdiction, checklists } = useCurrentHandbook();
  const checklist = checklists.find((c) => c.id === checklistId);
  if (!checklist) return <NotFound kind="checklist" jurisdictionId={jurisdiction.id} />;

  return (
    <article className="screen" aria-labelledby="checklist-title">
      <p className="eyebrow">{localize(jurisdiction.name)}</p>
      <h1 id="checklist-title">{localize(checklist.title)}</h1>
      <p>{localize(checklist.summary)}</p>
      <FieldStrings namespaces={START_STRINGS}>
        <StartGuidedIdentification jurisdictionId={jurisdiction.id} checklistId={checklist.id} />
      </FieldStrings>
      <aside className="guidance" aria-labelledby="guidance-title">
        <h2 id="guidance-title">{t('checklists.beforeYouAsk')}</h2>
        <ul>
          {checklist.guidance.map((guidance) => (
            <li key={guidance.es}>{localize(guidance)}</li>
          ))}
        </ul>
      </aside>
      <p className="notice">{t('checklists.notAVerdict')}</p>
      {checklist.groups.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} className="indicator-group">
          <h2 id={`group-${group.id}`}>
            <span className="eyebrow">{t(`checklists.relationship.${group.relationship}`)}</span>{' '}
            {localize(group.title)}
          </h2>
          <ul className="indicators">
            {group.indicators.map((indicator) => (
              <li key={indicator.id}>
                <p className="indicator-text">{localize(indicator.text)}</p>
                {indicator.question && (
                  <p className="indicator-question">
                    <span className="label">{t('checklists.youMayAsk')}</span> {localize(indicator.question)}
                  </p>
                )}
                {indicator.guidance && <p className="hint">{localize(indicator.guidance)}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <aside className="guidance" aria-labelledby="if-present-title">
        <h2 id="if-present-title">{t('checklists.ifPresent')}</h2>
        <p>{localize(checklist.ifPresent)}</p>
      </aside>
    </article>
  );
}
