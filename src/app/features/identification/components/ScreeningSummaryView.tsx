import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Checklist } from '../../../../core/handbook/schema';
import type { ScreeningAnswers } from '../../../../core/screening/guided';
import { type SignsUnderHeading, summarise } from '../../../../core/screening/summary';
import { useLocalize } from '../../../components/useLocalize';

/**
 * What the screening found: the groups where signs were observed, under the headings workers
 * are taught (control, exploitation), signs worth a closer look apart, and whether to refer.
 * Never a score or a word about who the person is.
 */
export function ScreeningSummaryView({
  checklist,
  answers,
  caseLink,
  headingRef,
  onChange,
}: {
  checklist: Checklist;
  answers: ScreeningAnswers;
  caseLink: string;
  headingRef: Ref<HTMLHeadingElement>;
  onChange: () => void;
}) {
  const { t } = useTranslation('identification');
  const localize = useLocalize();
  const summary = summarise(checklist, answers);

  return (
    <section className="screening-summary" aria-labelledby="summary-title">
      <h2 id="summary-title" ref={headingRef} tabIndex={-1}>
        {t('summary.title')}
      </h2>
      <p className={summary.referralRecommended ? 'notice referral-recommended' : 'guidance'}>
        {t(summary.referralRecommended ? 'summary.refer' : 'summary.noSign')}
      </p>
      {summary.observed.length > 0 && (
        <SignsList id="observed" title={t('summary.observed')} headings={summary.observed} />
      )}
      {summary.closerLook.length > 0 && (
        <SignsList
          id="closer-look"
          title={t('summary.closerLook')}
          hint={t('summary.closerLookHint')}
          headings={summary.closerLook}
        />
      )}
      <p className="notice">{t('summary.notAVerdict')}</p>
      <aside className="guidance" aria-labelledby="if-present-title">
        <h3 id="if-present-title">{t('summary.ifPresent')}</h3>
        <p>{localize(checklist.ifPresent)}</p>
      </aside>
      <div className="actions">
        <Link className="action action-primary" to={caseLink}>
          {t('summary.toCase')}
        </Link>
        <button type="button" className="action" onClick={onChange}>
          {t('summary.change')}
        </button>
      </div>
    </section>
  );
}

function SignsList({
  id,
  title,
  hint,
  headings,
}: {
  id: string;
  title: string;
  hint?: string;
  headings: SignsUnderHeading[];
}) {
  const { t } = useTranslation('identification');
  const localize = useLocalize();
  return (
    <section aria-labelledby={`${id}-title`} className="signs">
      <h3 id={`${id}-title`}>{title}</h3>
      {hint && <p className="hint">{hint}</p>}
      {headings.map(({ relationship, groups }) => {
        const heading = t(`translation:checklists.relationship.${relationship}`);
        return (
          <div key={relationship} className="signs-heading">
            <h4>{heading}</h4>
            {groups.map(({ group, indicators }) => (
              <div key={group.id} className="signs-group">
                {/* Many checklists title their groups with the heading's own question: not said twice. */}
                {localize(group.title) !== heading && <p className="signs-group-title">{localize(group.title)}</p>}
                <ul>
                  {indicators.map((indicator) => (
                    <li key={indicator.id}>{localize(indicator.text)}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        );
      })}
    </section>
  );
}
