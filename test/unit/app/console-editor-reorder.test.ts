import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertItem, moveItem, moveNested, removeItem } from '../../../src/app/components/editor/reorder';
import { moveStep, moveStepToStage } from '../../../src/app/features/console-route/model/move-step';
import { routeForm, type StageForm } from '../../../src/app/features/console-route/model/route-form';
import { ocotepequeRoute } from './support/console-editor-samples';

const stepIds = (stages: StageForm[]) => stages.flatMap((stage) => stage.steps.map((step) => step.id));
const sorted = (ids: string[]) => [...ids].sort();

describe('moving an item in a list', () => {
  it('moves a step down one place, the others keeping their order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 1, 2)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('changes nothing for a position outside the list (move up on the first item)', () => {
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });

  it('leaves the list it was given untouched', () => {
    const items = ['a', 'b', 'c'];
    moveItem(items, 0, 2);
    removeItem(items, 1);
    insertItem(items, 1, 'x');
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('inserts at the end for any position past it', () => {
    expect(insertItem(['a'], 99, 'b')).toEqual(['a', 'b']);
  });

  it('never loses or duplicates an item, whatever the positions (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 12 }), fc.integer(), fc.integer(), (items, from, to) => {
        const moved = moveItem(items, from, to);
        expect(sorted(moved)).toEqual(sorted(items));
      }),
    );
  });
});

describe('moving a step between stages of the Ocotepeque route', () => {
  const stages = routeForm(ocotepequeRoute()).stages;

  it('puts the first step of the first stage at the end of the second', () => {
    const first = stages[0]?.steps[0]?.id;
    const moved = moveStepToStage(stages, { parent: 0, index: 0 }, 1);
    expect(moved[0]?.steps.map((s) => s.id)).not.toContain(first);
    expect(moved[1]?.steps.at(-1)?.id).toBe(first);
    expect(moved[1]?.steps).toHaveLength((stages[1]?.steps.length ?? 0) + 1);
  });

  it('moves within a stage when the stage is the same', () => {
    const ids = stages[0]?.steps.map((s) => s.id) ?? [];
    const moved = moveStep(stages, { parent: 0, index: 0 }, { parent: 0, index: 1 });
    expect(moved[0]?.steps.map((s) => s.id)).toEqual([ids[1], ids[0], ...ids.slice(2)]);
  });

  it('never loses or duplicates a step, whatever sequence of moves (property)', () => {
    const move = fc.record({
      fromStage: fc.nat({ max: stages.length }),
      fromIndex: fc.nat({ max: 8 }),
      toStage: fc.nat({ max: stages.length }),
      toIndex: fc.integer({ min: -2, max: 10 }),
      within: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(move, { maxLength: 25 }), (moves) => {
        let current = stages;
        for (const m of moves) {
          current = m.within
            ? moveStep(current, { parent: m.fromStage, index: m.fromIndex }, { parent: m.toStage, index: m.toIndex })
            : moveStepToStage(current, { parent: m.fromStage, index: m.fromIndex }, m.toStage);
        }
        expect(sorted(stepIds(current))).toEqual(sorted(stepIds(stages)));
        expect(current.map((stage) => stage.id)).toEqual(stages.map((stage) => stage.id));
      }),
    );
  });

  it('a generic two-level move keeps every child (property over random nests)', () => {
    const nest = fc.array(fc.array(fc.nat(), { maxLength: 5 }), { minLength: 1, maxLength: 5 }).map((lists) => {
      let n = 0;
      return lists.map((list) => list.map(() => `c${n++}`));
    });
    fc.assert(
      fc.property(nest, fc.nat(6), fc.nat(6), fc.nat(6), fc.integer({ min: -1, max: 8 }), (parents, fp, fi, tp, ti) => {
        const moved = moveNested(
          parents,
          (p) => p,
          (_, children) => children,
          { parent: fp, index: fi },
          { parent: tp, index: ti },
        );
        expect(sorted(moved.flat())).toEqual(sorted(parents.flat()));
        expect(moved).toHaveLength(parents.length);
      }),
    );
  });
});
