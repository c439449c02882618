/**
 * Two versions of a two-level record (a route: stages → steps; a checklist: groups →
 * indicators) side by side: what differs between them, and one version's edits re-applied on
 * top of the other. Elements are matched by `id`, which is why editors lock the ids of saved
 * elements. Works on record bodies in the authoring format, as the console API carries them.
 */

export type RecordBody = Record<string, unknown>;
export type Element = Record<string, unknown> & { id: string };

/** Where the two levels are: `{ parents: 'stages', children: 'steps' }`. */
export interface NestedShape {
  parents: string;
  children: string;
}

/** Deep equality of JSON values; a key holding undefined counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...definedKeys(a), ...definedKeys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

export function elementsOf(body: unknown, key: string): Element[] {
  const list = isObject(body) ? body[key] : undefined;
  return Array.isArray(list)
    ? list.filter((item): item is Element => isObject(item) && typeof item.id === 'string')
    : [];
}

interface Placed {
  element: Element;
  parent: string;
}

function childrenById(body: unknown, shape: NestedShape): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  for (const parent of elementsOf(body, shape.parents)) {
    for (const child of elementsOf(parent, shape.children)) {
      if (!placed.has(child.id)) placed.set(child.id, { element: child, parent: parent.id });
    }
  }
  return placed;
}

const byId = (elements: Element[]) => new Map(elements.map((element) => [element.id, element]));

/** Fields of two objects whose values differ, `except` left out. */
function differingFields(a: RecordBody, b: RecordBody, except?: string): string[] {
  const keys = [...new Set([...definedKeys(a), ...definedKeys(b)])];
  return keys.filter((key) => key !== except && !sameValue(a[key], b[key]));
}

// ----- What differs ------------------------------------------------------------------------------

export interface ElementDifference {
  id: string;
  /** Which versions have the element. */
  presence: 'both' | 'mine' | 'theirs';
  /** Fields whose values differ, when both versions have it (a parent's children are compared on their own). */
  fields: string[];
  /** Both have it, at another place: another position among what both share, or under another parent. */
  moved: boolean;
  mine?: Element;
  theirs?: Element;
  /** For a child: the id of its parent in each version. */
  parentInMine?: string;
  parentInTheirs?: string;
}

export interface VersionDifferences {
  /** Fields of the record itself (not the parent list) that differ. */
  fields: string[];
  parents: ElementDifference[];
  children: ElementDifference[];
}

export function hasDifferences(differences: VersionDifferences): boolean {
  return differences.fields.length + differences.parents.length + differences.children.length > 0;
}

/** Ids whose position among the ids both lists share is not the same. */
function reordered(mine: string[], theirs: string[]): Set<string> {
  const inTheirs = new Set(theirs);
  const inMine = new Set(mine);
  const shared = mine.filter((id) => inTheirs.has(id));
  const sharedTheirs = theirs.filter((id) => inMine.has(id));
  return new Set(shared.filter((id, i) => sharedTheirs[i] !== id));
}

export function compareVersions(mine: RecordBody, theirs: RecordBody, shape: NestedShape): VersionDifferences {
  const mineParents = elementsOf(mine, shape.parents);
  const theirParents = elementsOf(theirs, shape.parents);
  const theirParentById = byId(theirParents);
  const mineParentById = byId(mineParents);
  const movedParents = reordered(
    mineParents.map((p) => p.id),
    theirParents.map((p) => p.id),
  );
  const parents: ElementDifference[] = [];
  for (const element of mineParents) {
    const other = theirParentById.get(element.id);
    if (!other) {
      parents.push({ id: element.id, presence: 'mine', fields: [], moved: false, mine: element });
      continue;
    }
    const fields = differingFields(element, other, shape.children);
    const moved = movedParents.has(element.id);
    if (fields.length > 0 || moved) {
      parents.push({ id: element.id, presence: 'both', fields, moved, mine: element, theirs: other });
    }
  }
  for (const element of theirParents) {
    if (!mineParentById.has(element.id)) {
      parents.push({ id: element.id, presence: 'theirs', fields: [], moved: false, theirs: element });
    }
  }

  const mineChildren = childrenById(mine, shape);
  const theirChildren = childrenById(theirs, shape);
  const movedChildren = new Set<string>();
  for (const parent of mineParents) {
    const other = theirParentById.get(parent.id);
    if (!other) continue;
    const here = (body: Element) => elementsOf(body, shape.children).map((c) => c.id);
    const stayed = (id: string) =>
      theirChildren.get(id)?.parent === parent.id && mineChildren.get(id)?.parent === parent.id;
    for (const id of reordered(here(parent).filter(stayed), here(other).filter(stayed))) movedChildren.add(id);
  }
  const children: ElementDifference[] = [];
  for (const [id, placed] of mineChildren) {
    const other = theirChildren.get(id);
    if (!other) {
      children.push({
        id,
        presence: 'mine',
        fields: [],
        moved: false,
        mine: placed.element,
        parentInMine: placed.parent,
      });
      continue;
    }
    const fields = differingFields(placed.element, other.element);
    const moved = placed.parent !== other.parent || movedChildren.has(id);
    if (fields.length > 0 || moved) {
      children.push({
        id,
        presence: 'both',
        fields,
        moved,
        mine: placed.element,
        theirs: other.element,
        parentInMine: placed.parent,
        parentInTheirs: other.parent,
      });
    }
  }
  for (const [id, placed] of theirChildren) {
    if (!mineChildren.has(id)) {
      children.push({
        id,
        presence: 'theirs',
        fields: [],
        moved: false,
        theirs: placed.element,
        parentInTheirs: placed.parent,
      });
    }
  }
  return { fields: differingFields(mine, theirs, shape.parents), parents, children };
}

