import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveItem, removeItem } from '../../../src/app/components/editor/reorder';
import {
  compareVersions,
  hasDifferences,
  mergeVersions,
  type RecordBody,
} from '../../../src/app/components/editor/versions';
import { moveStep, moveStepToStage } from '../../../src/app/features/console-route/model/move-step';
import {
  ROUTE_SHAPE,
  type RouteForm,
  routeBody,
  routeForm,
  type StageForm,
} from '../../../src/app/features/console-route/model/route-form';
import { ocotepequeRoute } from './support/console-editor-samples';

const BASE = ocotepequeRoute();
type Body = {
  title: Record<string, string>;
  stages: {
    id: string;
    title: Record<string, string>;
    steps: { id: string; title: Record<string, string>; action: Record<string, string> }[];
  }[];
};

const steps = (body: RecordBody) => (body as Body).stages.flatMap((stage) => stage.steps);
const stepIds = (body: RecordBody) => steps(body).map((step) => step.id);
const stepOf = (body: RecordBody, id: string) => steps(body).find((step) => step.id === id);
const stageOfStep = (body: RecordBody, id: string) =>
  (body as Body).stages.find((stage) => stage.steps.some((step) => step.id === id))?.id;

/** One coordinator's edit, as the editor's buttons and fields make it. */
type Edit =
  | { op: 'move'; stage: number; step: number; to: number }
  | { op: 'toStage'; stage: number; step: number; to: number }
  | { op: 'remove'; stage: number; step: number }
  | { op: 'add'; stage: number }
  | { op: 'retitle'; stage: number; step: number; words: string }
  | { op: 'moveStage'; stage: number; to: number }
  | { op: 'retitleStage'; stage: number; words: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('move' as const), stage: fc.nat(7), step: fc.nat(5), to: fc.nat(5) }),
  fc.record({ op: fc.constant('toStage' as const), stage: fc.nat(7), step: fc.nat(5), to: fc.nat(7) }),
  fc.record({ op: fc.constant('remove' as const), stage: fc.nat(7), step: fc.nat(5) }),
  fc.record({ op: fc.constant('add' as const), stage: fc.nat(7) }),
  fc.record({
    op: fc.constant('retitle' as const),
    stage: fc.nat(7),
    step: fc.nat(5),
    words: fc.string({ minLength: 1 }),
  }),
  fc.record({ op: fc.constant('moveStage' as const), stage: fc.nat(7), to: fc.nat(7) }),
  fc.record({ op: fc.constant('retitleStage' as const), stage: fc.nat(7), words: fc.string({ minLength: 1 }) }),
);

/** Applies edits to the route; ids of added steps carry `who`, so two people never add the same id. */
function edited(body: RecordBody, edits: Edit[], who: string): RecordBody {
  let form: RouteForm = routeForm(body);
  let added = 0;
  const stages = (change: (stages: StageForm[]) => StageForm[]) => {
    form = { ...form, stages: change(form.stages) };
  };
  for (const e of edits) {
    const stage = form.stages[e.stage];
    if (!stage) continue;
    if (e.op === 'move')
      stages((s) => moveStep(s, { parent: e.stage, index: e.step }, { parent: e.stage, index: e.to }));
    if (e.op === 'toStage') stages((s) => moveStepToStage(s, { parent: e.stage, index: e.step }, e.to));
    if (e.op === 'remove')
      stages((s) => s.map((x, i) => (i === e.stage ? { ...x, steps: removeItem(x.steps, e.step) } : x)));
    if (e.op === 'add') {
      added += 1;
      const step = { ...routeForm({ stages: [{ steps: [{}] }] }).stages[0]?.steps[0], id: `${who}-${added}` };
      stages((s) =>
        s.map((x, i) => (i === e.stage ? { ...x, steps: [...x.steps, step as StageForm['steps'][number]] } : x)),
      );
    }
    if (e.op === 'retitle') {
      stages((s) =>
        s.map((x, i) =>
          i === e.stage
            ? {
                ...x,
                steps: x.steps.map((t, j) =>
                  j === e.step ? { ...t, title: { es: `${who} ${e.words}`, en: e.words } } : t,
                ),
              }
            : x,
        ),
      );
    }
    if (e.op === 'moveStage') stages((s) => moveItem(s, e.stage, e.to));
    if (e.op === 'retitleStage') {
      stages((s) => s.map((x, i) => (i === e.stage ? { ...x, title: { es: `${who} ${e.words}`, en: e.words } } : x)));
    }
  }
  return routeBody(form);
}

