/**
 * Reordering for the console editors. Every function returns new arrays and leaves its input
 * untouched, so a form state can be replaced in one React update (and undone by discarding).
 */

/** `items` with the item at `from` moved to position `to`; out-of-range positions change nothing. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || !inRange(items, from) || !inRange(items, to)) return [...items];
  const result = [...items];
  const [moved] = result.splice(from, 1) as [T];
  result.splice(to, 0, moved);
  return result;
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** `items` with `item` put at `index` (clamped to the list, so "at the end" is any large number). */
export function insertItem<T>(items: readonly T[], index: number, item: T): T[] {
  const at = Math.max(0, Math.min(index, items.length));
  return [...items.slice(0, at), item, ...items.slice(at)];
}

export function replaceItem<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

/** Where a child sits in a two-level list (a step in a stage, an indicator in a group). */
export interface NestedPosition {
  parent: number;
  index: number;
}

/**
 * Moves one child from one parent's list to another's (or within the same parent). `to.index`
 * is the position in the destination list as it will be; past the end means "last".
 */
export function moveNested<P, C>(
  parents: readonly P[],
  childrenOf: (parent: P) => readonly C[],
  withChildren: (parent: P, children: C[]) => P,
  from: NestedPosition,
  to: NestedPosition,
): P[] {
  const source = parents[from.parent];
  const target = parents[to.parent];
  if (source === undefined || target === undefined || !inRange(childrenOf(source), from.index)) return [...parents];
  if (from.parent === to.parent) {
    const children = childrenOf(source);
    const index = Math.max(0, Math.min(to.index, children.length - 1));
    return replaceItem(parents, from.parent, withChildren(source, moveItem(children, from.index, index)));
  }
  const moved = childrenOf(source)[from.index] as C;
  return parents.map((parent, i) => {
    if (i === from.parent) return withChildren(parent, removeItem(childrenOf(parent), from.index));
    if (i === to.parent) return withChildren(parent, insertItem(childrenOf(parent), to.index, moved));
    return parent;
  });
}

function inRange(items: readonly unknown[], index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < items.length;
}

/** A child moved to the end of another parent, where the coordinator can then move it up; to its own parent: nothing moves. */
export function moveNestedToParent<P, C>(
  parents: readonly P[],
  childrenOf: (parent: P) => readonly C[],
  withChildren: (parent: P, children: C[]) => P,
  from: NestedPosition,
  toParent: number,
): P[] {
  const target = parents[toParent];
  if (target === undefined || toParent === from.parent) return [...parents];
  return moveNested(parents, childrenOf, withChildren, from, { parent: toParent, index: childrenOf(target).length });
}