// ----- Mine on top of theirs ----------------------------------------------------------------------

/** Per field: my value where I changed it since `base`, theirs everywhere else. */
function mergeFields(base: RecordBody | undefined, mine: RecordBody, theirs: RecordBody, except?: string): RecordBody {
  const merged: RecordBody = {};
  const keys = new Set([...definedKeys(mine), ...definedKeys(theirs), ...(base ? definedKeys(base) : [])]);
  for (const key of keys) {
    if (key === except) continue;
    const value = !base || !sameValue(base[key], mine[key]) ? mine[key] : theirs[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/**
 * The order of the `kept` ids: the version that reordered the ids all three share sets the
 * order (mine when both did); ids only the other version has go after the id that precedes
 * them there.
 */
function mergeOrder(base: string[], mine: string[], theirs: string[], kept: Set<string>): string[] {
  const all = (id: string) => base.includes(id) && mine.includes(id) && theirs.includes(id);
  const mineReordered = !sameValue(mine.filter(all), base.filter(all));
  const [primary, secondary] = mineReordered ? [mine, theirs] : [theirs, mine];
  const result = primary.filter((id) => kept.has(id));
  secondary.forEach((id, i) => {
    if (!kept.has(id) || result.includes(id)) return;
    const before = secondary
      .slice(0, i)
      .reverse()
      .find((previous) => result.includes(previous));
    result.splice(before === undefined ? 0 : result.indexOf(before) + 1, 0, id);
  });
  for (const id of kept) if (!result.includes(id)) result.push(id);
  return result;
}

/**
 * My edits since `base` applied on top of `theirs` (saved meanwhile by someone else):
 * fields I changed take my value, everything I left alone keeps theirs; elements I added,
 * removed or moved are added, removed or moved; what they added stays. Where we both
 * changed the same field, mine wins — the coordinator chose "mine on top" and reviews the
 * result before saving it. A parent is kept while it holds a child either version wants,
 * so a step they added is never lost to a stage I removed.
 */
export function mergeVersions(
  base: RecordBody | undefined,
  mine: RecordBody,
  theirs: RecordBody,
  shape: NestedShape,
): RecordBody {
  const baseChildren = childrenById(base, shape);
  const mineChildren = childrenById(mine, shape);
  const theirChildren = childrenById(theirs, shape);

  const keptChildren = new Map<string, Placed>();
  for (const id of new Set([...mineChildren.keys(), ...theirChildren.keys()])) {
    const inBase = baseChildren.get(id);
    const inMine = mineChildren.get(id);
    const inTheirs = theirChildren.get(id);
    if (inBase && !inMine) continue; // I removed it
    if (inMine && !inTheirs) {
      const changedByMe = !inBase || !sameValue(inBase.element, inMine.element) || inBase.parent !== inMine.parent;
      if (!inBase || changedByMe) keptChildren.set(id, inMine); // mine, or theirs removed what I changed
      continue;
    }
    if (!inMine && inTheirs) {
      keptChildren.set(id, inTheirs);
      continue;
    }
    if (inMine && inTheirs) {
      const parent = inBase && inMine.parent === inBase.parent ? inTheirs.parent : inMine.parent;
      const element = mergeFields(inBase?.element, inMine.element, inTheirs.element) as Element;
      keptChildren.set(id, { element, parent });
    }
  }

  const baseParents = byId(elementsOf(base, shape.parents));
  const mineParents = byId(elementsOf(mine, shape.parents));
  const theirParents = byId(elementsOf(theirs, shape.parents));
  const holdsChildren = new Set([...keptChildren.values()].map((placed) => placed.parent));
  const keptParents = new Map<string, RecordBody>();
  for (const id of new Set([...mineParents.keys(), ...theirParents.keys()])) {
    const inBase = baseParents.get(id);
    const inMine = mineParents.get(id);
    const inTheirs = theirParents.get(id);
    if (inMine && inTheirs) {
      keptParents.set(id, mergeFields(inBase, inMine, inTheirs, shape.children));
    } else if (inMine) {
      const changedByMe = !inBase || differingFields(inBase, inMine, shape.children).length > 0;
      if (!inBase || changedByMe || holdsChildren.has(id))
        keptParents.set(id, mergeFields(undefined, inMine, inMine, shape.children));
    } else if (inTheirs && (!inBase || holdsChildren.has(id))) {
      keptParents.set(id, mergeFields(undefined, inTheirs, inTheirs, shape.children));
    }
  }

  const ids = (body: unknown, key: string) => elementsOf(body, key).map((element) => element.id);
  const childIdsUnder = (body: unknown, parentId: string) =>
    ids(
      elementsOf(body, shape.parents).find((parent) => parent.id === parentId),
      shape.children,
    );
  const parentOrder = mergeOrder(
    ids(base, shape.parents),
    ids(mine, shape.parents),
    ids(theirs, shape.parents),
    new Set(keptParents.keys()),
  );
  const parents = parentOrder.map((parentId) => {
    const here = new Set([...keptChildren].filter(([, placed]) => placed.parent === parentId).map(([id]) => id));
    const order = mergeOrder(
      childIdsUnder(base, parentId),
      childIdsUnder(mine, parentId),
      childIdsUnder(theirs, parentId),
      here,
    );
    return { ...keptParents.get(parentId), [shape.children]: order.map((id) => keptChildren.get(id)?.element) };
  });
  return { ...mergeFields(base, mine, theirs, shape.parents), [shape.parents]: parents };
}

function isObject(value: unknown): value is RecordBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedKeys(value: RecordBody): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}
