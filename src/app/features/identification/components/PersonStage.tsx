import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ScreeningAnswer } from '../../../../core/case/model';
import type { Checklist } from '../../../../core/handbook/schema';
import {
  nextQuestion,
  questionBefore,
  questionFollowing,
  type ScreeningAnswers,
  screeningQuestions,
} from '../../../../core/screening/guided';
import { personChecklist } from '../../../../core/screening/person';
import { toAppLanguage } from '../../../i18n/resolve-language';
import { useProtection } from '../../../protection/ProtectionProvider';
import { speak, stopSpeaking, useVoice } from '../hooks/useVoice';
import { HoldToReturn } from './HoldToReturn';

/** What the person can answer: no "skip" (a person may simply say "I don't know"). */
const PERSON_ANSWERS = ['yes', 'no', 'not_sure'] as const satisfies readonly ScreeningAnswer[];

/**
 * The words around the questions (Yes, No, I don't know…) in the person's language when the app
 * has them (Spanish, English). For any other language the content brings only the questions:
 * those words then stay in the worker's language, marked as such, and the answer buttons carry
 * symbols (✓ ✗ ?, drawn by identification.css) that the worker explains before handing over.
 */
function usePersonWords(personLanguage: string) {
  const { i18n } = useTranslation('identification');
  const app = toAppLanguage(personLanguage);
  const language = app === personLanguage && i18n.hasResourceBundle(app, 'identification') ? app : i18n.language;
  return { t: i18n.getFixedT(language, 'identification'), lang: language, ownLanguage: language === personLanguage };
}

/** While the person holds the phone, nothing else of the app can be reached: the rest of the page is inert. */
function useOnlyThisOnScreen(layer: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const kept = layer.current;
    const silenced = [...document.body.children].filter(
      (element): element is HTMLElement => element instanceof HTMLElement && element !== kept && !element.inert,
    );
    for (const element of silenced) element.inert = true;
    return () => {
      for (const element of silenced) element.inert = false;
    };
  }, [layer]);
}

/** `<html lang>` follows what is on screen: the person's language while they hold the phone. */
function useDocumentLanguage(language: string) {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = language;
    return () => {
      document.documentElement.lang = i18n.language;
    };
  }, [language, i18n]);
}

/**
 * Quick exit stays within reach while the person holds the phone: it protects them as much as
 * the worker. In the worker's language, like every control of the app.
 */
function QuickExit() {
  const { t, i18n } = useTranslation();
  const { quickExit } = useProtection();
  return (
    <button type="button" className="quick-exit person-quick-exit" lang={i18n.language} onClick={quickExit}>
      {t('translation:app.quickExit')}
    </button>
  );
}

/**
 * The phone in the person's hands: one question at a time in their language, read aloud when the
 * device has a voice for it, three large answers. Only "Worker: return", held down, leaves.
 */
export function PersonStage({
  checklist,
  language,
  answers,
  onAnswer,
  onReturn,
}: {
  checklist: Checklist;
  language: string;
  answers: ScreeningAnswers;
  onAnswer: (indicatorId: string, answer: ScreeningAnswer) => void;
  onReturn: () => void;
}) {
  const { t, lang, ownLanguage } = usePersonWords(language);
  const asked = useMemo(() => personChecklist(checklist), [checklist]);
  const questions = useMemo(() => screeningQuestions(asked), [asked]);
  // Starts at the first question not answered yet; when all were, from the first again.
  const [at, setAt] = useState<string | null>(
    () => (nextQuestion(asked, answers) ?? questions[0])?.indicator.id ?? null,
  );
  const index = questions.findIndex((q) => q.indicator.id === at);
  const current = questions[index];
  const question = current?.indicator.question?.[language] ?? null;
  const thanks = t('personFacing.thanks');
  const spoken = question ?? (ownLanguage ? thanks : null);
  const voice = useVoice(language);
  const layer = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLParagraphElement>(null);

  useOnlyThisOnScreen(layer);
  useDocumentLanguage(language);
  // Each question is read aloud as it appears; moving on, or leaving, stops the reading.
  useEffect(() => {
    main.current?.focus();
    if (!voice || !spoken) return;
    speak(spoken, voice);
    return stopSpeaking;
  }, [voice, spoken]);

  const answer = (value: ScreeningAnswer) => {
    if (!current) return;
    onAnswer(current.indicator.id, value);
    setAt(questionFollowing(asked, current.indicator.id)?.indicator.id ?? null);
  };
  const previous = questionBefore(asked, at);

  return createPortal(
    <div
      ref={layer}
      className="person-mode"
      role="dialog"
      aria-modal="true"
      aria-labelledby="person-main"
      lang={language}
    >
      <QuickExit />
      {current && question ? (
        <>
          <p className="person-progress" lang={lang}>
            {t('personFacing.progress', { current: index + 1, total: questions.length })}
          </p>
          <p id="person-main" ref={main} tabIndex={-1} className="person-question">
            {question}
          </p>
          <fieldset className="person-answers" aria-labelledby="person-main">
            {PERSON_ANSWERS.map((value) => (
              <button
                key={value}
                type="button"
                lang={lang}
                className={`person-answer person-answer-${value}`}
                aria-pressed={answers[current.indicator.id] === value}
                onClick={() => answer(value)}
              >
                {t(`personFacing.answer.${value}`)}
              </button>
            ))}
          </fieldset>
        </>
      ) : (
        <p id="person-main" ref={main} tabIndex={-1} className="person-question person-thanks" lang={lang}>
          {thanks}
        </p>
      )}
      <div className="person-tools">
        {voice && spoken && (
          <button type="button" className="action" lang={lang} onClick={() => speak(spoken, voice)}>
            {t('personFacing.readAgain')}
          </button>
        )}
        {previous && (
          <button type="button" className="action" lang={lang} onClick={() => setAt(previous.indicator.id)}>
            {t('personFacing.previous')}
          </button>
        )}
      </div>
      <HoldToReturn onReturn={onReturn} />
    </div>,
    document.body,
  );
}
