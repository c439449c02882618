import { useCallback, useRef, useState } from 'react';
import type { CaseFile, Screening, ScreeningAnswer } from '../../../../core/case/model';
import type { Checklist } from '../../../../core/handbook/schema';
import { answerQuestion, nextQuestion } from '../../../../core/screening/guided';
import { saveCase } from '../../../cases/case-store';
import { useVault } from '../../../protection/ProtectionProvider';

/** The case's latest screening over a checklist: resumed where it was left, or a new one. */
function screeningOf(file: CaseFile, checklistId: string): Screening {
  return file.screenings.findLast((s) => s.checklistId === checklistId) ?? { checklistId, answers: {} };
}

function withScreening(file: CaseFile, screening: Screening): CaseFile {
  const at = file.screenings.findLastIndex((s) => s.checklistId === screening.checklistId);
  const screenings = at === -1 ? [...file.screenings, screening] : file.screenings.with(at, screening);
  return { ...file, screenings };
}

export interface CaseScreening {
  screening: Screening;
  /** The last save failed (the answer is on screen but not yet on the phone). */
  saveFailed: boolean;
  /**
   * Records an answer and seals the case at once, so a lock or a crash loses nothing.
   * `personLanguage`: the person answered on the phone, in that language.
   */
  record(indicatorId: string, answer: ScreeningAnswer, personLanguage?: string): void;
}

/**
 * One screening of a case, as the screen changes it. The live copy from the vault only seeds it:
 * this screen is the case's one editor while it is open. Saves run one after another, so an
 * older answer can never overwrite a newer one.
 */
export function useCaseScreening(saved: CaseFile, checklist: Checklist): CaseScreening {
  const vault = useVault();
  const file = useRef(saved);
  const [screening, setScreening] = useState(() => screeningOf(saved, checklist.id));
  const [saveFailed, setSaveFailed] = useState(false);
  const saving = useRef<Promise<void>>(Promise.resolve());

  const record = useCallback(
    (indicatorId: string, answer: ScreeningAnswer, personLanguage?: string) => {
      const current = screeningOf(file.current, checklist.id);
      const answers = answerQuestion(current.answers, indicatorId, answer);
      const finished = nextQuestion(checklist, answers) === null;
      const next: Screening = {
        ...current,
        answers,
        ...(personLanguage ? { personLanguage } : {}),
        ...(finished && !current.completedAt ? { completedAt: new Date().toISOString() } : {}),
      };
      const updated = withScreening(file.current, next);
      // The language the person chose on the phone is the best knowledge of it the case has.
      if (personLanguage && !updated.personLanguage) updated.personLanguage = personLanguage;
      file.current = updated;
      setScreening(next);
      saving.current = saving.current
        .then(() => saveCase(vault, updated))
        .then(
          () => setSaveFailed(false),
          (error: unknown) => {
            console.error('The screening could not be sealed', error);
            setSaveFailed(true);
          },
        );
    },
    [vault, checklist],
  );

  return { screening, saveFailed, record };
}
