import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseFile } from '../../../../core/case/model';
import type { Checklist } from '../../../../core/handbook/schema';
import type { ScreeningAnswers } from '../../../../core/screening/guided';
import { personLanguages, personQuestions } from '../../../../core/screening/person';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { loadFieldStrings } from '../../../i18n/field-strings';
import { toAppLanguage } from '../../../i18n/resolve-language';
import { useCaseScreening } from '../hooks/useCaseScreening';
import { useLanguageNames } from '../hooks/useLanguageNames';
import { useStayInPersonMode } from '../hooks/useStayInPersonMode';
import { useVoice } from '../hooks/useVoice';
import { CaseChecklist } from './CaseChecklist';
import { PersonStage } from './PersonStage';
import './identification.css';

const PERSON_WORDS = ['identification'] as const;

/** The worker prepares the hand-over, the person answers, then the worker reads the answers. */
type Stage = { kind: 'prepare' } | { kind: 'person'; language: string } | { kind: 'review'; language: string };

/** Person-facing mode (`cases/:caseId/screening/:checklistId/person`): the phone handed over to the person. */
export function PersonModeScreen() {
  return (
    <CaseChecklist>
      {(file, checklist) => <PersonMode key={`${file.id}/${checklist.id}`} saved={file} checklist={checklist} />}
    </CaseChecklist>
  );
}

function PersonMode({ saved, checklist }: { saved: CaseFile; checklist: Checklist }) {
  const { t, i18n } = useTranslation('identification');
  const localize = useLocalize();
  const { jurisdiction } = useCurrentHandbook();
  const { screening, saveFailed, record } = useCaseScreening(saved, checklist);
  const [stage, setStage] = useState<Stage>({ kind: 'prepare' });
  const heading = useRef<HTMLHeadingElement>(null);
  const caseBase = `/j/${jurisdiction.id}/cases/${saved.id}`;
  const guided = `${caseBase}/screening/${checklist.id}`;
  useStayInPersonMode(stage.kind === 'person');

  useEffect(() => {
    if (stage.kind === 'review') heading.current?.focus();
  }, [stage.kind]);

  const handOver = async (language: string) => {
    // The words around the questions, in the person's language when the app has it.
    const app = toAppLanguage(language);
    if (app === language) await loadFieldStrings(app, PERSON_WORDS, i18n);
    setStage({ kind: 'person', language });
  };

  if (stage.kind === 'person') {
    const { language } = stage;
    return (
      <PersonStage
        checklist={checklist}
        language={language}
        answers={screening.answers}
        onAnswer={(indicatorId, answer) => record(indicatorId, answer, language)}
        onReturn={() => setStage({ kind: 'review', language })}
      />
    );
  }

  return (
    <article className="screen person-mode-worker" aria-labelledby="person-title">
      <p className="eyebrow">{localize(checklist.title)}</p>
      <h1 id="person-title" ref={heading} tabIndex={-1}>
        {t(stage.kind === 'review' ? 'person.answersTitle' : 'person.title')}
      </h1>
      {saveFailed && (
        <p className="notice" role="alert">
          {t('guided.saveFailed')}
        </p>
      )}
      {stage.kind === 'prepare' ? (
        <Prepare checklist={checklist} known={saved.personLanguage} guided={guided} onHandOver={handOver} />
      ) : (
        <>
          <PersonAnswers checklist={checklist} language={stage.language} answers={screening.answers} />
          <div className="actions">
            <Link className="action action-primary" to={guided}>
              {t('person.continue')}
            </Link>
            <Link className="action" to={caseBase}>
              {t('person.toCase')}
            </Link>
          </div>
        </>
      )}
    </article>
  );
}

/** Before handing over: the person's language, whether the phone can read it aloud, and how to take the phone back. */
function Prepare({
  checklist,
  known,
  guided,
  onHandOver,
}: {
  checklist: Checklist;
  known: string | undefined;
  guided: string;
  onHandOver: (language: string) => void;
}) {
  const { t } = useTranslation('identification');
  const names = useLanguageNames();
  const languages = useMemo(() => personLanguages(checklist), [checklist]);
  const [language, setLanguage] = useState(() => (known && languages.includes(known) ? known : undefined));
  const voice = useVoice(language);
  const name = language ? names(language).name : '';

  if (languages.length === 0) {
    return (
      <>
        <p className="notice">{t('person.noQuestions')}</p>
        <p className="actions">
          <Link className="action action-primary" to={guided}>
            {t('person.toGuided')}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <p>{t('person.intro')}</p>
      {known && !languages.includes(known) && (
        <p className="notice">{t('person.languageIncomplete', { language: names(known).name })}</p>
      )}
      <ChoiceGroup
        className="person-languages"
        optionClassName="choice language-choice"
        legend={t('person.languageLegend')}
        name="person-language"
        options={languages}
        chosen={language}
        onChoose={setLanguage}
        label={(code) => {
          const { name, own } = names(code);
          return (
            <>
              <span className="language-name">{name}</span>
              {own && (
                <span className="language-own" lang={code}>
                  {own}
                </span>
              )}
            </>
          );
        }}
      />
      <div aria-live="polite" className="person-voice">
        {language && (
          <p className={voice ? 'guidance' : 'notice'}>
            {voice === undefined
              ? t('person.voice.checking', { language: name })
              : t(voice ? 'person.voice.available' : 'person.voice.missing', { language: name })}
          </p>
        )}
        {language && toAppLanguage(language) !== language && (
          <p className="notice">{t('person.symbols', { language: name })}</p>
        )}
      </div>
      <p className="guidance">{t('person.returnHow')}</p>
      <div className="actions">
        <button
          type="button"
          className="action action-primary"
          disabled={!language}
          onClick={() => language && onHandOver(language)}
        >
          {t('person.handOver')}
        </button>
        <Link className="action" to={guided}>
          {t('person.toGuided')}
        </Link>
      </div>
    </>
  );
}

/** The person's answers, back in the worker's language: each indicator as the worker knows it. */
function PersonAnswers({
  checklist,
  language,
  answers,
}: {
  checklist: Checklist;
  language: string;
  answers: ScreeningAnswers;
}) {
  const { t } = useTranslation('identification');
  const localize = useLocalize();
  const names = useLanguageNames();
  return (
    <>
      <p>{t('person.answersIntro', { language: names(language).name })}</p>
      <ul className="person-review">
        {personQuestions(checklist).map(({ indicator }) => (
          <li key={indicator.id}>
            <p className="indicator-text">{localize(indicator.text)}</p>
            {indicator.question && (
              <p className="hint">
                <span className="label">{t('person.asked')}</span> {localize(indicator.question)}
              </p>
            )}
            <p className="person-given">
              <span className="label">{t('person.answer')}</span> {t(`person.given.${answers[indicator.id] ?? 'none'}`)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
