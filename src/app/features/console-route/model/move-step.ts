import { moveNested, type NestedPosition } from '../../../components/editor/reorder';
import type { StageForm } from './route-form';

/** A step moved to another position, in its stage or another one (`to.index` past the end: last). */
export function moveStep(stages: readonly StageForm[], from: NestedPosition, to: NestedPosition): StageForm[] {
  return moveNested(
    stages,
    (stage) => stage.steps,
    (stage, steps) => ({ ...stage, steps }),
    from,
    to,
  );
}

/** A step moved to the end of another stage, where the coordinator can then move it up. */
export function moveStepToStage(stages: readonly StageForm[], from: NestedPosition, toStage: number): StageForm[] {
  const target = stages[toStage];
  if (!target || toStage === from.parent) return [...stages];
  return moveStep(stages, from, { parent: toStage, index: target.steps.length });
}