describe('what differs between two versions of a route', () => {
  it('finds nothing between a version and itself', () => {
    expect(hasDifferences(compareVersions(BASE, BASE, ROUTE_SHAPE))).toBe(false);
  });

  it('names the step they retitled, the step I added and the stages that moved', () => {
    const mine = edited(
      BASE,
      [
        { op: 'add', stage: 1 },
        { op: 'moveStage', stage: 0, to: 1 },
      ],
      'mine',
    );
    const theirs = edited(BASE, [{ op: 'retitle', stage: 2, step: 0, words: 'Call' }], 'theirs');
    const differences = compareVersions(mine, theirs, ROUTE_SHAPE);
    const retitled = steps(theirs).find((step) => step.title.en === 'Call')?.id;
    expect(differences.fields).toEqual([]);
    expect(differences.children).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'mine-1', presence: 'mine' }),
        expect.objectContaining({ id: retitled, presence: 'both', fields: ['title'], moved: false }),
      ]),
    );
    expect(differences.parents.map((p) => [p.id, p.moved])).toEqual([
      ['atencion-inmediata', true],
      ['identificacion', true],
    ]);
  });

  it('tells a step moved to another stage from one moved within its stage', () => {
    const mine = edited(BASE, [{ op: 'toStage', stage: 0, step: 0, to: 3 }], 'mine');
    const differences = compareVersions(mine, BASE, ROUTE_SHAPE);
    const moved = stepIds(BASE)[0];
    expect(differences.children).toEqual([
      expect.objectContaining({
        id: moved,
        moved: true,
        parentInMine: stageOfStep(mine, moved ?? ''),
        parentInTheirs: 'identificacion',
      }),
    ]);
  });
});

describe('applying my edits on top of theirs', () => {
  it('keeps their retitled step and my reordering both', () => {
    const mine = edited(BASE, [{ op: 'move', stage: 0, step: 0, to: 2 }], 'mine');
    const theirs = edited(BASE, [{ op: 'retitle', stage: 0, step: 3, words: 'Age' }], 'theirs');
    const merged = mergeVersions(BASE, mine, theirs, ROUTE_SHAPE);
    expect(stepIds(merged)).toEqual(stepIds(mine));
    const retitled = (theirs as Body).stages[0]?.steps[3]?.id ?? '';
    expect(stepOf(merged, retitled)?.title.en).toBe('Age');
  });

  it('keeps a step they added to a stage I removed, rather than losing it', () => {
    const mine = routeBody({ ...routeForm(BASE), stages: routeForm(BASE).stages.filter((_, i) => i !== 6) });
    const theirs = edited(BASE, [{ op: 'add', stage: 6 }], 'theirs');
    const merged = mergeVersions(BASE, mine, theirs, ROUTE_SHAPE);
    expect(stepIds(merged)).toContain('theirs-1');
    expect(stageOfStep(merged, 'theirs-1')).toBe((BASE as Body).stages[6]?.id);
  });

  it('lets my text win where we both changed the same field, and keeps their other fields', () => {
    const mine = edited(BASE, [{ op: 'retitle', stage: 1, step: 0, words: 'mine' }], 'mine');
    const theirForm = routeForm(edited(BASE, [{ op: 'retitle', stage: 1, step: 0, words: 'theirs' }], 'theirs'));
    const step = theirForm.stages[1]?.steps[0];
    if (!step) throw new Error('sample changed');
    step.action = { es: 'acción nueva', en: 'new action' };
    const merged = mergeVersions(BASE, mine, routeBody(theirForm), ROUTE_SHAPE);
    expect(stepOf(merged, step.id)?.title.en).toBe('mine');
    expect(stepOf(merged, step.id)?.action.en).toBe('new action');
  });

  it('gives my version back when they changed nothing, and theirs when I changed nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const changed = edited(BASE, edits, 'x');
        expect(mergeVersions(BASE, changed, BASE, ROUTE_SHAPE)).toEqual(changed);
        expect(mergeVersions(BASE, BASE, changed, ROUTE_SHAPE)).toEqual(changed);
      }),
      { numRuns: 150 },
    );
  });

  it('never duplicates a step, keeps what either added and drops what I removed (property)', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 10 }), fc.array(edit, { maxLength: 10 }), (myEdits, theirEdits) => {
        const mine = edited(BASE, myEdits, 'mine');
        const theirs = edited(BASE, theirEdits, 'theirs');
        const merged = mergeVersions(BASE, mine, theirs, ROUTE_SHAPE);
        const ids = stepIds(merged);
        expect(new Set(ids).size).toBe(ids.length);
        const base = new Set(stepIds(BASE));
        for (const id of [...stepIds(mine), ...stepIds(theirs)].filter((id) => !base.has(id)))
          expect(ids).toContain(id);
        for (const id of [...base].filter((id) => !stepIds(mine).includes(id))) expect(ids).not.toContain(id);
        // Every step I retitled carries my title.
        for (const step of steps(mine)) {
          const before = stepOf(BASE, step.id);
          if (before && JSON.stringify(before.title) !== JSON.stringify(step.title) && ids.includes(step.id)) {
            expect(stepOf(merged, step.id)?.title).toEqual(step.title);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
