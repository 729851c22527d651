import type { Static } from 'typebox';
import type { Matter } from '../contract/cases.js';
import { accuserMaterialShown, type Adoption, type MatterClass, type MatterFacts } from '../core/matter.js';
import type { Actor } from '../core/types.js';
import type { CasesTable } from '../db/schema.js';

/** The case's nature as core/matter.ts judges it. */
export function matterFacts(row: Pick<CasesTable, 'matter_class' | 'discipline_unit_id'>): MatterFacts {
  return { matterClass: row.matter_class ?? null, disciplineUnitId: row.discipline_unit_id ?? null };
}

/** The nature of the matter as staff see it; `accuserMaterialWithheld` says this reader does not see a report's material (Art. 30). */
export function matterView(row: CasesTable, actor: Actor): Static<typeof Matter> {
  return {
    class: (row.matter_class ?? null) as MatterClass | null,
    disciplineUnitId: row.discipline_unit_id ?? null,
    lawfulChannel: row.lawful_channel ? { code: row.lawful_channel, at: row.lawful_channel_at ?? null } : null,
    adoption: row.adoption ? { value: row.adoption as Adoption, note: row.adoption_note ?? '' } : null,
    earlierReference: row.earlier_reference ?? null,
    accuserMaterialWithheld: !accuserMaterialShown(actor, matterFacts(row)),
  };
}
