import { moveNested, type NestedPosition } from '../../../components/editor/reorder';
import type { GroupForm } from './checklist-form';

/** An indicator moved within its group or to the end of another group. */
export function moveIndicator(groups: readonly GroupForm[], from: NestedPosition, to: NestedPosition): GroupForm[] {
  return moveNested(
    groups,
    (group) => group.indicators,
    (group, indicators) => ({ ...group, indicators }),
    from,
    to,
  );
}

export function moveIndicatorToGroup(groups: readonly GroupForm[], from: NestedPosition, toGroup: number): GroupForm[] {
  const target = groups[toGroup];
  if (!target || toGroup === from.parent) return [...groups];
  return moveIndicator(groups, from, { parent: toGroup, index: target.indicators.length });
}
