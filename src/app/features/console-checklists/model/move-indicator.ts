import { moveNested, moveNestedToParent, type NestedPosition } from '../../../components/editor/reorder';
import type { GroupForm, IndicatorForm } from './checklist-form';

const indicatorsOf = (group: GroupForm) => group.indicators;
const withIndicators = (group: GroupForm, indicators: IndicatorForm[]) => ({ ...group, indicators });

/** An indicator moved within its group or to the end of another group. */
export function moveIndicator(groups: readonly GroupForm[], from: NestedPosition, to: NestedPosition): GroupForm[] {
  return moveNested(groups, indicatorsOf, withIndicators, from, to);
}

export function moveIndicatorToGroup(groups: readonly GroupForm[], from: NestedPosition, toGroup: number): GroupForm[] {
  return moveNestedToParent(groups, indicatorsOf, withIndicators, from, toGroup);
}
