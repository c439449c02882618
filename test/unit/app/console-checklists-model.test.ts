import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, mergeVersions } from '../../../src/app/components/editor/versions';
import {
  CHECKLIST_SHAPE,
  checklistBody,
  checklistForm,
  emptyChecklist,
  indicatorIdsOf,
  newGroup,
  newIndicator,
} from '../../../src/app/features/console-checklists/model/checklist-form';
import { checklistIssues } from '../../../src/app/features/console-checklists/model/checklist-rules';
import { moveIndicator, moveIndicatorToGroup } from '../../../src/app/features/console-checklists/model/move-indicator';
import { SAMPLE_JURISDICTIONS, sampleChecklists } from './support/console-editor-samples';

const general = () => sampleChecklists('mx-tapachula').find((c) => c.id === 'indicadores-generales') ?? {};
const prefixes = { checklist: 'lista', group: 'grupo', indicator: 'indicador' };

describe('a checklist as a form and back', () => {
  it.each(SAMPLE_JURISDICTIONS)('gives back every %s checklist exactly, questions in Haitian Creole included', (j) => {
    for (const checklist of sampleChecklists(j)) expect(checklistBody(checklistForm(checklist))).toEqual(checklist);
  });

  it('starts a new checklist with one guidance, one group and one indicator to write', () => {
    const form = emptyChecklist(prefixes);
    expect(form.id).toBe('lista');
    expect(form.guidance).toHaveLength(1);
    expect(form.groups.map((g) => [g.id, g.relationship, g.indicators.map((i) => i.id)])).toEqual([
      ['grupo-1', 'control', ['indicador-1']],
    ]);
    expect(checklistIssues(form, []).map((issue) => issue.code)).toContain('required');
  });

  it('gives new groups and indicators unused ids', () => {
    const form = checklistForm(general());
    const indicator = newIndicator(form, 'indicador');
    expect(indicatorIdsOf(form)).not.toContain(indicator.id);
    expect(form.groups.map((g) => g.id)).not.toContain(newGroup(form, prefixes).id);
  });
});

describe('checking a checklist in the browser', () => {
  it('finds nothing wrong with the sample', () => {
    expect(checklistIssues(checklistForm(general()), ['indicadores-ninez'])).toEqual([]);
  });

  it('refuses the id of another checklist for a new one, and indicator ids used twice', () => {
    const form = checklistForm(general());
    const [first, second] = form.groups;
    if (!first || !second?.indicators[0]) throw new Error('sample changed');
    second.indicators[0] = { ...second.indicators[0], id: first.indicators[0]?.id ?? '' };
    const issues = checklistIssues(form, ['indicadores-generales']);
    expect(issues).toEqual([
      { path: 'id', code: 'duplicateId', detail: 'indicadores-generales' },
      { path: 'groups.0.indicators.0.id', code: 'duplicateId', detail: first.indicators[0]?.id },
      { path: 'groups.1.indicators.0.id', code: 'duplicateId', detail: first.indicators[0]?.id },
    ]);
  });

  it('refuses a group without indicators and an indicator whose English text is missing', () => {
    const form = checklistForm(general());
    const first = form.groups[0];
    if (!first?.indicators[0]) throw new Error('sample changed');
    first.indicators[0] = { ...first.indicators[0], text: { es: 'Señal', en: '' } };
    form.groups[1] = { ...(form.groups[1] as typeof first), indicators: [] };
    expect(checklistIssues(form, [])).toEqual([
      { path: 'groups.0.indicators.0.text.en', code: 'required' },
      { path: 'groups.1.indicators', code: 'needsIndicator' },
    ]);
  });
});

describe('moving indicators', () => {
  const groups = checklistForm(general()).groups;
  const ids = (g: typeof groups) => g.flatMap((group) => group.indicators.map((i) => i.id)).sort();

  it('moves an indicator to the end of another group', () => {
    const moved = moveIndicatorToGroup(groups, { parent: 0, index: 0 }, 1);
    expect(moved[1]?.indicators.at(-1)?.id).toBe(groups[0]?.indicators[0]?.id);
  });

  it('never loses or duplicates an indicator (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.nat(8), fc.nat(4), fc.integer({ min: -1, max: 9 })), { maxLength: 20 }),
        (moves) => {
          let current = groups;
          for (const [fp, fi, tp, ti] of moves)
            current = moveIndicator(current, { parent: fp, index: fi }, { parent: tp, index: ti });
          expect(ids(current)).toEqual(ids(groups));
        },
      ),
    );
  });
});

describe('two versions of a checklist', () => {
  it('keeps the question they translated and the indicator I moved to another group', () => {
    const base = general();
    const mineForm = checklistForm(base);
    const mine = checklistBody({
      ...mineForm,
      groups: moveIndicatorToGroup(mineForm.groups, { parent: 0, index: 0 }, 1),
    });
    const theirForm = checklistForm(base);
    const target = theirForm.groups[0]?.indicators[1];
    if (!target) throw new Error('sample changed');
    target.question = { ...target.question, pt: 'Pergunta' };
    const theirs = checklistBody(theirForm);
    const differences = compareVersions(mine, theirs, CHECKLIST_SHAPE);
    // In the order of my version: the moved indicator now comes after the first group's.
    expect(differences.children.map((d) => [d.id, d.fields, d.moved])).toEqual([
      [target.id, ['question'], false],
      [mineForm.groups[0]?.indicators[0]?.id, [], true],
    ]);
    const merged = checklistBody(checklistForm(mergeVersions(base, mine, theirs, CHECKLIST_SHAPE)));
    expect(compareVersions(merged, mine, CHECKLIST_SHAPE).children.map((d) => [d.id, d.fields])).toEqual([
      [target.id, ['question']],
    ]);
  });
});
