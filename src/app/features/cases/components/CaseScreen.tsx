import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseAnswers, CaseFile } from '../../../../core/case/model';
import { saveCase } from '../../../cases/case-store';
import { useCaseFile } from '../../../cases/hooks';
import { useCaseRoute } from '../../../cases/useCaseRoute';
import { NotFound } from '../../../components/NotFound';
import { useLocalize } from '../../../components/useLocalize';
import { useMinuteClock } from '../../../components/useMinuteClock';
import { useWorkerPosition } from '../../../components/useWorkerPosition';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useVault } from '../../../protection/ProtectionProvider';
import { AdaptedStepItem } from './AdaptedStepItem';
import { CaseFactsForm } from './CaseFactsForm';
import { CaseNotes } from './CaseNotes';
import { DeadlineList } from './DeadlineList';
import { PersonLanguageField } from './PersonLanguageField';

export function CaseScreen() {
  const { caseId = '' } = useParams();
  const { jurisdiction } = useCurrentHandbook();
  const file = useCaseFile(caseId);
  const { t } = useTranslation('cases');
  if (file === undefined) return <p className="loading">{t('case.loading')}</p>;
  if (file === null || file.jurisdictionId !== jurisdiction.id) return <NotFound kind="page" />;
  return <CaseView key={file.id} saved={file} />;
}

/**
 * The case as the worker edits it: answers apply at once (the route below follows), and are
 * sealed in the background; the live copy from the vault only seeds this view.
 */
function CaseView({ saved }: { saved: CaseFile }) {
  const { t } = useTranslation('cases');
  const localize = useLocalize();
  const vault = useVault();
  const handbook = useCurrentHandbook();
  const [file, setFile] = useState(saved);
  const now = useMinuteClock();
  const [position, locate] = useWorkerPosition();
  const adapted =
    useCaseRoute(file, handbook, now, position.status === 'on' ? position.position : undefined)?.adapted ?? null;
  const providersById = useMemo(() => new Map(handbook.providers.map((p) => [p.id, p])), [handbook.providers]);
  const base = `/j/${handbook.jurisdiction.id}/cases/${file.id}`;

  const update = (changes: Partial<CaseFile>) => {
    const next = { ...file, ...changes };
    setFile(next);
    void saveCase(vault, next);
  };

  return (
    <article className="screen case" aria-labelledby="case-title">
      <p className="eyebrow">{localize(handbook.jurisdiction.name)}</p>
      <h1 id="case-title">{t('case.title', { code: file.caseCode })}</h1>
      <p className="hint">{t('case.anonymous')}</p>

      <section aria-labelledby="identification-title">
        <h2 id="identification-title">{t('case.identification')}</h2>
        <ScreeningLinks file={file} base={base} />
      </section>

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t('case.facts')}</h2>
        <p>{t('case.factsIntro')}</p>
        <CaseFactsForm answers={file.answers} onChange={(answers: CaseAnswers) => update({ answers })} />
        <PersonLanguageField value={file.personLanguage} onChange={(personLanguage) => update({ personLanguage })} />
      </section>

      <section aria-labelledby="route-title" className="adapted-route">
        <h2 id="route-title">{t('case.route')}</h2>
        {adapted === null ? (
          <p className="notice">{t('case.noRoute')}</p>
        ) : (
          <>
            {adapted.assumptions.length > 0 && (
              <ul className="assumptions">
                {adapted.assumptions.map((assumption) => (
                  <li key={assumption} className="notice">
                    {t(`assumption.${assumption}`)}
                  </li>
                ))}
              </ul>
            )}
            <DeadlineList deadlines={adapted.deadlines} now={now} />
            <div className="actions">
              <button type="button" className="action" onClick={locate} disabled={position.status === 'locating'}>
                {t(position.status === 'locating' ? 'case.locating' : 'case.nearMe')}
              </button>
            </div>
            {(position.status === 'denied' || position.status === 'unavailable') && (
              <p className="hint">{t(`case.location.${position.status}`)}</p>
            )}
            <ol className="steps adapted-steps">
              {adapted.steps.map((step) => (
                <AdaptedStepItem
                  key={step.stepId}
                  adapted={step}
                  providersById={providersById}
                  referBase={`${base}/refer`}
                  jurisdictionId={handbook.jurisdiction.id}
                />
              ))}
            </ol>
          </>
        )}
      </section>

      <CaseNotes notes={file.notes} onSave={(notes) => update({ notes })} />
      <p>
        <Link to={`/j/${handbook.jurisdiction.id}/referrals`}>{t('case.allReferrals')}</Link>
      </p>
    </article>
  );
}

function ScreeningLinks({ file, base }: { file: CaseFile; base: string }) {
  const { t } = useTranslation('cases');
  const localize = useLocalize();
  const { checklists } = useCurrentHandbook();
  return (
    <ul className="card-list screening-links">
      {checklists.map((checklist) => {
        const done = file.screenings.some((s) => s.checklistId === checklist.id && s.completedAt);
        const title = localize(checklist.title);
        return (
          <li key={checklist.id} className="screening-link">
            <p className="card-title">{title}</p>
            {done && <p className="card-meta">{t('case.screeningDone')}</p>}
            <div className="actions">
              <Link
                className="action"
                to={`${base}/screening/${checklist.id}`}
                aria-label={t('case.guidedNamed', { title })}
              >
                {t('case.guided')}
              </Link>
              <Link
                className="action"
                to={`${base}/screening/${checklist.id}/person`}
                aria-label={t('case.personModeNamed', { title })}
              >
                {t('case.personMode')}
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
