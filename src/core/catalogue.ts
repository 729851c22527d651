/**
 * The routing catalogue (派单目录, issue 12 item 3): which unit leads on a category of petition in
 * an area, and which assist. At registration the catalogue proposes an assignment; the office
 * confirms it or changes it. Pure: the commands read the rows and the unit tree.
 */

/** A unit of the tree as routing sees it. */
export interface RoutingUnit {
  id: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
}

/** A stored catalogue entry as routing sees it. */
export interface RoutingEntry {
  id: string;
  category: string;
  /** The area it covers (a unit of the tree and everything under it); null: the whole jurisdiction. */
  areaUnitId: string | null;
  leadUnitId: string;
  assistingUnitIds: readonly string[];
}

/**
 * The area a petition comes from, read from where it says it is (the location a counter clerk types,
 * the portal's place, an Open311 address): the unit of the tree whose name appears in it, the longest
 * name winning (`城关镇` over a shorter name it contains). Null when no unit is named.
 */
export function areaFromLocation(units: readonly RoutingUnit[], location: string | null): string | null {
  const text = (location ?? '').trim().toLowerCase();
  if (text === '') return null;
  let best: { id: string; length: number } | null = null;
  for (const unit of units) {
    for (const name of [unit.name, unit.nameEn]) {
      const wanted = name?.trim().toLowerCase() ?? '';
      if (wanted.length < 2 || !text.includes(wanted)) continue;
      if (best === null || wanted.length > best.length) best = { id: unit.id, length: wanted.length };
    }
  }
  return best?.id ?? null;
}

/** A unit and the units above it, nearest first (a broken tree's loop is cut where it repeats). */
export function unitAncestry(units: readonly RoutingUnit[], unitId: string): string[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const chain: string[] = [];
  let current: string | null = unitId;
  while (current !== null && byId.has(current) && !chain.includes(current)) {
    chain.push(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return chain;
}

/**
 * The catalogue entry for a petition: of the entries for its category, the one for its area or the
 * nearest unit above it, else the one for the whole jurisdiction; null when the catalogue has none.
 */
export function chooseEntry<E extends RoutingEntry>(entries: readonly E[], units: readonly RoutingUnit[], petition: { category: string; areaUnitId: string | null }): E | null {
  const forCategory = entries.filter((entry) => entry.category === petition.category);
  if (forCategory.length === 0) return null;
  for (const unitId of petition.areaUnitId === null ? [] : unitAncestry(units, petition.areaUnitId)) {
    const entry = forCategory.find((candidate) => candidate.areaUnitId === unitId);
    if (entry) return entry;
  }
  return forCategory.find((entry) => entry.areaUnitId === null) ?? null;
}

/** The statuses of a routing proposal: proposed at registration, then confirmed as it stood or changed by the office. */
export const routingStatuses = ['proposed', 'confirmed', 'changed'] as const;
export type RoutingStatus = (typeof routingStatuses)[number];

/** How often the office found an entry wrong: the report ranks entries by reroutes and objections, then by changes at confirmation. */
export function misroutings(entry: { reroutes: number; objections: number }): number {
  return entry.reroutes + entry.objections;
}
