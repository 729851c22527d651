/** The names of the domain, shared by code, API, database and UI (see DESIGN.md). */
export const stages = ['prevention', 'reception', 'decision', 'resolution', 'closed', 'not_accepted', 'review'] as const;
export type Stage = (typeof stages)[number];

/** Stages in which a case is still being worked; the rest are at rest until someone acts. */
export const openStages: readonly Stage[] = ['prevention', 'reception', 'decision', 'resolution', 'review'];

/** The stages a plan describes and the checklist comes from. */
export const planStages = ['prevention', 'reception', 'decision', 'resolution'] as const;
export type PlanStage = (typeof planStages)[number];

export const caseKinds = ['individual', 'collective'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const channels = ['visit', 'letter', 'online', 'phone', 'open311', 'unit_report'] as const;
export type Channel = (typeof channels)[number];

export const urgencies = ['normal', 'urgent', 'major'] as const;
export type Urgency = (typeof urgencies)[number];

export const roles = ['admin', 'coordinator', 'unit_officer', 'leader', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const assignmentRoles = ['lead', 'assisting'] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];

export const unitKinds = ['leadership_group', 'office', 'township', 'department', 'other', 'county', 'prefecture', 'province'] as const;
export type UnitKind = (typeof unitKinds)[number];

/**
 * The kinds of unit that stand for a whole jurisdiction (a county under a prefecture under a
 * province, in one deployment): the root of its own part of the tree, with its own petition office
 * (a child of kind `office`). See core/jurisdictions.ts.
 */
export const jurisdictionKinds = ['county', 'prefecture', 'province'] as const satisfies readonly UnitKind[];

/** The statutory limit on representatives of a collective visit (regulations on petitions, Art. 20). */
export const maxRepresentatives = 5;

export interface Actor {
  id: string;
  role: Role;
  unitId: string | null;
}
