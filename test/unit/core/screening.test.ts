import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCREENING_ANSWERS, type ScreeningAnswer } from '../../../src/core/case/model';
import { Checklist, type IndicatorGroup, type LocalizedText } from '../../../src/core/handbook/schema';
import {
  answerQuestion,
  nextQuestion,
  questionAfter,
  questionBefore,
  type ScreeningAnswers,
  screeningQuestions,
} from '../../../src/core/screening/guided';
import { personLanguages, personQuestions } from '../../../src/core/screening/person';
import { summarise } from '../../../src/core/screening/summary';

const text = (en: string, more: Record<string, string> = {}): LocalizedText => ({ es: `${en} (es)`, en, ...more });

/** A small checklist: two control signs (one with a question in Haitian Creole too), one exploitation sign, one context sign. */
const checklist: Checklist = {
  id: 'general',
  title: text('General'),
  summary: text('Possible signs'),
  guidance: [text('Ask only when the person is alone')],
  groups: [
    {
      id: 'control',
      title: text('Control'),
      relationship: 'control',
      indicators: [
        {
          id: 'documents',
          text: text('Someone keeps their documents'),
          question: text('Who has your passport?', { ht: 'Kiyès ki gen paspò w?' }),
        },
        { id: 'movement', text: text('Cannot go out'), question: text('Can you go out?', { ht: 'Èske ou ka soti?' }) },
      ],
    },
    {
      id: 'exploitation',
      title: text('Exploitation'),
      relationship: 'exploitation',
      indicators: [
        {
          id: 'wages',
          text: text('Not paid'),
          question: text('Are you paid?', { ht: 'Èske yo peye w?', fr: 'Êtes-vous payé ?' }),
        },
      ],
    },
    {
      id: 'context',
      title: text('Context'),
      relationship: 'context',
      indicators: [
        { id: 'answers-for-them', text: text('Someone else answers for them'), guidance: text('Watch, do not ask') },
      ],
    },
  ],
  ifPresent: text('Refer'),
};

const ids = (checklist: Checklist) => screeningQuestions(checklist).map((q) => q.indicator.id);

describe('a guided identification, one question at a time', () => {
  it('asks every indicator of every group, in the checklist order', () => {
    expect(ids(checklist)).toEqual(['documents', 'movement', 'wages', 'answers-for-them']);
    expect(screeningQuestions(checklist)[2]?.group.relationship).toBe('exploitation');
  });

  it('starts at the first question and resumes at the first one not answered yet', () => {
    expect(nextQuestion(checklist, {})?.indicator.id).toBe('documents');
    expect(nextQuestion(checklist, { documents: 'yes', movement: 'skipped' })?.indicator.id).toBe('wages');
    expect(
      nextQuestion(checklist, { documents: 'no', movement: 'no', wages: 'no', 'answers-for-them': 'not_sure' }),
    ).toBeNull();
  });

  it('moves on after each answer, and after the last one shows the summary', () => {
    let answers: ScreeningAnswers = {};
    const asked: string[] = [];
    for (let question = nextQuestion(checklist, answers); question; ) {
      asked.push(question.indicator.id);
      answers = answerQuestion(answers, question.indicator.id, 'no');
      question = questionAfter(checklist, answers, question.indicator.id);
    }
    expect(asked).toEqual(ids(checklist));
  });

  it('going back shows the previous question; from the summary, the last; at the first, nowhere', () => {
    expect(questionBefore(checklist, 'wages')?.indicator.id).toBe('movement');
    expect(questionBefore(checklist, null)?.indicator.id).toBe('answers-for-them');
    expect(questionBefore(checklist, 'documents')).toBeNull();
  });

  it('after correcting an earlier answer, the worker returns to where they had got to', () => {
    const answers = { documents: 'no', movement: 'no', wages: 'yes' } as const;
    const corrected = answerQuestion(answers, 'documents', 'yes');
    expect(corrected).toEqual({ documents: 'yes', movement: 'no', wages: 'yes' });
    expect(answers.documents).toBe('no');
    expect(questionAfter(checklist, corrected, 'documents')?.indicator.id).toBe('answers-for-them');
  });

  it('questions left unanswered earlier (after the person answered on the phone) are asked before the summary', () => {
    const answers = { documents: 'yes', movement: 'no', wages: 'not_sure' } as const;
    expect(nextQuestion(checklist, answers)?.indicator.id).toBe('answers-for-them');
    const all = answerQuestion(answers, 'answers-for-them', 'no');
    expect(questionAfter(checklist, all, 'answers-for-them')).toBeNull();
    expect(questionAfter(checklist, { movement: 'no' }, 'answers-for-them')?.indicator.id).toBe('documents');
  });
});

