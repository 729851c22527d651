import type { Actor } from './types.js';

/**
 * The nature of the matter (Regulations 2022 Art. 29–31): what a petition is decides how it is
 * worked and on which clock. `suggestion` (建议意见, Art. 29) is studied, answered and its adoption
 * recorded; `report` (检举控告, Art. 30) goes to the discipline inspection body and the accuser's
 * material is never shown to the accused's unit; `appeal` (申诉求决, Art. 31) is either sent to its
 * lawful channel (Art. 31 (1)–(5)) or handled as a petition (31 (6)); `inquiry` (咨询) is answered at
 * once or within the plan's short limit. The plan says which classes it uses and their clocks.
 */
export const matterClasses = ['suggestion', 'report', 'appeal', 'inquiry'] as const;
export type MatterClass = (typeof matterClasses)[number];

/** How far a suggestion was adopted (Art. 29): recorded with a note once it has been studied. */
export const adoptions = ['adopted', 'partly', 'not_adopted'] as const;
export type Adoption = (typeof adoptions)[number];

/** What a case holds of its nature, read off the case row. */
export interface MatterFacts {
  matterClass: string | null;
  /** The discipline inspection unit a report was routed to (the plan names it). */
  disciplineUnitId: string | null;
}

/**
 * Whether the actor may see the accuser's material — the description, the names and contacts of
 * petitioner and representatives (Art. 30). On a report only the office, the leaders, the admin,
 * the auditors and the discipline inspection unit's own officers see it: any other unit, which may
 * well be the accused's, never does, even when assigned and even by a break-glass read.
 */
export function accuserMaterialShown(actor: Actor, facts: MatterFacts): boolean {
  if (facts.matterClass !== 'report') return true;
  if (actor.role !== 'unit_officer') return true;
  return actor.unitId !== null && actor.unitId === facts.disciplineUnitId;
}

/**
 * The title a notification to a unit may carry: none on a report sent to a unit other than the
 * discipline inspection unit, for a title typed at the counter is the accuser's material (Art. 30).
 */
export function titleForUnit(title: string, unitId: string, facts: MatterFacts): string {
  return facts.matterClass === 'report' && unitId !== facts.disciplineUnitId ? '' : title;
}

/** Whether a string is one of the classes the regulations know. */
export function isMatterClass(value: string): value is MatterClass {
  return (matterClasses as readonly string[]).includes(value);
}
