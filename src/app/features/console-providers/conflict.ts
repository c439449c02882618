import { canonicalJson } from '../../../core/release/hashing';

type Body = Record<string, unknown>;

/** One top-level field of a record that two saves left different. */
export interface ConflictField {
  field: string;
  mine: unknown;
  theirs: unknown;
  /** This coordinator changed the field since their edit began (else only the other person did). */
  changedByMe: boolean;
  /** The other person changed it too (from the same starting point): both changed the same field. */
  changedByThem: boolean;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * The fields where "mine" (the edit that was refused) and "theirs" (what the draft holds now)
 * differ, each marked with who changed it relative to where this edit began, in the order
 * the record lists its fields. Fields both left equal are not listed.
 */
export function compareVersions(base: Body | undefined, mine: Body, theirs: Body): ConflictField[] {
  const fields = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])];
  return fields
    .filter((field) => !same(mine[field], theirs[field]))
    .map((field) => ({
      field,
      mine: mine[field],
      theirs: theirs[field],
      changedByMe: !same(base?.[field], mine[field]),
      changedByThem: !same(base?.[field], theirs[field]),
    }));
}

/**
 * Their version with this coordinator's changes applied on top: every field this edit changed
 * takes its value from "mine", every other field stays as they saved it. A field both changed
 * takes mine — the coordinator saw both side by side and chose this.
 */
export function theirsPlusMine(base: Body | undefined, mine: Body, theirs: Body): Body {
  const merged: Body = { ...theirs };
  for (const { field, mine: value, changedByMe } of compareVersions(base, mine, theirs)) {
    if (!changedByMe) continue;
    if (value === undefined) delete merged[field];
    else merged[field] = value;
  }
  return merged;
}