describe('the summary: signs observed and a recommendation, never a score', () => {
  it('lists the groups with observed signs under control / exploitation, and what is worth a closer look apart', () => {
    const summary = summarise(checklist, {
      documents: 'yes',
      movement: 'not_sure',
      wages: 'yes',
      'answers-for-them': 'no',
    });
    expect(summary.referralRecommended).toBe(true);
    expect(summary.observed.map((h) => h.relationship)).toEqual(['control', 'exploitation']);
    expect(summary.observed[0]?.groups.map((g) => g.indicators.map((i) => i.id))).toEqual([['documents']]);
    expect(summary.observed[1]?.groups[0]?.group.id).toBe('exploitation');
    expect(summary.closerLook).toEqual([
      {
        relationship: 'control',
        groups: [{ group: checklist.groups[0], indicators: [checklist.groups[0]?.indicators[1]] }],
      },
    ]);
  });

  it('one observed sign is enough to recommend a referral', () => {
    expect(summarise(checklist, { 'answers-for-them': 'yes' }).referralRecommended).toBe(true);
  });

  it('signs the worker is not sure of do not by themselves recommend a referral, but are listed', () => {
    const summary = summarise(checklist, { documents: 'not_sure', wages: 'no' });
    expect(summary.referralRecommended).toBe(false);
    expect(summary.observed).toEqual([]);
    expect(summary.closerLook).toHaveLength(1);
  });
});

describe('the person-facing mode', () => {
  it('asks the person only indicators that carry a question', () => {
    expect(personQuestions(checklist).map((q) => q.indicator.id)).toEqual(['documents', 'movement', 'wages']);
  });

  it('offers the languages in which every question exists: Spanish, English, then the others', () => {
    expect(personLanguages(checklist)).toEqual(['es', 'en', 'ht']);
  });

  it('a language missing from one question is not offered, so no question appears in a language the person may not read', () => {
    const groups = structuredClone(checklist.groups);
    delete groups[0]?.indicators[1]?.question?.ht;
    expect(personLanguages({ ...checklist, groups })).toEqual(['es', 'en']);
  });

  it('a checklist with no questions at all cannot be handed over', () => {
    const groups = checklist.groups.map((g) => ({ ...g, indicators: g.indicators.map(({ question: _, ...i }) => i) }));
    expect(personLanguages({ ...checklist, groups })).toEqual([]);
  });

  it('the sample checklists of Tapachula offer Spanish and English (their other languages are not yet complete)', () => {
    for (const file of ['indicadores-generales', 'explotacion-sexual', 'indicadores-ninez']) {
      const sample = Checklist.parse(parse(readFileSync(`routes-data/mx-tapachula/checklists/${file}.yaml`, 'utf8')));
      expect(personLanguages(sample), file).toEqual(['es', 'en']);
    }
  });
});

// ----- Properties --------------------------------------------------------------------------

const language = fc.constantFrom('fr', 'ht', 'pt', 'miq');
const localized = fc
  .uniqueArray(language, { maxLength: 3 })
  .map((extra) => ({ es: 'texto', en: 'text', ...Object.fromEntries(extra.map((l) => [l, `text ${l}`])) }));

