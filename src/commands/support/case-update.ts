import { caseNextDueAt } from '../../core/case-deadlines.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import type { CasesTable } from '../../db/schema.js';
import { caseDueTimes } from '../../presenters/case-view.js';
import type { Trx } from '../../context/context.js';

/** Writes changed case fields, keeping `updated_at` and the derived `next_due_at` true. */
export async function updateCase(trx: Trx, row: CaseRow, changes: Partial<CasesTable>, now: string): Promise<CaseRow> {
  const next: CaseRow = { ...row, ...changes, updated_at: now };
  next.next_due_at = caseNextDueAt(caseDueTimes(next));
  const { id: _id, ...fields } = next;
  await trx.updateTable('cases').set(fields).where('id', '=', row.id).execute();
  return next;
}
