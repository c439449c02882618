import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CaseFile, SCREENING_ANSWERS, type ScreeningAnswer } from '../../../../core/case/model';
import type { Checklist } from '../../../../core/handbook/schema';
import {
  answerQuestion,
  nextQuestion,
  questionAfter,
  questionBefore,
  type ScreeningAnswers,
  type ScreeningQuestion,
  screeningQuestions,
} from '../../../../core/screening/guided';
import { personLanguages } from '../../../../core/screening/person';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useCaseScreening } from '../hooks/useCaseScreening';
import { CaseChecklist } from './CaseChecklist';
import { ScreeningSummaryView } from './ScreeningSummaryView';
import './identification.css';

/** Where the worker is: the checklist's guidance, one question, or the summary. */
type Place = { kind: 'intro' } | { kind: 'question'; id: string } | { kind: 'summary' };

/** A new screening starts with the guidance; one already begun resumes at its first unanswered question. */
function startingPlace(checklist: Checklist, answers: ScreeningAnswers): Place {
  if (Object.keys(answers).length === 0) return { kind: 'intro' };
  return placeOf(nextQuestion(checklist, answers));
}

function placeOf(question: ScreeningQuestion | null): Place {
  return question ? { kind: 'question', id: question.indicator.id } : { kind: 'summary' };
}

/** Guided identification (`cases/:caseId/screening/:checklistId`): one indicator at a time, then a summary. */
export function GuidedScreeningScreen() {
  return (
    <CaseChecklist>
      {(file, checklist) => <GuidedScreening key={`${file.id}/${checklist.id}`} saved={file} checklist={checklist} />}
    </CaseChecklist>
  );
}

function GuidedScreening({ saved, checklist }: { saved: CaseFile; checklist: Checklist }) {
  const { t } = useTranslation('identification');
  const localize = useLocalize();
  const { jurisdiction } = useCurrentHandbook();
  const { screening, saveFailed, record } = useCaseScreening(saved, checklist);
  const [place, setPlace] = useState<Place>(() => startingPlace(checklist, screening.answers));
  const questions = useMemo(() => screeningQuestions(checklist), [checklist]);
  const caseBase = `/j/${jurisdiction.id}/cases/${saved.id}`;
  const heading = useRef<HTMLHeadingElement>(null);

  // Each new step's heading takes the focus, so that a screen reader announces the new question.
  useEffect(() => {
    if (place.kind !== 'intro') heading.current?.focus();
  }, [place]);

  const answer = (indicatorId: string, value: ScreeningAnswer) => {
    record(indicatorId, value);
    setPlace(placeOf(questionAfter(checklist, answerQuestion(screening.answers, indicatorId, value), indicatorId)));
  };
  const back = () => {
    const previous = questionBefore(checklist, place.kind === 'question' ? place.id : null);
    setPlace(previous ? placeOf(previous) : { kind: 'intro' });
  };

  const at = place.kind === 'question' ? questions.findIndex((q) => q.indicator.id === place.id) : -1;
  const current = questions[at];

  return (
    <article className="screen screening" aria-labelledby="screening-title">
      <p className="eyebrow">{t('guided.eyebrow', { code: saved.caseCode })}</p>
      <h1 id="screening-title">{localize(checklist.title)}</h1>
      {saveFailed && (
        <p className="notice" role="alert">
          {t('guided.saveFailed')}
        </p>
      )}

      {place.kind === 'intro' && (
        <>
          <p>{localize(checklist.summary)}</p>
          <aside className="guidance" aria-labelledby="before-title">
            <h2 id="before-title">{t('guided.beforeYouStart')}</h2>
            <ul>
              {checklist.guidance.map((guidance) => (
                <li key={guidance.es}>{localize(guidance)}</li>
              ))}
            </ul>
          </aside>
          <p className="notice">{t('guided.notAVerdict')}</p>
          <div className="actions">
            <button
              type="button"
              className="action action-primary"
              onClick={() => setPlace(placeOf(nextQuestion(checklist, screening.answers) ?? questions[0] ?? null))}
            >
              {t('guided.start')}
            </button>
            {personLanguages(checklist).length > 0 && (
              <Link className="action" to={`${caseBase}/screening/${checklist.id}/person`}>
                {t('guided.handOver')}
              </Link>
            )}
          </div>
        </>
      )}

      {current && (
        <section className="screening-question" aria-labelledby="indicator-text">
          <p className="screening-progress">{t('guided.progress', { current: at + 1, total: questions.length })}</p>
          <progress className="progress-bar" max={questions.length} value={at + 1} aria-hidden="true" />
          <p className="eyebrow">{localize(current.group.title)}</p>
          <h2 id="indicator-text" ref={heading} tabIndex={-1} className="indicator-text">
            {localize(current.indicator.text)}
          </h2>
          {current.indicator.question && (
            <p className="indicator-question">
              <span className="label">{t('guided.youMayAsk')}</span> {localize(current.indicator.question)}
            </p>
          )}
          {current.indicator.guidance && (
            <p className="guidance indicator-guidance">
              <strong>{t('guided.guidance')}</strong> {localize(current.indicator.guidance)}
            </p>
          )}
          <fieldset className="answer-buttons" aria-labelledby="indicator-text">
            {SCREENING_ANSWERS.map((value) => (
              <button
                key={value}
                type="button"
                className={`action answer answer-${value}`}
                aria-pressed={screening.answers[current.indicator.id] === value}
                onClick={() => answer(current.indicator.id, value)}
              >
                {t(`answer.${value}`)}
              </button>
            ))}
          </fieldset>
          <div className="actions">
            <button type="button" className="action" onClick={back}>
              {t('guided.back')}
            </button>
          </div>
        </section>
      )}

      {place.kind === 'summary' && (
        <ScreeningSummaryView
          checklist={checklist}
          answers={screening.answers}
          caseLink={caseBase}
          headingRef={heading}
          onChange={back}
        />
      )}
    </article>
  );
}