/** Checklists of 1–4 groups of 1–5 indicators, unique indicator ids, questions optional and in varied languages. */
const checklists: fc.Arbitrary<Checklist> = fc
  .array(
    fc.record({
      relationship: fc.constantFrom<IndicatorGroup['relationship']>('control', 'exploitation', 'context'),
      indicators: fc.array(fc.option(localized, { nil: undefined }), { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((groups) => ({
    id: 'generated',
    title: text('Generated'),
    summary: text('Generated'),
    guidance: [text('Ask alone')],
    groups: groups.map((group, g) => ({
      id: `group-${g}`,
      title: text(`Group ${g}`),
      relationship: group.relationship,
      indicators: group.indicators.map((question, i) => ({
        id: `indicator-${g}-${i}`,
        text: text(`Indicator ${g}.${i}`),
        ...(question ? { question } : {}),
      })),
    })),
    ifPresent: text('Refer'),
  }));

/** A checklist with answers to any subset of its questions, as a list in the order they were given. */
const screenings = checklists.chain((checklist) =>
  fc.tuple(
    fc.constant(checklist),
    fc
      .subarray(ids(checklist))
      .chain((asked) =>
        fc.tuple(
          ...asked.map((id) => fc.tuple(fc.constant(id), fc.constantFrom<ScreeningAnswer>(...SCREENING_ANSWERS))),
        ),
      ),
  ),
);

const answered = (given: [string, ScreeningAnswer][]) =>
  given.reduce<ScreeningAnswers>((answers, [id, answer]) => answerQuestion(answers, id, answer), {});

describe('rules that hold for every checklist and every set of answers', () => {
  it('a referral is recommended exactly when at least one sign was observed', () => {
    fc.assert(
      fc.property(screenings, ([checklist, given]) => {
        const summary = summarise(checklist, answered(given));
        expect(summary.referralRecommended).toBe(given.some(([, answer]) => answer === 'yes'));
      }),
    );
  });

  it('answering in any order gives the same summary', () => {
    fc.assert(
      fc.property(
        screenings.chain(([checklist, given]) =>
          fc.tuple(fc.constant(checklist), fc.constant(given), fc.shuffledSubarray(given, { minLength: given.length })),
        ),
        ([checklist, given, shuffled]) => {
          expect(summarise(checklist, answered(shuffled))).toEqual(summarise(checklist, answered(given)));
        },
      ),
    );
  });

  it('skipping everything never recommends a referral nor lists a sign', () => {
    fc.assert(
      fc.property(checklists, (checklist) => {
        const skipped = answered(ids(checklist).map((id) => [id, 'skipped']));
        expect(summarise(checklist, skipped)).toEqual({ observed: [], closerLook: [], referralRecommended: false });
      }),
    );
  });

  it('the summary holds no number anywhere: no score, no count, no total', () => {
    const numbersIn = (value: unknown, path: string): string[] => {
      if (typeof value === 'number' || typeof value === 'bigint') return [path];
      if (typeof value === 'string') return /^\s*\d+([.,]\d+)?\s*%?\s*$/.test(value) ? [path] : [];
      if (value && typeof value === 'object')
        return Object.entries(value).flatMap(([key, v]) =>
          /score|count|total|level|rating|percent/i.test(key) ? [`${path}.${key}`] : numbersIn(v, `${path}.${key}`),
        );
      return [];
    };
    fc.assert(
      fc.property(screenings, ([checklist, given]) => {
        expect(numbersIn(summarise(checklist, answered(given)), 'summary')).toEqual([]);
      }),
    );
  });

  it('a screening walked question by question asks every question exactly once, then ends', () => {
    fc.assert(
      fc.property(
        checklists,
        fc.infiniteStream(fc.constantFrom<ScreeningAnswer>(...SCREENING_ANSWERS)),
        (checklist, stream) => {
          let answers: ScreeningAnswers = {};
          const asked: string[] = [];
          const answers$ = stream[Symbol.iterator]();
          for (let q = nextQuestion(checklist, answers); q; q = questionAfter(checklist, answers, q.indicator.id)) {
            asked.push(q.indicator.id);
            answers = answerQuestion(answers, q.indicator.id, answers$.next().value as ScreeningAnswer);
          }
          expect(asked).toEqual(ids(checklist));
        },
      ),
    );
  });

  it('every language offered to the person has every question in it', () => {
    fc.assert(
      fc.property(checklists, (checklist) => {
        const offered = personLanguages(checklist);
        for (const { indicator } of personQuestions(checklist)) {
          for (const language of offered) expect(indicator.question?.[language]).toBeDefined();
        }
        if (personQuestions(checklist).length > 0) expect(offered.slice(0, 2)).toEqual(['es', 'en']);
      }),
    );
  });
});
