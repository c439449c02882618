import { moveNested, moveNestedToParent, type NestedPosition } from '../../../components/editor/reorder';
import type { StageForm, StepForm } from './route-form';

const stepsOf = (stage: StageForm) => stage.steps;
const withSteps = (stage: StageForm, steps: StepForm[]) => ({ ...stage, steps });

/** A step moved to another position, in its stage or another one (`to.index` past the end: last). */
export function moveStep(stages: readonly StageForm[], from: NestedPosition, to: NestedPosition): StageForm[] {
  return moveNested(stages, stepsOf, withSteps, from, to);
}

/** A step moved to the end of another stage, where the coordinator can then move it up. */
export function moveStepToStage(stages: readonly StageForm[], from: NestedPosition, toStage: number): StageForm[] {
  return moveNestedToParent(stages, stepsOf, withSteps, from, toStage);
}
