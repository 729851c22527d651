import { jurisdictionKinds, type UnitKind } from './types.js';

/**
 * Several jurisdictions in one unit tree (a county under a prefecture under a province): a unit of a
 * jurisdiction kind (`county`, `prefecture`, `province`) is the root of its jurisdiction, and every
 * unit below it, up to the next root, belongs to it. Units under no root belong to the deployment's
 * own jurisdiction (its "home", root `null`), which has no level above it in the system. Each
 * jurisdiction's petition office is its first active child of kind `office` (top-level for home).
 */
export interface TreeUnit {
  id: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
  createdAt: string;
}

const isRoot = (unit: TreeUnit) => (jurisdictionKinds as readonly string[]).includes(unit.kind);

function byId(units: readonly TreeUnit[]): Map<string, TreeUnit> {
  return new Map(units.map((unit) => [unit.id, unit]));
}

/** The root of the jurisdiction a unit belongs to: itself when it is one, else its nearest root above; null for home. */
export function jurisdictionOf(units: readonly TreeUnit[], unitId: string | null): string | null {
  const index = byId(units);
  let current = unitId === null ? undefined : index.get(unitId);
  // Bounded by the tree's size, so a broken tree cannot hang the walk.
  for (let steps = 0; current && steps <= units.length; steps += 1) {
    if (isRoot(current)) return current.id;
    current = current.parentId === null ? undefined : index.get(current.parentId);
  }
  return null;
}

/** The petition office of a jurisdiction: its first active child of kind `office` (oldest first); null when it has none. */
export function officeOf(units: readonly TreeUnit[], rootId: string | null): string | null {
  const offices = units
    .filter((unit) => unit.kind === 'office' && unit.active && unit.parentId === rootId)
    .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt)));
  return offices[0]?.id ?? null;
}

/** The jurisdiction one level above another: the jurisdiction of the root's parent; null above home or a top root. */
export function jurisdictionAbove(units: readonly TreeUnit[], rootId: string | null): string | null {
  if (rootId === null) return null;
  const root = byId(units).get(rootId);
  if (!root || root.parentId === null) return null;
  return jurisdictionOf(units, root.parentId);
}

/** Every unit of a jurisdiction: the root and the units below it, not those of a jurisdiction further down. */
export function unitsOfJurisdiction(units: readonly TreeUnit[], rootId: string | null): string[] {
  return units.filter((unit) => jurisdictionOf(units, unit.id) === rootId).map((unit) => unit.id);
}

/**
 * The body a review goes to (Art. 35–36): the petition office of the jurisdiction one level above
 * the one that answered. `office` is null when that level is not in the system (or has no office):
 * the review body is then recorded by name, outside the system, and the request printed for it.
 */
export function reviewBodyAbove(units: readonly TreeUnit[], answeredBy: string | null): { rootId: string | null; officeUnitId: string | null } {
  const above = jurisdictionAbove(units, answeredBy);
  if (above === null) return { rootId: null, officeUnitId: null };
  return { rootId: above, officeUnitId: officeOf(units, above) };
}
